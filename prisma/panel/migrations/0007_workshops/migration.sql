-- Workshops: slots members book for interviews, workshops, usability tests
-- and council meetings; bookings with the waitlist and consent choices;
-- notes of the research team; council terms; a calendar entry on outbox mail.

-- CreateEnum
CREATE TYPE "SlotMode" AS ENUM ('IN_PERSON', 'REMOTE');

-- CreateEnum
CREATE TYPE "BookingState" AS ENUM ('BOOKED', 'WAITLISTED', 'CANCELLED', 'ATTENDED', 'NO_SHOW');

-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "calendar" JSONB;

-- AlterTable
ALTER TABLE "Study" ADD COLUMN     "bookingCutoffHours" INTEGER NOT NULL DEFAULT 24,
ADD COLUMN     "reminderHours" INTEGER[] DEFAULT ARRAY[24, 1]::INTEGER[];

-- CreateTable
CREATE TABLE "Slot" (
    "id" UUID NOT NULL,
    "studyId" UUID NOT NULL,
    "seriesId" UUID,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,
    "language" "Language" NOT NULL,
    "mode" "SlotMode" NOT NULL,
    "address" TEXT,
    "accessibility" TEXT,
    "videoLink" TEXT,
    "bring" TEXT,
    "facilitatorIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "asksDevice" BOOLEAN NOT NULL DEFAULT false,
    "cancelledAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Slot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" UUID NOT NULL,
    "slotId" UUID NOT NULL,
    "studyId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "state" "BookingState" NOT NULL,
    "observationConsent" BOOLEAN,
    "recordingConsent" BOOLEAN,
    "accessibilityNeeds" TEXT,
    "device" TEXT,
    "assistiveTech" TEXT,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "queuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "remindedHours" INTEGER[] DEFAULT ARRAY[]::INTEGER[],

    CONSTRAINT "Booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlotNote" (
    "id" UUID NOT NULL,
    "slotId" UUID NOT NULL,
    "authorId" UUID,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlotNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CouncilTerm" (
    "id" UUID NOT NULL,
    "studyId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "endReminderSentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CouncilTerm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Slot_studyId_startsAt_idx" ON "Slot"("studyId", "startsAt");

-- CreateIndex
CREATE INDEX "Slot_startsAt_idx" ON "Slot"("startsAt");

-- CreateIndex
CREATE INDEX "Booking_studyId_userId_idx" ON "Booking"("studyId", "userId");

-- CreateIndex
CREATE INDEX "Booking_userId_idx" ON "Booking"("userId");

-- CreateIndex
CREATE INDEX "Booking_slotId_state_queuedAt_idx" ON "Booking"("slotId", "state", "queuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_slotId_userId_key" ON "Booking"("slotId", "userId");

-- CreateIndex
CREATE INDEX "SlotNote_slotId_createdAt_idx" ON "SlotNote"("slotId", "createdAt");

-- CreateIndex
CREATE INDEX "CouncilTerm_studyId_endsOn_idx" ON "CouncilTerm"("studyId", "endsOn");

-- CreateIndex
CREATE INDEX "CouncilTerm_userId_idx" ON "CouncilTerm"("userId");

-- AddForeignKey
ALTER TABLE "Slot" ADD CONSTRAINT "Slot_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "Slot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlotNote" ADD CONSTRAINT "SlotNote_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "Slot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouncilTerm" ADD CONSTRAINT "CouncilTerm_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouncilTerm" ADD CONSTRAINT "CouncilTerm_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

