-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'SENDING', 'PAUSED', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RecipientState" AS ENUM ('SELECTED', 'BLOCKED', 'QUEUED', 'SENT', 'FAILED', 'BOUNCED', 'FULL', 'CANCELLED');

-- AlterTable
ALTER TABLE "MemberPreferences" ADD COLUMN     "unsubscribedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "campaignId" UUID,
ADD COLUMN     "stratum" TEXT;

-- CreateTable
CREATE TABLE "CurrentConsent" (
    "userId" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "action" "ConsentAction" NOT NULL,
    "versionId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CurrentConsent_pkey" PRIMARY KEY ("userId","purpose")
);

-- CreateTable
CREATE TABLE "RecruitmentSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "maxContactsPer30Days" INTEGER NOT NULL DEFAULT 3,
    "cooldownDays" INTEGER NOT NULL DEFAULT 14,
    "perType" JSONB NOT NULL DEFAULT '{}',
    "targetShares" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RecruitmentSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Segment" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "ownerId" UUID,
    "filters" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Segment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" UUID NOT NULL,
    "studyId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "filters" JSONB NOT NULL DEFAULT '{}',
    "sample" JSONB NOT NULL DEFAULT '{}',
    "seed" TEXT,
    "quotas" JSONB NOT NULL DEFAULT '{}',
    "email" JSONB NOT NULL DEFAULT '{}',
    "sendAt" TIMESTAMPTZ(3),
    "ratePerMinute" INTEGER NOT NULL DEFAULT 600,
    "reminderAfterDays" INTEGER,
    "maxReminders" INTEGER NOT NULL DEFAULT 0,
    "closesAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignRecipient" (
    "campaignId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "stratum" TEXT NOT NULL DEFAULT '',
    "state" "RecipientState" NOT NULL DEFAULT 'SELECTED',
    "blockReason" TEXT,
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "unsubscribedAt" TIMESTAMPTZ(3),
    "unsubscribeHash" TEXT,

    CONSTRAINT "CampaignRecipient_pkey" PRIMARY KEY ("campaignId","userId")
);

-- CreateTable
CREATE TABLE "CampaignMessage" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "token" TEXT,
    "unsubscribeToken" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMPTZ(3),
    "maybeDuplicate" BOOLEAN NOT NULL DEFAULT false,
    "bounced" BOOLEAN NOT NULL DEFAULT false,
    "blockReason" TEXT,
    "lastError" TEXT,
    "smtpResponse" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderLink" (
    "tokenHash" TEXT NOT NULL,
    "invitationId" UUID NOT NULL,

    CONSTRAINT "ReminderLink_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "CurrentConsent_purpose_action_versionId_idx" ON "CurrentConsent"("purpose", "action", "versionId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignRecipient_unsubscribeHash_key" ON "CampaignRecipient"("unsubscribeHash");

-- CreateIndex
CREATE INDEX "CampaignRecipient_campaignId_state_idx" ON "CampaignRecipient"("campaignId", "state");

-- CreateIndex
CREATE INDEX "CampaignRecipient_userId_idx" ON "CampaignRecipient"("userId");

-- CreateIndex
CREATE INDEX "CampaignMessage_status_nextAttemptAt_idx" ON "CampaignMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "CampaignMessage_userId_sentAt_idx" ON "CampaignMessage"("userId", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignMessage_campaignId_userId_kind_key" ON "CampaignMessage"("campaignId", "userId", "kind");

-- CreateIndex
CREATE INDEX "ReminderLink_invitationId_idx" ON "ReminderLink"("invitationId");

-- CreateIndex
CREATE INDEX "Invitation_campaignId_stratum_idx" ON "Invitation"("campaignId", "stratum");

-- CreateIndex
CREATE INDEX "Invitation_invitedOn_idx" ON "Invitation"("invitedOn");

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignRecipient" ADD CONSTRAINT "CampaignRecipient_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignRecipient" ADD CONSTRAINT "CampaignRecipient_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignMessage" ADD CONSTRAINT "CampaignMessage_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderLink" ADD CONSTRAINT "ReminderLink_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CurrentConsent: the latest event per member and purpose, kept by a trigger
-- so every way of writing the ledger keeps it right.
INSERT INTO "CurrentConsent" ("userId", purpose, action, "versionId", at)
SELECT DISTINCT ON ("userId", purpose) "userId", purpose, action, "versionId", at
FROM "ConsentEvent"
ORDER BY "userId", purpose, at DESC, id DESC;

CREATE FUNCTION current_consent_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CurrentConsent" ("userId", purpose, action, "versionId", at)
  VALUES (NEW."userId", NEW.purpose, NEW.action, NEW."versionId", NEW.at)
  ON CONFLICT ("userId", purpose) DO UPDATE
    SET action = EXCLUDED.action, "versionId" = EXCLUDED."versionId", at = EXCLUDED.at
    WHERE "CurrentConsent".at <= EXCLUDED.at;
  RETURN NEW;
END $$;

CREATE TRIGGER "ConsentEvent_current" AFTER INSERT ON "ConsentEvent"
  FOR EACH ROW EXECUTE FUNCTION current_consent_keep();

ALTER TABLE "CurrentConsent" ADD CONSTRAINT "CurrentConsent_userId_fkey"
  FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "RecruitmentSettings" (id, "updatedAt") VALUES (1, now());
