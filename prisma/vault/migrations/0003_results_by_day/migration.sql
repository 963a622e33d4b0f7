-- CreateIndex
CREATE INDEX "Response_studyId_surveyVersion_submittedOn_idx" ON "Response"("studyId", "surveyVersion", "submittedOn");

