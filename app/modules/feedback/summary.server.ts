// The monthly feedback summary by email: on the first working day of a month
// (Europe/Helsinki) each active unit gets the previous month's summary at its
// shared mailbox, in its language. Run from the server's housekeeping; a run
// later in the month sends what a server that was down on the day missed.
// Once per unit and month: the FeedbackSummarySent row is written in the same
// transaction as the outbox row, with ON CONFLICT DO NOTHING, so two instances
// running at once send one email (the second waits on the row's key and finds it taken).
import { db } from "~/infra/db/panel.server";
import { env } from "~/infra/env.server";
import { formatDate, translator, type Language, type MessageKey } from "~/infra/i18n/i18n";
import { enqueueEmail } from "~/infra/mail/outbox.server";
import type { FeedbackSummaryEmailData } from "~/emails/feedback-summary";
import { numberFormats } from "~/modules/results/format";
import { feedbackReference } from "./kinds";
import { monthlySummary, type MonthlySummary } from "./reports.server";
import { formatWaiting } from "./waiting";
import { nextMonth, summaryDue } from "./working-days";

/** Urgent items named one by one in the email; the rest are counted. */
const URGENT_IN_EMAIL = 10;

/** "huhtikuu 2026", "april 2026", "April 2026". */
export function monthLabel(month: string, language: Language): string {
  return numberFormats(language).month(month);
}

/** The report page of a unit and month, as an absolute link. */
export function reportUrl(unitId: string | null, month: string): string {
  const params = new URLSearchParams({ unit: unitId ?? "all", month });
  return `${env().PUBLIC_URL}/staff/feedback/reports?${params}`;
}

/** A summary worded for the email in one language. */
export function summaryEmailData(summary: MonthlySummary, unitName: string, language: Language): FeedbackSummaryEmailData {
  const t = translator(language);
  const serviceName = (names: { fi: string; sv: string; en: string } | null) => (names ? names[language] : t("feedback.noService"));
  return {
    unitName,
    monthLabel: monthLabel(summary.month, language),
    total: summary.total,
    customers: summary.customers,
    ledToChange: summary.ledToChange,
    categories: summary.byCategory,
    channels: summary.byChannel.filter((c) => c.count > 0),
    services: summary.byService.map((s) => ({ label: serviceName(s.names), count: s.count })),
    actions: summary.actions,
    groups: summary.topGroups.map((g) => ({
      label: g.label,
      items: g.items,
      customers: g.customers,
      channels: g.channels.map((c) => t(`feedback.channel.${c}` as MessageKey)).join(", "),
      period: `${formatDate(g.first, language)} – ${formatDate(g.last, language)}`,
    })),
    openUrgent: summary.openUrgent.slice(0, URGENT_IN_EMAIL).map((u) => ({ reference: feedbackReference(u.number), waiting: formatWaiting(u.waitingMs, t) })),
    openUrgentTotal: summary.openUrgentTotal,
    url: reportUrl(summary.unitId, summary.month),
  };
}

/**
 * Queues the previous month's summary for every active unit that has not had
 * it yet, when the first working day of this month has come. Returns how many
 * were queued. Units made after the month ended are not sent its summary.
 */
export async function sendMonthlySummaries(now = new Date()): Promise<number> {
  const month = summaryDue(now);
  if (!month) return 0;
  const monthEnd = `${nextMonth(month)}-01`;
  const units = await db.$queryRaw<{ id: string; name: string; email: string; language: Language }[]>`
    SELECT u.id, u.name, u.email, u.language::text AS language
    FROM "FeedbackUnit" u
    WHERE u.active
      AND u."createdAt" < (${monthEnd}::timestamp AT TIME ZONE 'Europe/Helsinki')
      AND NOT EXISTS (SELECT 1 FROM "FeedbackSummarySent" s WHERE s."unitId" = u.id AND s.month = ${month})
    ORDER BY u.name`;
  let queued = 0;
  for (const unit of units) {
    const summary = await monthlySummary({ unitId: unit.id, month, now });
    const data = summaryEmailData(summary, unit.name, unit.language);
    const sent = await db.$transaction(async (tx) => {
      const claimed = await tx.$executeRaw`
        INSERT INTO "FeedbackSummarySent" ("unitId", month) VALUES (${unit.id}::uuid, ${month})
        ON CONFLICT ("unitId", month) DO NOTHING`;
      if (claimed !== 1) return false;
      await enqueueEmail(tx, {
        template: "feedback-summary",
        to: unit.email,
        language: unit.language,
        data,
        dedupeKey: `feedback-summary:${unit.id}:${month}`,
      });
      return true;
    });
    if (sent) queued++;
  }
  return queued;
}
