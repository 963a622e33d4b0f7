// Timed mail of workshops, run by the app's housekeeping every minute:
// reminders of booked slots (the study's reminderHours, e.g. 24 h and 1 h
// before) and the reminder before a council term ends. Each is sent once:
// the row is marked in the same statement that claims it (a concurrent run
// finds it marked), and the email's dedupe key repeats nothing either.
import { db } from "~/infra/db/panel.server";
import { formatDate, isLanguage } from "~/infra/i18n/i18n";
import { enqueueEmail } from "~/infra/mail/outbox.server";
import { helsinkiDay } from "~/modules/studies/days";
import { localized } from "~/modules/studies/texts";
import { notifyBooking } from "./notify.server";
import { TERM_ENDING_DAYS } from "./workshops.server";

/**
 * For every booked place whose slot starts within one of its study's
 * reminder hours not yet reminded: one reminder (for the nearest such
 * hour), and every hour at least that far marked done. Returns how many.
 */
export async function sendSlotReminders(now = new Date()): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = await db.$transaction(async (tx) => {
      const due = await tx.$queryRaw<{ id: string; hours: number; startsAt: Date }[]>`
        WITH due AS (
          SELECT b.id, s."startsAt",
                 (SELECT min(h) FROM unnest(st."reminderHours") h
                  WHERE s."startsAt" <= ${now}::timestamptz + make_interval(hours => h) AND NOT (h = ANY (b."remindedHours"))) AS hours
          FROM "Booking" b JOIN "Slot" s ON s.id = b."slotId" JOIN "Study" st ON st.id = s."studyId"
          WHERE b.state = 'BOOKED' AND s."cancelledAt" IS NULL AND s."startsAt" > ${now}::timestamptz
            AND s."startsAt" <= ${now}::timestamptz + make_interval(hours => (SELECT max(h) FROM unnest(st."reminderHours") h))
          FOR UPDATE OF b SKIP LOCKED
        )
        SELECT id, hours, "startsAt" FROM due WHERE hours IS NOT NULL LIMIT 100`;
      for (const row of due) {
        await tx.$executeRaw`
          UPDATE "Booking" b SET "remindedHours" = ARRAY(
            SELECT DISTINCT h FROM unnest(b."remindedHours" || ARRAY(SELECT h FROM unnest(st."reminderHours") h WHERE h >= ${row.hours}::int)) h)
          FROM "Slot" s JOIN "Study" st ON st.id = s."studyId" WHERE b.id = ${row.id}::uuid AND s.id = b."slotId"`;
        await notifyBooking(tx, row.id, "reminder", { dedupe: `booking-reminder:${row.id}:${row.startsAt.getTime()}:${row.hours}` });
      }
      return due.length;
    });
    sent += batch;
    if (batch < 100) return sent;
  }
}

/** Members whose council term ends within TERM_ENDING_DAYS get one reminder. Returns how many. */
export async function sendCouncilTermReminders(now = new Date()): Promise<number> {
  const today = helsinkiDay(now);
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + TERM_ENDING_DAYS * 86_400_000);
  return db.$transaction(async (tx) => {
    const terms = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "CouncilTerm" SET "endReminderSentAt" = ${now}::timestamptz
      WHERE "endReminderSentAt" IS NULL AND "endsOn" >= ${today}::date AND "endsOn" <= ${until}::date AND "startsOn" <= ${today}::date
      RETURNING id`;
    for (const { id } of terms) {
      const term = await tx.councilTerm.findUniqueOrThrow({
        where: { id },
        select: { endsOn: true, study: { select: { title: true } }, user: { select: { id: true, email: true, language: true, status: true } } },
      });
      if (term.user.status !== "ACTIVE") continue;
      const language = isLanguage(term.user.language) ? term.user.language : "fi";
      await enqueueEmail(tx, {
        template: "council-term-ending",
        to: term.user.email,
        language,
        memberId: term.user.id,
        dedupeKey: `council-term-ending:${id}`,
        data: { title: localized(term.study.title, language), date: formatDate(term.endsOn, language) },
      });
    }
    return terms.length;
  });
}
