-- CreateEnum
CREATE TYPE "StudyType" AS ENUM ('SURVEY', 'INTERVIEW', 'WORKSHOP', 'USABILITY_TEST', 'CUSTOMER_COUNCIL');

-- CreateEnum
CREATE TYPE "StudyStatus" AS ENUM ('DRAFT', 'RECRUITING', 'CLOSED', 'ARCHIVED');

-- CreateTable
CREATE TABLE "Study" (
    "id" UUID NOT NULL,
    "type" "StudyType" NOT NULL,
    "status" "StudyStatus" NOT NULL DEFAULT 'DRAFT',
    "title" JSONB NOT NULL,
    "description" JSONB NOT NULL,
    "ownerId" UUID,
    "analysisAttributes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "minGroupSize" INTEGER NOT NULL DEFAULT 5,
    "closesAt" TIMESTAMPTZ(3),
    "responseQuota" INTEGER,
    "openLinkToken" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Study_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StudyTeam" (
    "studyId" UUID NOT NULL,
    "userId" UUID NOT NULL,

    CONSTRAINT "StudyTeam_pkey" PRIMARY KEY ("studyId","userId")
);

-- CreateTable
CREATE TABLE "SurveyVersion" (
    "id" UUID NOT NULL,
    "studyId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "frozenAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SurveyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" UUID NOT NULL,
    "studyId" UUID NOT NULL,
    "userId" UUID,
    "tokenHash" TEXT NOT NULL,
    "invitedOn" DATE NOT NULL,
    "completedOn" DATE,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Study_openLinkToken_key" ON "Study"("openLinkToken");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyVersion_studyId_version_key" ON "SurveyVersion"("studyId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_userId_idx" ON "Invitation"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_studyId_userId_key" ON "Invitation"("studyId", "userId");

-- AddForeignKey
ALTER TABLE "Study" ADD CONSTRAINT "Study_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyTeam" ADD CONSTRAINT "StudyTeam_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyTeam" ADD CONSTRAINT "StudyTeam_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyVersion" ADD CONSTRAINT "SurveyVersion_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

