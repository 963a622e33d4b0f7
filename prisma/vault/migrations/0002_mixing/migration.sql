-- CreateTable
CREATE TABLE "PendingResponse" (
    "dedupeKey" TEXT NOT NULL,
    "studyId" UUID NOT NULL,
    "surveyVersion" INTEGER NOT NULL,
    "answers" JSONB NOT NULL,
    "attributes" JSONB NOT NULL,
    "submittedOn" DATE NOT NULL,

    CONSTRAINT "PendingResponse_pkey" PRIMARY KEY ("dedupeKey")
);

-- CreateTable
CREATE TABLE "Draft" (
    "key" TEXT NOT NULL,
    "studyId" UUID NOT NULL,
    "surveyVersion" INTEGER NOT NULL,
    "answers" JSONB NOT NULL,
    "section" INTEGER NOT NULL DEFAULT 0,
    "savedOn" DATE NOT NULL,

    CONSTRAINT "Draft_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "PendingResponse_submittedOn_idx" ON "PendingResponse"("submittedOn");

