-- AlterTable
ALTER TABLE "Study" ADD COLUMN     "consentText" JSONB NOT NULL DEFAULT '{}';

