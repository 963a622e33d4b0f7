-- Incentives: reward rules per study, rewards accrued from the panel's own
-- facts (days only), the yearly cap, gift-card codes, bank accounts asked for
-- only when needed, payout batches for finance and re-runnable prize draws.

-- CreateEnum
CREATE TYPE "RewardKind" AS ENUM ('GIFT_CARD', 'BANK_TRANSFER', 'PRIZE_DRAW', 'CHARITY', 'NONE');

-- CreateEnum
CREATE TYPE "RewardCondition" AS ENUM ('COMPLETED', 'ATTENDED');

-- CreateEnum
CREATE TYPE "RewardStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'PAID', 'OVER_CAP', 'NOT_DRAWN');

-- CreateEnum
CREATE TYPE "PayoutStatus" AS ENUM ('OPEN', 'PAID');

-- CreateTable
CREATE TABLE "RewardRule" (
    "id" UUID NOT NULL,
    "studyId" UUID NOT NULL,
    "kind" "RewardKind" NOT NULL,
    "condition" "RewardCondition" NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "budgetCents" INTEGER NOT NULL,
    "prizes" INTEGER,
    "charity" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RewardRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reward" (
    "id" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "studyId" UUID NOT NULL,
    "userId" UUID,
    "source" TEXT NOT NULL,
    "kind" "RewardKind" NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "status" "RewardStatus" NOT NULL,
    "year" INTEGER NOT NULL,
    "accruedOn" DATE NOT NULL,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" UUID,
    "rejectReason" TEXT,
    "paidOn" DATE,
    "payoutBatchId" UUID,
    "drawId" UUID,

    CONSTRAINT "Reward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncentiveSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "yearlyCapCents" INTEGER NOT NULL DEFAULT 30000,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IncentiveSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GiftCard" (
    "id" UUID NOT NULL,
    "codeHash" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "codeLast4" TEXT NOT NULL,
    "valueCents" INTEGER NOT NULL,
    "expiresOn" DATE,
    "upload" TEXT NOT NULL,
    "uploadedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uploadedById" UUID,
    "rewardId" UUID,
    "deliveredOn" DATE,

    CONSTRAINT "GiftCard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankAccount" (
    "userId" UUID NOT NULL,
    "iban" TEXT NOT NULL,
    "ibanLast4" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankAccount_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "PayoutBatch" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "status" "PayoutStatus" NOT NULL DEFAULT 'OPEN',
    "totalCents" INTEGER NOT NULL,
    "lines" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,
    "exportedAt" TIMESTAMPTZ(3),
    "paidOn" DATE,

    CONSTRAINT "PayoutBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrizeDraw" (
    "id" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "studyId" UUID NOT NULL,
    "seed" TEXT NOT NULL,
    "prizes" INTEGER NOT NULL,
    "prizeCents" INTEGER NOT NULL,
    "entries" TEXT[],
    "entriesDigest" TEXT NOT NULL,
    "winners" TEXT[],
    "drawnAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "drawnById" UUID,

    CONSTRAINT "PrizeDraw_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RewardRule_studyId_condition_key" ON "RewardRule"("studyId", "condition");

-- CreateIndex
CREATE INDEX "Reward_userId_year_idx" ON "Reward"("userId", "year");

-- CreateIndex
CREATE INDEX "Reward_studyId_status_idx" ON "Reward"("studyId", "status");

-- CreateIndex
CREATE INDEX "Reward_status_kind_idx" ON "Reward"("status", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Reward_ruleId_source_key" ON "Reward"("ruleId", "source");

-- CreateIndex
CREATE UNIQUE INDEX "GiftCard_codeHash_key" ON "GiftCard"("codeHash");

-- CreateIndex
CREATE UNIQUE INDEX "GiftCard_rewardId_key" ON "GiftCard"("rewardId");

-- CreateIndex
CREATE INDEX "GiftCard_valueCents_rewardId_idx" ON "GiftCard"("valueCents", "rewardId");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutBatch_reference_key" ON "PayoutBatch"("reference");

-- CreateIndex
CREATE INDEX "PrizeDraw_studyId_idx" ON "PrizeDraw"("studyId");

-- AddForeignKey
ALTER TABLE "RewardRule" ADD CONSTRAINT "RewardRule_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reward" ADD CONSTRAINT "Reward_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "RewardRule"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reward" ADD CONSTRAINT "Reward_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reward" ADD CONSTRAINT "Reward_payoutBatchId_fkey" FOREIGN KEY ("payoutBatchId") REFERENCES "PayoutBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GiftCard" ADD CONSTRAINT "GiftCard_rewardId_fkey" FOREIGN KEY ("rewardId") REFERENCES "Reward"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankAccount" ADD CONSTRAINT "BankAccount_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrizeDraw" ADD CONSTRAINT "PrizeDraw_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "RewardRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Amounts are never negative; a prize draw has prizes.
ALTER TABLE "RewardRule" ADD CONSTRAINT "RewardRule_amounts" CHECK ("amountCents" >= 0 AND "budgetCents" >= 0 AND ("prizes" IS NULL OR "prizes" > 0));
ALTER TABLE "Reward" ADD CONSTRAINT "Reward_amount" CHECK ("amountCents" >= 0);
ALTER TABLE "IncentiveSettings" ADD CONSTRAINT "IncentiveSettings_one_row" CHECK ("id" = 1);
INSERT INTO "IncentiveSettings" (id, "updatedAt") VALUES (1, now());
