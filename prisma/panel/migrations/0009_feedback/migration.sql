-- CreateEnum
CREATE TYPE "FeedbackChannel" AS ENUM ('WEB', 'PHONE', 'EMAIL', 'VISIT', 'MEETING', 'CHAT', 'LETTER', 'OTHER');

-- CreateEnum
CREATE TYPE "FeedbackCategory" AS ENUM ('THANKS', 'COMPLAINT', 'IDEA');

-- CreateEnum
CREATE TYPE "FeedbackCustomerType" AS ENUM ('PRIVATE', 'EMPLOYER', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "FeedbackStatus" AS ENUM ('NEW', 'IN_PROGRESS', 'RESOLVED', 'CLOSED');

-- CreateEnum
CREATE TYPE "FeedbackActionKind" AS ENUM ('RECEIVED', 'ASSIGNED', 'STATUS', 'ACTION', 'REPLY', 'CHANGE', 'CHURN_RISK', 'PUBLISHED', 'UNPUBLISHED', 'GROUPED');

-- CreateTable
CREATE TABLE "FeedbackUnit" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "language" "Language" NOT NULL DEFAULT 'fi',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedbackUnit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackUnitHandler" (
    "unitId" UUID NOT NULL,
    "userId" UUID NOT NULL,

    CONSTRAINT "FeedbackUnitHandler_pkey" PRIMARY KEY ("unitId","userId")
);

-- CreateTable
CREATE TABLE "FeedbackService" (
    "id" UUID NOT NULL,
    "nameFi" TEXT NOT NULL,
    "nameSv" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedbackService_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackRoutingRule" (
    "id" UUID NOT NULL,
    "serviceId" UUID,
    "category" "FeedbackCategory",
    "unitId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedbackRoutingRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackGroup" (
    "id" UUID NOT NULL,
    "title" TEXT,
    "terms" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FeedbackGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" "FeedbackChannel" NOT NULL,
    "category" "FeedbackCategory" NOT NULL,
    "serviceId" UUID,
    "customerType" "FeedbackCustomerType" NOT NULL DEFAULT 'UNKNOWN',
    "employerName" TEXT,
    "employerId" TEXT,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "text" TEXT NOT NULL,
    "language" "Language" NOT NULL DEFAULT 'fi',
    "wantsContact" BOOLEAN NOT NULL DEFAULT false,
    "contactName" TEXT,
    "contactEmail" TEXT,
    "contactPhone" TEXT,
    "status" "FeedbackStatus" NOT NULL DEFAULT 'NEW',
    "unitId" UUID,
    "assigneeId" UUID,
    "loggedById" UUID,
    "churnRisk" BOOLEAN NOT NULL DEFAULT false,
    "ledToChange" BOOLEAN NOT NULL DEFAULT false,
    "changeText" TEXT,
    "groupId" UUID,
    "stems" TEXT[],
    "groupLocked" BOOLEAN NOT NULL DEFAULT false,
    "resolvedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackAction" (
    "id" UUID NOT NULL,
    "feedbackId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" "FeedbackActionKind" NOT NULL,
    "byId" UUID,
    "text" TEXT,

    CONSTRAINT "FeedbackAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublishedChange" (
    "id" UUID NOT NULL,
    "feedbackId" UUID,
    "language" "Language" NOT NULL,
    "said" TEXT NOT NULL,
    "did" TEXT NOT NULL,
    "unitName" TEXT,
    "serviceId" UUID,
    "publishedOn" DATE NOT NULL,
    "publishedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublishedChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "retentionMonths" INTEGER NOT NULL DEFAULT 24,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FeedbackSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackSummarySent" (
    "unitId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedbackSummarySent_pkey" PRIMARY KEY ("unitId","month")
);

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackUnit_name_key" ON "FeedbackUnit"("name");

-- CreateIndex
CREATE INDEX "FeedbackUnitHandler_userId_idx" ON "FeedbackUnitHandler"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackRoutingRule_serviceId_category_key" ON "FeedbackRoutingRule"("serviceId", "category");

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_number_key" ON "Feedback"("number");

-- CreateIndex
CREATE INDEX "Feedback_status_unitId_idx" ON "Feedback"("status", "unitId");

-- CreateIndex
CREATE INDEX "Feedback_receivedAt_idx" ON "Feedback"("receivedAt");

-- CreateIndex
CREATE INDEX "Feedback_groupId_idx" ON "Feedback"("groupId");

-- CreateIndex
CREATE INDEX "Feedback_churnRisk_status_idx" ON "Feedback"("churnRisk", "status");

-- CreateIndex
CREATE INDEX "FeedbackAction_feedbackId_at_idx" ON "FeedbackAction"("feedbackId", "at");

-- CreateIndex
CREATE INDEX "FeedbackAction_at_kind_idx" ON "FeedbackAction"("at", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "PublishedChange_feedbackId_key" ON "PublishedChange"("feedbackId");

-- CreateIndex
CREATE INDEX "PublishedChange_publishedOn_idx" ON "PublishedChange"("publishedOn");

-- AddForeignKey
ALTER TABLE "FeedbackUnitHandler" ADD CONSTRAINT "FeedbackUnitHandler_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "FeedbackUnit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackRoutingRule" ADD CONSTRAINT "FeedbackRoutingRule_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "FeedbackService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackRoutingRule" ADD CONSTRAINT "FeedbackRoutingRule_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "FeedbackUnit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "FeedbackService"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "FeedbackUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "FeedbackGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackAction" ADD CONSTRAINT "FeedbackAction_feedbackId_fkey" FOREIGN KEY ("feedbackId") REFERENCES "Feedback"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublishedChange" ADD CONSTRAINT "PublishedChange_feedbackId_fkey" FOREIGN KEY ("feedbackId") REFERENCES "Feedback"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackSummarySent" ADD CONSTRAINT "FeedbackSummarySent_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "FeedbackUnit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

