// The campaign sender: delivers CampaignMessage rows (invitations and
// reminders) over a pooled SMTP transport of their own (transport.server.ts,
// docs/decisions/0015).
//
// - Rows are claimed in batches with FOR UPDATE SKIP LOCKED, so several app
//   instances (and `tsx server/worker.ts` processes) send together. Claiming
//   marks a row SENDING with a lease (MAIL_LEASE_SECONDS). A row found still
//   SENDING after its lease ran out was held by a process that died, perhaps
//   after the SMTP server accepted it: it is claimed again and flagged
//   maybeDuplicate. That is the only way a member can get a second copy.
// - A campaign is claimed from only while SENDING (a SCHEDULED one turns
//   SENDING once its send time has come), and never faster than its
//   ratePerMinute: the budget is counted from the database, under a lock on
//   the campaign row, so it holds across instances and restarts.
// - At the moment of sending, the fatigue rules (recruitment blockedReasons)
//   and the stratum quota are checked again for the whole batch; a blocked
//   send is cancelled with its reason and its never-sent invitation deleted.
// - Several messages are in flight at once; outcomes are written back in
//   batches. Marking a row SENT erases its tokens in the same statement.
// - 5xx to RCPT TO is a hard bounce (suppression, email failing); other
//   errors are retried with back-off, and given up after MAX_ATTEMPTS.
//
// Logs carry counts and campaign ids only: never a token, an address or a
// member id.
import { hostname } from "node:os";
import type pg from "pg";
import { panelPool } from "~/infra/db/panel.server";
import { env } from "~/infra/env.server";
import { isLanguage, type Language } from "~/infra/i18n/i18n";
import { log } from "~/infra/log.server";
import { suppressionHash } from "~/modules/members/join.server";
import type { BlockReason } from "~/modules/recruitment/filters";
import { blockedReasons } from "~/modules/recruitment/fatigue.server";
import type { StudyTypeName } from "~/modules/studies/studies.server";
import { invitationUrl, panelTokenHash } from "~/modules/studies/invitations.server";
import { renderCampaignEmail } from "./email";
import { campaignTransport, closeCampaignTransport } from "./transport.server";
import { finishCampaigns, scheduleReminders } from "./reminders.server";
import { unsubscribeUrl } from "./unsubscribe.server";

/** Attempts before a temporary failure (4xx, connection trouble) is given up. */
export const MAX_ATTEMPTS = 6;

/** Seconds to wait after the n-th failed attempt: 1, 2, 4, 8, 16 minutes (at most 2 hours). */
export function backoffSeconds(attempts: number): number {
  return Math.min(2 * 3600, 60 * 2 ** Math.max(0, attempts - 1));
}

const DEFAULT_BATCH = 250;
const DEFAULT_CONCURRENCY = 32;
/** Most rows marked by one statement. */
const MAX_WRITE = 500;
/** Outcomes gathered before a write starts, and the longest wait for them (Outcomes). */
const GATHER_ROWS = 100;
const GATHER_MS = 20;

export interface DeliverOptions {
  /** stop after claiming this many rows (the benchmark sends in turns) */
  limit?: number;
  /** rows claimed per statement */
  batchSize?: number;
  /** messages handed to the transport and not yet answered */
  concurrency?: number;
  /** asked between batches: true stops claiming (the worker is shutting down) */
  shouldStop?: () => boolean;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  blocked: number;
  cancelled: number;
  retried: number;
  failed: number;
  bounced: number;
}

interface DueCampaign {
  id: string;
  studyId: string;
  studyType: StudyTypeName;
  studyStatus: string;
  studyTitle: unknown;
  studyClosesAt: Date | null;
  email: unknown;
  quotas: Record<string, number>;
  closesAt: Date | null;
  ratePerMinute: number;
}

interface ClaimedRow {
  id: string;
  campaignId: string;
  userId: string;
  kind: string;
  token: string | null;
  unsubscribeToken: string | null;
  attempts: number;
  maybeDuplicate: boolean;
  email: string | null;
  language: string | null;
  stratum: string | null;
  invitationId: string | null;
  completed: boolean | null;
}

interface Ready {
  row: ClaimedRow;
  mail: {
    from: string;
    to: string;
    subject: string;
    html: string;
    text: string;
    messageId: string;
    headers: Record<string, string>;
  };
}

/** How a row ends when it was not sent (blocked, cancelled, failed, bounced). */
interface Unsent {
  row: ClaimedRow;
  status: "CANCELLED" | "FAILED";
  bounced?: boolean;
  blockReason?: BlockReason | null;
  lastError: string;
}

/**
 * Claims and sends due campaign messages until none are due (or `limit` rows
 * were claimed). Returns what happened to the rows it claimed.
 */
export async function deliverCampaignMessages(options: DeliverOptions = {}): Promise<DeliveryReport> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const stopped = options.shouldStop ?? (() => false);
  const report: DeliveryReport = { claimed: 0, sent: 0, blocked: 0, cancelled: 0, retried: 0, failed: 0, bounced: 0 };
  const outcomes = new Outcomes(report);
  // The campaigns with due rows, found once per run; one that gives nothing
  // (its rows taken by another instance, its minute's budget spent, paused)
  // is not asked again in this run. The worker runs again in a moment.
  const campaigns = await dueCampaigns();
  const dry = new Set<string>();
  let rotation = 0;
  const queue: Ready[] = [];
  let inFlight = 0;
  let exhausted = campaigns.length === 0;
  let claiming: Promise<void> | undefined;
  let claimError: unknown;
  // The loop sleeps until something happens: an answer from SMTP or the end
  // of a claim. (One waker, not a race over every message in flight, which
  // would cost work in proportion to the concurrency for each message.)
  let wake: (() => void) | undefined;
  const signal = () => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };

  const start = (ready: Ready) => {
    inFlight++;
    void send(ready, outcomes).finally(() => {
      inFlight--;
      signal();
    });
  };
  const ended = () => exhausted || stopped() || report.claimed >= limit;
  // Claiming runs beside sending: the next batch is claimed and checked while
  // the messages before it are on the wire, so the SMTP connections never
  // wait for a database round trip. At most one claim runs at a time, and one
  // starts once fewer than a batch of messages wait.
  const refill = () => {
    if (claiming || ended() || queue.length >= batchSize) return;
    claiming = (async () => {
      let claimed: ClaimedRow[] = [];
      while (claimed.length === 0 && dry.size < campaigns.length) {
        const campaign = campaigns[rotation++ % campaigns.length]!;
        if (dry.has(campaign.id)) continue;
        claimed = await claim(campaign, Math.min(batchSize, limit - report.claimed));
        if (claimed.length === 0) {
          dry.add(campaign.id);
        } else {
          report.claimed += claimed.length;
          queue.push(...(await prepare(campaign, claimed, outcomes)));
        }
      }
      if (claimed.length === 0) exhausted = true;
    })()
      .catch((error: unknown) => {
        claimError = error;
        exhausted = true;
      })
      .finally(() => {
        claiming = undefined;
        signal();
      });
  };

  try {
    for (;;) {
      refill();
      while (inFlight < concurrency && queue.length > 0) start(queue.shift()!);
      if (!claiming && inFlight === 0 && queue.length === 0 && ended()) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    await claiming;
    while (inFlight > 0) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    await outcomes.flush();
  }
  if (claimError) throw claimError;
  return report;
}

/** Campaigns that may send now and have rows due, with what rendering needs. */
async function dueCampaigns(): Promise<DueCampaign[]> {
  const { rows } = await panelPool().query<DueCampaign>({
    name: "campaigns.due",
    text: `SELECT c.id, c."studyId", s.type::text AS "studyType", s.status::text AS "studyStatus", s.title AS "studyTitle",
                  s."closesAt" AS "studyClosesAt", c.email, c.quotas, c."closesAt", c."ratePerMinute"
           FROM "Campaign" c JOIN "Study" s ON s.id = c."studyId"
           WHERE (c.status = 'SENDING' OR (c.status = 'SCHEDULED' AND (c."sendAt" IS NULL OR c."sendAt" <= now())))
             AND c.id IN (SELECT m."campaignId" FROM "CampaignMessage" m WHERE m.status = 'PENDING' AND m."nextAttemptAt" <= now()
                          UNION
                          SELECT m."campaignId" FROM "CampaignMessage" m WHERE m.status = 'SENDING' AND m."lockedUntil" < now())
           ORDER BY c."createdAt"`,
  });
  return rows;
}

function leaseSeconds() {
  return env().MAIL_LEASE_SECONDS;
}

/**
 * Claims up to `max` due rows of one campaign, within its rate. The campaign
 * row is locked for the moment of counting and claiming, so two instances
 * cannot both spend the same minute's budget; a campaign not SENDING (paused,
 * cancelled, done, or scheduled for later) gives nothing.
 */
async function claim(campaign: DueCampaign, max: number): Promise<ClaimedRow[]> {
  if (max <= 0) return [];
  const client = await panelPool().connect();
  try {
    await client.query("BEGIN");
    const { rows: locked } = await client.query<{ status: string; due: boolean; ratePerMinute: number }>({
      name: "campaigns.lock",
      text: `SELECT status::text, ("sendAt" IS NULL OR "sendAt" <= now()) AS due, "ratePerMinute"
             FROM "Campaign" WHERE id = $1::uuid FOR NO KEY UPDATE`,
      values: [campaign.id],
    });
    const state = locked[0];
    if (!state || !(state.status === "SENDING" || (state.status === "SCHEDULED" && state.due))) {
      await client.query("COMMIT");
      return [];
    }
    if (state.status === "SCHEDULED") {
      await client.query(`UPDATE "Campaign" SET status = 'SENDING', "startedAt" = COALESCE("startedAt", now()) WHERE id = $1::uuid`, [
        campaign.id,
      ]);
    }
    const rows = await claimRows(client, campaign, max, state.ratePerMinute);
    await client.query("COMMIT");
    return rows;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The rate: at most ratePerMinute in any 60 seconds and, from 60 a minute
 * up, at most a sixth of it in any 10 seconds (no minute-long bursts). Rows
 * sent in the window and rows held under a live lease both count.
 */
async function claimRows(client: pg.PoolClient, campaign: DueCampaign, max: number, ratePerMinute: number): Promise<ClaimedRow[]> {
  const perTen = ratePerMinute >= 60 ? Math.ceil(ratePerMinute / 6) : null;
  const { rows } = await client.query<ClaimedRow>({
    name: "campaigns.claim",
    text: `
      WITH sent AS (
        SELECT count(*)::int AS minute, count(*) FILTER (WHERE m."sentAt" > now() - interval '10 seconds')::int AS ten
        FROM "CampaignMessage" m
        WHERE m."campaignId" = $1::uuid AND m.status = 'SENT' AND m."sentAt" > now() - interval '60 seconds'
      ), leased AS (
        SELECT count(*)::int AS n FROM "CampaignMessage" m
        WHERE m."campaignId" = $1::uuid AND m.status = 'SENDING' AND m."lockedUntil" >= now()
      ), recent AS (
        SELECT sent.minute + leased.n AS minute, sent.ten + leased.n AS ten FROM sent, leased
      ), budget AS (
        SELECT GREATEST(0, LEAST($2::int, $3::int - minute, COALESCE($4::int - ten, $2::int))) AS n FROM recent
      ), expired AS (
        -- rows whose sender died holding them come first
        SELECT m.id FROM "CampaignMessage" m
        WHERE m."campaignId" = $1::uuid AND m.status = 'SENDING' AND m."lockedUntil" < now()
        ORDER BY m."lockedUntil"
        LIMIT (SELECT n FROM budget)
        FOR UPDATE SKIP LOCKED
      ), pending AS (
        SELECT m.id FROM "CampaignMessage" m
        WHERE m."campaignId" = $1::uuid AND m.status = 'PENDING' AND m."nextAttemptAt" <= now()
        ORDER BY m."nextAttemptAt"
        LIMIT (SELECT n FROM budget) - (SELECT count(*) FROM expired)
        FOR UPDATE SKIP LOCKED
      ), due AS (
        SELECT id FROM expired UNION ALL SELECT id FROM pending
      ), claimed AS (
        UPDATE "CampaignMessage" m SET
          status = 'SENDING',
          "maybeDuplicate" = m."maybeDuplicate" OR m.status = 'SENDING',
          "lockedUntil" = now() + make_interval(secs => $5::double precision),
          attempts = m.attempts + 1
        FROM due WHERE m.id = due.id
        RETURNING m.id, m."campaignId", m."userId", m.kind, m.token, m."unsubscribeToken", m.attempts, m."maybeDuplicate"
      )
      SELECT c.*, u.email, u.language::text AS language, r.stratum, i.id AS "invitationId", i."completedOn" IS NOT NULL AS completed
      FROM claimed c
      LEFT JOIN "User" u ON u.id = c."userId"
      LEFT JOIN "CampaignRecipient" r ON r."campaignId" = c."campaignId" AND r."userId" = c."userId"
      -- a lookup per row on the (studyId, userId) key (LIMIT keeps it one), whatever
      -- the statistics say of a campaign enqueued a moment ago
      LEFT JOIN LATERAL (
        SELECT i.id, i."completedOn" FROM "Invitation" i WHERE i."studyId" = $6::uuid AND i."userId" = c."userId" LIMIT 1
      ) i ON true`,
    values: [campaign.id, max, ratePerMinute, perTen, leaseSeconds(), campaign.studyId],
  });
  return rows;
}

/**
 * The check at the moment of sending, for a whole claimed batch: rows that
 * may no longer go are written off at once; the rest are rendered.
 */
async function prepare(campaign: DueCampaign, rows: ClaimedRow[], outcomes: Outcomes): Promise<Ready[]> {
  const now = new Date();
  const unsent: Unsent[] = [];
  const candidates: ClaimedRow[] = [];
  const closed =
    campaign.studyStatus !== "RECRUITING" ||
    (campaign.closesAt !== null && campaign.closesAt <= now) ||
    (campaign.studyClosesAt !== null && campaign.studyClosesAt <= now);
  for (const row of rows) {
    if (!row.email || !row.token || !row.unsubscribeToken || !row.invitationId) {
      unsent.push({ row, status: "FAILED", lastError: "nothing to send: member, link or invitation missing" });
    } else if (closed) {
      unsent.push({ row, status: "CANCELLED", lastError: "the study or campaign closed before sending" });
    } else if (row.completed) {
      // Only a reminder can get here: the member answered since it was queued.
      unsent.push({ row, status: "CANCELLED", lastError: "already completed" });
    } else {
      candidates.push(row);
    }
  }

  const blocked = new Map<string, BlockReason>();
  for (const kind of ["invitation", "reminder"] as const) {
    const ofKind = candidates.filter((row) => (row.kind === "invitation") === (kind === "invitation"));
    if (ofKind.length === 0) continue;
    const reasons = await blockedReasons(
      ofKind.map((row) => row.userId),
      // campaignId: this campaign's own invitation row is neither "already
      // invited" nor a contact of its own.
      {
        studyId: campaign.studyId,
        studyType: campaign.studyType,
        at: now,
        kind,
        campaignId: campaign.id,
        emails: new Map(ofKind.map((row) => [row.userId, row.email!])),
      },
    );
    for (const row of ofKind) {
      const reason = reasons.get(row.userId);
      if (reason) blocked.set(row.id, reason);
    }
  }
  const full = await fullStrata(campaign, candidates);

  const ready: Ready[] = [];
  for (const row of candidates) {
    const reason = blocked.get(row.id) ?? (full.has(row.stratum ?? "") ? "stratum-full" : undefined);
    if (reason) {
      unsent.push({ row, status: "CANCELLED", blockReason: reason, lastError: `blocked: ${reason}` });
      continue;
    }
    try {
      ready.push({ row, mail: compose(campaign, row) });
    } catch (error) {
      unsent.push({ row, status: "FAILED", lastError: `could not render: ${(error as Error).message}`.slice(0, 500) });
    }
  }
  if (unsent.length > 0) await outcomes.writeUnsent(unsent);
  return ready;
}

/** Strata of this batch whose quota of completes is reached. */
async function fullStrata(campaign: DueCampaign, rows: ClaimedRow[]): Promise<Set<string>> {
  const quotas = campaign.quotas ?? {};
  const strata = [...new Set(rows.map((row) => row.stratum ?? ""))].filter((s) => typeof quotas[s] === "number");
  if (strata.length === 0) return new Set();
  const { rows: counts } = await panelPool().query<{ stratum: string; completes: number }>({
    name: "campaigns.stratumCompletes",
    text: `SELECT stratum, count(*)::int AS completes FROM "Invitation"
           WHERE "campaignId" = $1::uuid AND stratum = ANY($2::text[]) AND "completedOn" IS NOT NULL
           GROUP BY stratum`,
    values: [campaign.id, strata],
  });
  const completes = new Map(counts.map((c) => [c.stratum, c.completes]));
  return new Set(strata.filter((s) => (completes.get(s) ?? 0) >= quotas[s]!));
}

let messageIdDomain: string | undefined;

function compose(campaign: DueCampaign, row: ClaimedRow): Ready["mail"] {
  messageIdDomain ??= new URL(env().PUBLIC_URL).hostname || hostname();
  const language: Language = isLanguage(row.language) ? row.language : "fi";
  const unsubscribe = unsubscribeUrl(row.unsubscribeToken!);
  const rendered = renderCampaignEmail(
    { email: campaign.email, closesAt: campaign.closesAt },
    { title: campaign.studyTitle, closesAt: campaign.studyClosesAt },
    language,
    { link: invitationUrl(row.token!), unsubscribeUrl: unsubscribe },
  );
  return {
    from: env().MAIL_FROM,
    to: row.email!,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    // Deterministic: a copy sent again after a crash carries the same id, so
    // mail clients and servers can fold the two.
    messageId: `<${row.id}@${messageIdDomain}>`,
    // RFC 8058 one-click unsubscribe.
    headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}

async function send(ready: Ready, outcomes: Outcomes): Promise<void> {
  try {
    const info = (await campaignTransport().sendMail(ready.mail)) as { response?: unknown };
    outcomes.sent(ready.row, String(info.response ?? "").slice(0, 200));
  } catch (error) {
    const { responseCode, command } = error as { responseCode?: number; command?: string };
    const message = String((error as Error).message ?? error).slice(0, 500);
    const permanent = typeof responseCode === "number" && responseCode >= 500 && responseCode < 600;
    if (permanent && command === "RCPT TO") {
      outcomes.unsent({ row: ready.row, status: "FAILED", bounced: true, lastError: message });
    } else if (permanent || ready.row.attempts >= MAX_ATTEMPTS) {
      // A 5xx after the recipient was accepted (content refused) says nothing about the address.
      outcomes.unsent({ row: ready.row, status: "FAILED", lastError: message });
    } else {
      outcomes.retry(ready.row, message);
    }
  }
}

/**
 * Outcomes waiting to be written, in the manner of a group commit: the first
 * outcome opens a batch, which is written once it holds GATHER_ROWS outcomes
 * or GATHER_MS have passed, whichever comes first; whatever arrives while a
 * write runs goes into the next batch. Under load a statement marks a
 * hundred rows (a statement and a commit per message would cost PostgreSQL
 * and this process more than the SMTP exchange itself); when quiet, a row is
 * marked at most GATHER_MS and one statement after SMTP answered. That
 * interval is the whole window in which a killed worker leaves a delivered
 * row unmarked (sent again later, flagged maybeDuplicate).
 */
class Outcomes {
  private sentRows: SentRow[] = [];
  private retries: { id: string; attempts: number; error: string }[] = [];
  private unsentRows: Unsent[] = [];
  private draining: Promise<void> | undefined;
  /** ends the wait of the batch being gathered */
  private gathered: (() => void) | undefined;
  private flushing = false;

  constructor(private readonly report: DeliveryReport) {}

  sent(row: ClaimedRow, response: string) {
    this.sentRows.push({ id: row.id, campaignId: row.campaignId, userId: row.userId, kind: row.kind, response, at: new Date() });
    this.report.sent++;
    this.schedule();
  }

  retry(row: ClaimedRow, error: string) {
    this.retries.push({ id: row.id, attempts: row.attempts, error });
    this.report.retried++;
    this.schedule();
  }

  unsent(outcome: Unsent) {
    this.unsentRows.push(outcome);
    this.count(outcome);
    this.schedule();
  }

  /** Rows stopped before sending: written at once (they never reach the transport). */
  async writeUnsent(rows: Unsent[]) {
    for (const outcome of rows) this.count(outcome);
    await writeUnsent(rows);
  }

  private count(outcome: Unsent) {
    if (outcome.bounced) this.report.bounced++;
    else if (outcome.status === "FAILED") this.report.failed++;
    else if (outcome.blockReason) this.report.blocked++;
    else this.report.cancelled++;
  }

  private pending() {
    return this.sentRows.length + this.retries.length + this.unsentRows.length;
  }

  private schedule() {
    this.draining ??= this.drain();
    if (this.pending() >= GATHER_ROWS) this.gathered?.();
  }

  /** Waits until GATHER_ROWS outcomes are pending, GATHER_MS have passed, or a flush asks for everything now. */
  private gather(): Promise<void> {
    if (this.flushing || this.pending() >= GATHER_ROWS) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.gathered?.(), GATHER_MS);
      this.gathered = () => {
        clearTimeout(timer);
        this.gathered = undefined;
        resolve();
      };
    });
  }

  private async drain() {
    try {
      while (this.pending() > 0) {
        await this.gather();
        const sent = this.sentRows.splice(0, MAX_WRITE);
        const retries = this.retries.splice(0, MAX_WRITE);
        const unsent = this.unsentRows.splice(0, MAX_WRITE);
        if (sent.length > 0) await writeSent(sent);
        if (retries.length > 0) await writeRetries(retries);
        if (unsent.length > 0) await writeUnsent(unsent);
      }
    } catch (error) {
      // The rows stay SENDING and are claimed again when their lease runs out.
      log.error("campaign sender: writing outcomes failed", { error: (error as Error).message });
    } finally {
      this.draining = undefined;
    }
  }

  /** Resolves once everything waiting is written (or given up to the lease). */
  async flush(): Promise<void> {
    this.flushing = true;
    this.gathered?.();
    while (this.draining || this.pending() > 0) {
      this.draining ??= this.drain();
      await this.draining;
    }
  }
}

interface SentRow {
  id: string;
  campaignId: string;
  userId: string;
  kind: string;
  response: string;
  at: Date;
}

/** SENT, both tokens erased, in the same statement; the recipient counts as sent. */
async function writeSent(rows: SentRow[]) {
  await panelPool().query({
    name: "campaigns.markSent",
    text: `
      WITH s AS (
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::uuid[], $5::uuid[], $6::text[])
          AS s(id, response, at, "campaignId", "userId", kind)
      ), m AS (
        UPDATE "CampaignMessage" m SET status = 'SENT', "sentAt" = s.at, token = NULL, "unsubscribeToken" = NULL,
               "lockedUntil" = NULL, "lastError" = NULL, "smtpResponse" = s.response
        FROM s WHERE m.id = s.id AND m.status <> 'SENT'
      )
      -- Driven by the rows as given (one key lookup each) rather than by the
      -- UPDATE above, whose row count the planner cannot know; setting the
      -- state again for a row already marked changes nothing.
      UPDATE "CampaignRecipient" r SET
        state = CASE WHEN s.kind = 'invitation' AND r.state IN ('SELECTED', 'QUEUED', 'FAILED') THEN 'SENT'::"RecipientState" ELSE r.state END,
        "remindersSent" = CASE WHEN s.kind LIKE 'reminder-%' THEN GREATEST(r."remindersSent", substr(s.kind, 10)::int) ELSE r."remindersSent" END
      FROM s WHERE r."campaignId" = s."campaignId" AND r."userId" = s."userId"`,
    values: [
      rows.map((r) => r.id),
      rows.map((r) => r.response),
      rows.map((r) => r.at),
      rows.map((r) => r.campaignId),
      rows.map((r) => r.userId),
      rows.map((r) => r.kind),
    ],
  });
}

async function writeRetries(rows: { id: string; attempts: number; error: string }[]) {
  await panelPool().query({
    name: "campaigns.markRetry",
    text: `
      UPDATE "CampaignMessage" m SET status = 'PENDING', "lockedUntil" = NULL, "lastError" = x.error,
             "nextAttemptAt" = now() + make_interval(secs => x.wait)
      FROM unnest($1::uuid[], $2::text[], $3::double precision[]) AS x(id, error, wait)
      WHERE m.id = x.id AND m.status = 'SENDING'`,
    values: [rows.map((r) => r.id), rows.map((r) => r.error), rows.map((r) => backoffSeconds(r.attempts))],
  });
}

/**
 * Rows that will not be sent: the message CANCELLED (blocked, with its
 * reason) or FAILED (bounced or given up), its tokens erased; the recipient
 * BLOCKED, FULL, FAILED or BOUNCED; the link the member never received
 * deleted (the invitation, or the reminder's own link) — unless the row is a
 * maybeDuplicate, whose earlier attempt may have reached the member. A hard
 * bounce also suppresses the address and marks the member's email failing.
 */
async function writeUnsent(rows: Unsent[]) {
  const recipientState = (u: Unsent): string | null => {
    if (u.bounced) return "BOUNCED";
    if (u.row.kind !== "invitation") return null;
    if (u.status === "FAILED") return "FAILED";
    if (u.blockReason === "stratum-full") return "FULL";
    if (u.blockReason) return "BLOCKED";
    return "CANCELLED";
  };
  const bounces = rows.filter((u) => u.bounced && u.row.email);
  await panelPool().query({
    name: "campaigns.markUnsent",
    text: `
      WITH x AS (
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::boolean[], $4::text[], $5::text[], $6::text[], $7::text[])
          AS x(id, status, bounced, "blockReason", "lastError", "recipientState", "linkHash")
      ), m AS (
        UPDATE "CampaignMessage" m SET status = x.status::"OutboxStatus", bounced = x.bounced, "blockReason" = x."blockReason",
               "lastError" = x."lastError", token = NULL, "unsubscribeToken" = NULL, "lockedUntil" = NULL
        FROM x WHERE m.id = x.id AND m.status = 'SENDING'
        RETURNING m."campaignId", m."userId", m.kind, x."recipientState", x."blockReason", x."linkHash"
      ), r AS (
        UPDATE "CampaignRecipient" r SET state = m."recipientState"::"RecipientState",
               "blockReason" = COALESCE(m."blockReason", r."blockReason")
        FROM m WHERE m."recipientState" IS NOT NULL AND r."campaignId" = m."campaignId" AND r."userId" = m."userId"
      ), invitation AS (
        DELETE FROM "Invitation" i USING m
        WHERE m.kind = 'invitation' AND m."linkHash" IS NOT NULL AND i."tokenHash" = m."linkHash"
          AND i."campaignId" = m."campaignId" AND i."completedOn" IS NULL
      ), link AS (
        DELETE FROM "ReminderLink" l USING m WHERE m.kind <> 'invitation' AND m."linkHash" IS NOT NULL AND l."tokenHash" = m."linkHash"
      ), failing AS (
        UPDATE "User" SET "emailFailing" = true WHERE id = ANY($8::uuid[]) AND NOT "emailFailing"
      ), suppressed AS (
        INSERT INTO "Suppression" ("addressHash", reason) SELECT DISTINCT unnest($9::text[]), 'BOUNCED'
        ON CONFLICT ("addressHash") DO NOTHING
      )
      SELECT count(*)::int AS n FROM m`,
    values: [
      rows.map((u) => u.row.id),
      rows.map((u) => u.status),
      rows.map((u) => Boolean(u.bounced)),
      rows.map((u) => u.blockReason ?? null),
      rows.map((u) => u.lastError),
      rows.map(recipientState),
      rows.map((u) => (u.row.token && !u.row.maybeDuplicate ? panelTokenHash(u.row.token) : null)),
      bounces.map((u) => u.row.userId),
      bounces.map((u) => suppressionHash(u.row.email!)),
    ],
  });
}

// ---------------------------------------------------------------------------
// The worker loop, in the app process (runtime boot) or in server/worker.ts.

let timer: NodeJS.Timeout | undefined;
let current: Promise<void> | undefined;
let running = false;

export interface CampaignWorkerOptions {
  /** how often to look for due rows */
  intervalMs?: number;
  /** how often to create due reminders and close finished campaigns */
  housekeepingMs?: number;
  onError?: (error: unknown) => void;
}

/** Runs the campaign sender in this process until stopCampaignWorker. */
export function startCampaignWorker(options: CampaignWorkerOptions = {}) {
  if (running) return;
  running = true;
  const interval = options.intervalMs ?? 2000;
  const housekeepingMs = options.housekeepingMs ?? 60_000;
  let lastHousekeeping = 0;
  const tick = async () => {
    try {
      // Reminders fall due by days; looking for them once a minute is plenty.
      const housekeeping = Date.now() - lastHousekeeping >= housekeepingMs;
      if (housekeeping) {
        lastHousekeeping = Date.now();
        const created = await scheduleReminders();
        if (created > 0) log.info("campaign reminders queued", { count: created });
      }
      const report = await deliverCampaignMessages({ shouldStop: () => !running });
      if (report.claimed > 0) log.info("campaign messages handled", { ...report });
      if (report.claimed > 0 || housekeeping) {
        const done = await finishCampaigns();
        for (const id of done) log.info("campaign done", { campaignId: id });
      }
    } catch (error) {
      options.onError?.(error);
    }
  };
  const loop = () => {
    timer = undefined;
    if (!running) return;
    current = tick().finally(() => {
      current = undefined;
      if (running) timer = setTimeout(loop, interval);
    });
  };
  timer = setTimeout(loop, 0);
}

/** Stops claiming, lets the messages in flight finish and writes their outcomes. */
export async function stopCampaignWorker() {
  running = false;
  if (timer) clearTimeout(timer);
  timer = undefined;
  await current;
  closeCampaignTransport();
}
