-- The campaign sender claims a campaign's due rows in send order and counts
-- what it sent in the last minute; without these, both scanned every row of
-- the campaign once per claimed batch.
-- CreateIndex
CREATE INDEX "CampaignMessage_campaignId_status_nextAttemptAt_idx" ON "CampaignMessage"("campaignId", "status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "CampaignMessage_campaignId_sentAt_idx" ON "CampaignMessage"("campaignId", "sentAt");

