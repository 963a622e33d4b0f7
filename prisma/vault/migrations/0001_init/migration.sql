-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Response" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "studyId" UUID NOT NULL,
    "surveyVersion" INTEGER NOT NULL,
    "answers" JSONB NOT NULL,
    "attributes" JSONB NOT NULL,
    "submittedOn" DATE NOT NULL,
    "dedupeKey" TEXT,

    CONSTRAINT "Response_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Response_dedupeKey_key" ON "Response"("dedupeKey");

-- CreateIndex
CREATE INDEX "Response_studyId_surveyVersion_idx" ON "Response"("studyId", "surveyVersion");

