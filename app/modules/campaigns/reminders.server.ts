// Reminders, and the end of a campaign.
//
// A recipient whose invitation went out reminderAfterDays ago and who has not
// completed gets a reminder, then another after as many days again, at most
// maxReminders. Each reminder is a CampaignMessage "reminder-<n>" with a fresh
// answering token: the invitation's token is gone once sent, so the reminder's
// token gets a ReminderLink (its panel hash → the same invitation,
// docs/decisions/0015). The sender checks the fatigue rules again when it
// sends one, and it counts as a contact once sent.
//
// A campaign is DONE when nothing is waiting to be sent and no reminder can
// still fall due (every recipient answered, unsubscribed, had all their
// reminders, or the campaign or study closed).
import { panelPool } from "~/infra/db/panel.server";
import { randomToken } from "~/infra/security/hash.server";
import { panelTokenHash } from "~/modules/studies/invitations.server";
import { recipientUnsubscribeToken, unsubscribeTokenHash } from "./unsubscribe.server";

/**
 * Recipients who are owed a reminder by `$1` (or, with `anyTime`, ever will
 * be): the campaign sending with reminders on and not closed, the study
 * recruiting; the recipient's invitation sent and not completed, not
 * unsubscribed, fewer than maxReminders reminders, nothing of theirs waiting,
 * their stratum not full. The wait runs from their latest message (a blocked
 * reminder too, so a blocked one is not replaced at once).
 */
function owedSql(anyTime: boolean) {
  return `
    WITH open AS (
      SELECT c.id, c."studyId", c."maxReminders", c."reminderAfterDays", c.quotas
      FROM "Campaign" c JOIN "Study" s ON s.id = c."studyId"
      WHERE c.status = 'SENDING' AND c."reminderAfterDays" IS NOT NULL AND c."maxReminders" > 0
        AND s.status = 'RECRUITING'
        AND (c."closesAt" IS NULL OR c."closesAt" > $1::timestamptz)
        AND (s."closesAt" IS NULL OR s."closesAt" > $1::timestamptz)
        ${anyTime ? `AND c.id = ANY($2::uuid[])` : ""}
    ), full_strata AS (
      SELECT i."campaignId", i.stratum FROM "Invitation" i JOIN open o ON o.id = i."campaignId"
      WHERE i."completedOn" IS NOT NULL AND o.quotas ? i.stratum
      GROUP BY i."campaignId", i.stratum, o.quotas
      HAVING count(*) >= (o.quotas ->> i.stratum)::int
    )
    SELECT o.id AS "campaignId", r."userId", i.id AS "invitationId", h.reminders + 1 AS n
    FROM open o
    JOIN "CampaignRecipient" r ON r."campaignId" = o.id AND r.state = 'SENT' AND r."unsubscribedAt" IS NULL
    JOIN "Invitation" i ON i."studyId" = o."studyId" AND i."userId" = r."userId" AND i."completedOn" IS NULL
    JOIN LATERAL (
      SELECT count(*) FILTER (WHERE m.kind LIKE 'reminder-%')::int AS reminders,
             max(COALESCE(m."sentAt", m."createdAt")) AS latest,
             COALESCE(bool_or(m.status IN ('PENDING', 'SENDING')), false) AS waiting
      FROM "CampaignMessage" m WHERE m."campaignId" = o.id AND m."userId" = r."userId"
    ) h ON NOT h.waiting AND h.reminders < o."maxReminders"
       ${anyTime ? "" : `AND h.latest <= $1::timestamptz - make_interval(days => o."reminderAfterDays")`}
    WHERE NOT EXISTS (SELECT 1 FROM full_strata f WHERE f."campaignId" = o.id AND f.stratum = r.stratum)`;
}

/** Queues the reminders due at `now`; returns how many. Safe to run on several instances at once. */
export async function scheduleReminders(now: Date = new Date()): Promise<number> {
  const { rows } = await panelPool().query<{ campaignId: string; userId: string; invitationId: string; n: number }>(owedSql(false), [now]);
  if (rows.length === 0) return 0;
  const tokens = rows.map(() => randomToken(24));
  // The recipient's one unsubscribe link, the same as in their invitation.
  const unsubscribe = rows.map((r) => recipientUnsubscribeToken(r.campaignId, r.userId));
  // One statement: the messages (a row another instance queued first is left
  // alone), the links of those actually queued, and the recipients' hash
  // (already this one, unless their invitation was queued with a drawn token).
  const { rows: created } = await panelPool().query<{ n: number }>(
    `WITH x AS (
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[])
         AS x("campaignId", "userId", kind, token, "unsubscribeToken", "invitationId", "linkHash", "unsubscribeHash")
     ), queued AS (
       INSERT INTO "CampaignMessage" (id, "campaignId", "userId", kind, token, "unsubscribeToken")
       SELECT gen_random_uuid(), x."campaignId", x."userId", x.kind, x.token, x."unsubscribeToken" FROM x
       ON CONFLICT ("campaignId", "userId", kind) DO NOTHING
       RETURNING "campaignId", "userId", kind
     ), links AS (
       INSERT INTO "ReminderLink" ("tokenHash", "invitationId")
       SELECT x."linkHash", x."invitationId" FROM x JOIN queued q USING ("campaignId", "userId", kind)
     ), recipients AS (
       UPDATE "CampaignRecipient" r SET "unsubscribeHash" = x."unsubscribeHash"
       FROM x JOIN queued q USING ("campaignId", "userId", kind)
       WHERE r."campaignId" = x."campaignId" AND r."userId" = x."userId" AND r."unsubscribeHash" IS DISTINCT FROM x."unsubscribeHash"
     )
     SELECT count(*)::int AS n FROM queued`,
    [
      rows.map((r) => r.campaignId),
      rows.map((r) => r.userId),
      rows.map((r) => `reminder-${r.n}`),
      tokens,
      unsubscribe,
      rows.map((r) => r.invitationId),
      tokens.map(panelTokenHash),
      unsubscribe.map(unsubscribeTokenHash),
    ],
  );
  return created[0]?.n ?? 0;
}

/**
 * Marks DONE the sending campaigns (and scheduled ones past their send time)
 * with nothing waiting and no reminder still to come; returns their ids.
 *
 * Also closes what a dead worker left in a cancelled campaign: a row still
 * SENDING after its lease is never claimed again there, so it would keep its
 * tokens for ever. It is cancelled with its tokens erased, and stays flagged
 * maybeDuplicate: it may have reached the member before the worker died.
 */
export async function finishCampaigns(now: Date = new Date()): Promise<string[]> {
  await panelPool().query(
    `UPDATE "CampaignMessage" m SET status = 'CANCELLED', token = NULL, "unsubscribeToken" = NULL, "lockedUntil" = NULL,
            "maybeDuplicate" = true, "lastError" = 'the campaign was cancelled while a worker that stopped held this message'
     FROM "Campaign" c
     WHERE c.id = m."campaignId" AND c.status = 'CANCELLED' AND m.status = 'SENDING' AND m."lockedUntil" < $1::timestamptz`,
    [now],
  );
  const { rows: idle } = await panelPool().query<{ id: string }>(
    `SELECT c.id FROM "Campaign" c
     WHERE (c.status = 'SENDING' OR (c.status = 'SCHEDULED' AND c."sendAt" <= $1::timestamptz))
       AND NOT EXISTS (SELECT 1 FROM "CampaignMessage" m WHERE m."campaignId" = c.id AND m.status = 'PENDING')
       AND NOT EXISTS (SELECT 1 FROM "CampaignMessage" m WHERE m."campaignId" = c.id AND m.status = 'SENDING')`,
    [now],
  );
  if (idle.length === 0) return [];
  const { rows: owed } = await panelPool().query<{ campaignId: string }>(
    `SELECT DISTINCT "campaignId" FROM (${owedSql(true)}) owed`,
    [now, idle.map((c) => c.id)],
  );
  const waiting = new Set(owed.map((o) => o.campaignId));
  const finished = idle.map((c) => c.id).filter((id) => !waiting.has(id));
  if (finished.length === 0) return [];
  // Checked again in the update: a message queued meanwhile keeps it open.
  const { rows } = await panelPool().query<{ id: string }>(
    `UPDATE "Campaign" c SET status = 'DONE', "finishedAt" = $2::timestamptz
     WHERE c.id = ANY($1::uuid[]) AND c.status IN ('SENDING', 'SCHEDULED')
       AND NOT EXISTS (SELECT 1 FROM "CampaignMessage" m WHERE m."campaignId" = c.id AND m.status = 'PENDING')
       AND NOT EXISTS (SELECT 1 FROM "CampaignMessage" m WHERE m."campaignId" = c.id AND m.status = 'SENDING')
     RETURNING c.id`,
    [finished, now],
  );
  return rows.map((r) => r.id);
}
