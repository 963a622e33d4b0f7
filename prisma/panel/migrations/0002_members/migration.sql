-- CreateEnum
CREATE TYPE "ConsentAction" AS ENUM ('GIVEN', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ConsentChannel" AS ENUM ('JOIN', 'WEB', 'EMAIL_LINK', 'SIGN_IN');

-- AlterEnum
ALTER TYPE "OutboxStatus" ADD VALUE 'CANCELLED';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailFailing" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "MemberProfile" ADD COLUMN     "accessibilityNeeds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "actsForEmployer" BOOLEAN,
ADD COLUMN     "digitalUse" TEXT,
ADD COLUMN     "employerIndustry" TEXT,
ADD COLUMN     "employerSize" TEXT;

-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "userId" UUID;

-- CreateTable
CREATE TABLE "MemberPreferences" (
    "userId" UUID NOT NULL,
    "studyTypes" TEXT[] DEFAULT ARRAY['SURVEY', 'INTERVIEW', 'WORKSHOP', 'USABILITY_TEST', 'CUSTOMER_COUNCIL']::TEXT[],
    "maxInvitationsPerMonth" INTEGER NOT NULL DEFAULT 2,
    "pausedUntil" DATE,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MemberPreferences_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "JoinRequest" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "emailHash" TEXT NOT NULL,
    "language" "Language" NOT NULL,
    "birthYear" INTEGER NOT NULL,
    "termsVersionId" UUID NOT NULL,
    "profileUse" BOOLEAN NOT NULL DEFAULT false,
    "codeHash" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JoinRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailChange" (
    "userId" UUID NOT NULL,
    "newEmail" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailChange_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "ConsentVersion" (
    "id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" UUID,

    CONSTRAINT "ConsentVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentText" (
    "versionId" UUID NOT NULL,
    "language" "Language" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,

    CONSTRAINT "ConsentText_pkey" PRIMARY KEY ("versionId","language")
);

-- CreateTable
CREATE TABLE "ConsentEvent" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "versionId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "textHash" TEXT NOT NULL,
    "language" "Language" NOT NULL,
    "channel" "ConsentChannel" NOT NULL,
    "action" "ConsentAction" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Suppression" (
    "addressHash" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Suppression_pkey" PRIMARY KEY ("addressHash")
);

-- CreateIndex
CREATE UNIQUE INDEX "JoinRequest_tokenHash_key" ON "JoinRequest"("tokenHash");

-- CreateIndex
CREATE INDEX "JoinRequest_emailHash_idx" ON "JoinRequest"("emailHash");

-- CreateIndex
CREATE INDEX "JoinRequest_expiresAt_idx" ON "JoinRequest"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentVersion_purpose_version_key" ON "ConsentVersion"("purpose", "version");

-- CreateIndex
CREATE INDEX "ConsentEvent_userId_purpose_at_idx" ON "ConsentEvent"("userId", "purpose", "at");

-- CreateIndex
CREATE INDEX "ConsentEvent_versionId_action_idx" ON "ConsentEvent"("versionId", "action");

-- CreateIndex
CREATE INDEX "OutboxEmail_userId_status_idx" ON "OutboxEmail"("userId", "status");

-- AddForeignKey
ALTER TABLE "MemberPreferences" ADD CONSTRAINT "MemberPreferences_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailChange" ADD CONSTRAINT "EmailChange_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentText" ADD CONSTRAINT "ConsentText_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ConsentVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentEvent" ADD CONSTRAINT "ConsentEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentEvent" ADD CONSTRAINT "ConsentEvent_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ConsentVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The consent ledger and published consent texts are append-only: no row is
-- ever changed in place (erasing a member deletes their events, nothing else).
CREATE FUNCTION panel_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER "ConsentEvent_append_only" BEFORE UPDATE ON "ConsentEvent" FOR EACH ROW EXECUTE FUNCTION panel_refuse_update();
CREATE TRIGGER "ConsentText_append_only" BEFORE UPDATE ON "ConsentText" FOR EACH ROW EXECUTE FUNCTION panel_refuse_update();
CREATE TRIGGER "ConsentVersion_append_only" BEFORE UPDATE ON "ConsentVersion" FOR EACH ROW EXECUTE FUNCTION panel_refuse_update();
