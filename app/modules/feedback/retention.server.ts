// Feedback is kept for FeedbackSettings.retentionMonths (24 by default) from
// its arrival, then deleted with its action log (the foreign key cascades).
// Recurrence groups left without items go too. Published "you said, we did"
// entries stay: they hold no personal data, and the foreign key only clears
// their link to the item. Run from the server's housekeeping; two instances
// running it at once delete the same rows once.
import { db } from "~/infra/db/panel.server";

export const DEFAULT_RETENTION_MONTHS = 24;
/** Rows deleted per statement, so a first purge of years of data does not hold long locks. */
const BATCH = 1000;

export async function retentionMonths(): Promise<number> {
  const settings = await db.feedbackSettings.findUnique({ where: { id: 1 }, select: { retentionMonths: true } });
  const months = settings?.retentionMonths ?? DEFAULT_RETENTION_MONTHS;
  return Number.isInteger(months) && months > 0 ? months : DEFAULT_RETENTION_MONTHS;
}

/** Deletes the items received more than the retention period before `now`. Returns what went. */
export async function purgeOldFeedback(now = new Date()): Promise<{ items: number; groups: number }> {
  const months = await retentionMonths();
  let items = 0;
  const touchedGroups = new Set<string>();
  for (;;) {
    const deleted = await db.$queryRaw<{ groupId: string | null }[]>`
      DELETE FROM "Feedback" WHERE id IN (
        SELECT id FROM "Feedback"
        WHERE "receivedAt" < (${now}::timestamptz - make_interval(months => ${months}::int))
        ORDER BY "receivedAt" LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED)
      RETURNING "groupId"`;
    items += deleted.length;
    for (const row of deleted) if (row.groupId) touchedGroups.add(row.groupId);
    if (deleted.length < BATCH) break;
  }
  // Only the groups this purge emptied: a group a handler is filling by hand is not ours to judge.
  let groups = 0;
  if (touchedGroups.size > 0) {
    groups = await db.$executeRaw`
      DELETE FROM "FeedbackGroup" g
      WHERE g.id = ANY(${[...touchedGroups]}::uuid[])
        AND NOT EXISTS (SELECT 1 FROM "Feedback" f WHERE f."groupId" = g.id)`;
  }
  return { items, groups };
}
