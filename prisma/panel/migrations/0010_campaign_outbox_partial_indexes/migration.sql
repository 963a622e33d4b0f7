-- DropIndex
DROP INDEX "CampaignMessage_status_nextAttemptAt_idx";

-- DropIndex
DROP INDEX "CampaignMessage_userId_sentAt_idx";

-- DropIndex
DROP INDEX "CampaignMessage_campaignId_status_nextAttemptAt_idx";

-- DropIndex
DROP INDEX "CampaignMessage_campaignId_sentAt_idx";


-- One partial index per state a campaign message passes through. An UPDATE
-- that moves a row out of a state adds no entry to that state's index, so
-- claiming (PENDING -> SENDING) and marking (SENDING -> SENT) write three
-- index entries each instead of six. Prisma's schema cannot express partial
-- indexes; schema.prisma says so where the old ones were.

-- claiming a campaign's due rows; the campaigns with due rows
CREATE INDEX "CampaignMessage_pending_idx" ON "CampaignMessage" ("campaignId", "nextAttemptAt") WHERE status = 'PENDING';
CREATE INDEX "CampaignMessage_pending_due_idx" ON "CampaignMessage" ("nextAttemptAt") WHERE status = 'PENDING';
-- live and expired leases
CREATE INDEX "CampaignMessage_sending_idx" ON "CampaignMessage" ("campaignId", "lockedUntil") WHERE status = 'SENDING';
-- the sending rate: a campaign's messages sent in the last minute
CREATE INDEX "CampaignMessage_sent_idx" ON "CampaignMessage" ("campaignId", "sentAt") WHERE status = 'SENT';
-- contact-fatigue rules: reminders a member received
CREATE INDEX "CampaignMessage_reminder_sent_idx" ON "CampaignMessage" ("userId", "sentAt") WHERE status = 'SENT' AND kind LIKE 'reminder-%';
