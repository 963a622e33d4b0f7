// Invitation campaigns of a study: created as a draft (who, what, when), a
// sample drawn into recipients, then scheduled: one transaction writes, in
// bulk, an invitation (token hash only) and an outbox message (the tokens in
// clear until SMTP has it) per selected member. The sender
// (sender.server.ts) delivers; this module pauses, resumes, cancels and
// counts. Researchers see counts only, never who was drawn.
//
// Access: the studies.manage permission and the study's owner or team (or an
// admin), checked in every function through studyFor; anything else reads as
// "not found" (null), so a route answers 404.
import { z } from "zod";
import type { Campaign } from "~/generated/panel/client";
import { can } from "~/infra/auth/roles";
import type { SessionUser } from "~/infra/auth/session.server";
import { db, type Prisma } from "~/infra/db/panel.server";
import { env } from "~/infra/env.server";
import { requiredText } from "~/infra/http/fields";
import { languages, translator, type Language, type MessageKey } from "~/infra/i18n/i18n";
import { wakeMailWorker } from "~/infra/mail/worker.server";
import { hit } from "~/infra/security/rate-limit.server";
import { randomToken } from "~/infra/security/hash.server";
import { recordAudit } from "~/modules/audit/record.server";
import { sampleSpecSchema, segmentFiltersSchema, type SampleSpec, type SegmentFilters } from "~/modules/recruitment/filters";
import { drawSample } from "~/modules/recruitment/sampling.server";
import { helsinkiDay } from "~/modules/studies/days";
import { panelTokenHash } from "~/modules/studies/invitations.server";
import { freezeLatest, studyFor, type StudyTypeName } from "~/modules/studies/studies.server";
import { campaignEmailLanguage, renderCampaignEmail, unknownPlaceholders, type CampaignEmailTexts, type RenderedCampaignEmail } from "./email";
import { recipientUnsubscribeToken, unsubscribeTokenHash, unsubscribeUrl } from "./unsubscribe.server";

// ---------------------------------------------------------------------------
// Input

const SUBJECT_MAX = 200;
const BODY_MAX = 5000;

const emailText = z.object({
  subject: z.string().trim().max(SUBJECT_MAX, "form.tooLong").default(""),
  body: z.string().trim().max(BODY_MAX, "form.tooLong").default(""),
});

/** A campaign as researchers write it; messages are translation keys (form.server.ts shows them next to the field). */
export const campaignInputSchema = z
  .object({
    name: requiredText(120),
    filters: segmentFiltersSchema,
    spec: sampleSpecSchema,
    /** empty: a seed is made at the draw (and shown) */
    seed: z
      .string()
      .trim()
      .max(64, "form.tooLong")
      .regex(/^[\w-]*$/, "form.required")
      .nullish()
      .transform((value) => value || null),
    email: z.object({ fi: emailText.optional(), sv: emailText.optional(), en: emailText.optional() }),
    sendAt: z.date().nullish().transform((value) => value ?? null),
    ratePerMinute: z.number({ error: "campaigns.error.rate" }).int("campaigns.error.rate").min(1, "campaigns.error.rate").max(100_000, "campaigns.error.rate"),
    reminderAfterDays: z
      .number()
      .int("campaigns.error.reminders")
      .min(1, "campaigns.error.reminders")
      .max(60, "campaigns.error.reminders")
      .nullish()
      .transform((value) => value ?? null),
    maxReminders: z.number().int("campaigns.error.reminders").min(0, "campaigns.error.reminders").max(5, "campaigns.error.reminders").default(0),
    closesAt: z.date().nullish().transform((value) => value ?? null),
  })
  .superRefine((input, ctx) => {
    // A draft may have no text yet (scheduling refuses it then); a language
    // begun must be finished.
    for (const language of languages) {
      const text = input.email[language];
      if (!text || (!text.subject && !text.body)) continue;
      if (!text.subject) ctx.addIssue({ code: "custom", path: ["email", language, "subject"], message: "campaigns.error.subjectMissing" });
      if (!text.body) ctx.addIssue({ code: "custom", path: ["email", language, "body"], message: "campaigns.error.bodyMissing" });
      for (const field of ["subject", "body"] as const) {
        if (unknownPlaceholders(text[field]).length > 0) {
          ctx.addIssue({ code: "custom", path: ["email", language, field], message: "campaigns.error.unknownPlaceholder" });
        }
      }
    }
    if (input.maxReminders > 0 && input.reminderAfterDays === null) {
      ctx.addIssue({ code: "custom", path: ["reminderAfterDays"], message: "campaigns.error.reminders" });
    }
  });

export type CampaignInput = z.input<typeof campaignInputSchema>;

/** Only the languages written in full are kept. */
function emailTexts(email: z.output<typeof campaignInputSchema>["email"]): CampaignEmailTexts {
  const out: CampaignEmailTexts = {};
  for (const language of languages) {
    const text = email[language];
    if (text?.subject && text.body) out[language] = { subject: text.subject, body: text.body };
  }
  return out;
}

// ---------------------------------------------------------------------------
// Access and results

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type RefusalReason =
  | "not-draft"
  | "not-drawn"
  | "empty-sample"
  | "study-not-open"
  | "not-running"
  | "not-paused"
  | "finished"
  | "no-text"
  | "test-limit";

export type Refusal = { ok: false; reason: RefusalReason; message: MessageKey; minutes?: number };

const refused = (reason: RefusalReason, minutes?: number): Refusal => ({
  ok: false,
  reason,
  message: `campaigns.refused.${reason}`,
  ...(minutes ? { minutes } : {}),
});

const campaignStudy = { select: { id: true, type: true, status: true, title: true, closesAt: true } } as const;

export type CampaignWithStudy = Campaign & {
  study: { id: string; type: StudyTypeName; status: string; title: Prisma.JsonValue; closesAt: Date | null };
};

/** The campaign if this staff user may work on its study, else null (routes answer 404). */
export async function campaignFor(user: SessionUser, campaignId: string): Promise<CampaignWithStudy | null> {
  if (!can(user.roles, "studies.manage") || !UUID.test(campaignId)) return null;
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, include: { study: campaignStudy } });
  if (!campaign || !(await studyFor(user, campaign.studyId))) return null;
  return campaign;
}

/** A study's campaigns, newest first (null: no access to the study). */
export async function listCampaigns(user: SessionUser, studyId: string) {
  if (!can(user.roles, "studies.manage") || !(await studyFor(user, studyId))) return null;
  return db.campaign.findMany({
    where: { studyId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, status: true, sendAt: true, createdAt: true, startedAt: true, finishedAt: true },
  });
}

// ---------------------------------------------------------------------------
// Draft

export async function createCampaign(user: SessionUser, studyId: string, input: CampaignInput): Promise<Campaign | null> {
  if (!can(user.roles, "studies.manage")) return null;
  const study = await studyFor(user, studyId);
  if (!study) return null;
  const checked = campaignInputSchema.parse(input);
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.create({
      data: {
        studyId,
        name: checked.name,
        filters: checked.filters as Prisma.InputJsonValue,
        sample: checked.spec as Prisma.InputJsonValue,
        seed: checked.seed,
        email: emailTexts(checked.email) as Prisma.InputJsonValue,
        sendAt: checked.sendAt,
        ratePerMinute: checked.ratePerMinute,
        reminderAfterDays: checked.reminderAfterDays,
        maxReminders: checked.maxReminders,
        closesAt: checked.closesAt,
        createdById: user.id,
      },
    });
    await recordAudit({ actorId: user.id, action: "campaign.create", subjectId: campaign.id, data: { studyId } }, tx);
    return campaign;
  });
}

/**
 * Changes a draft: the fields given replace the campaign's, the rest stay. A
 * change of who (filters, sample, seed) drops the drawn recipients: the
 * sample must be drawn again.
 */
export async function updateCampaign(
  user: SessionUser,
  campaignId: string,
  patch: Partial<CampaignInput>,
): Promise<{ ok: true; redraw: boolean } | Refusal | null> {
  const campaign = await campaignFor(user, campaignId);
  if (!campaign) return null;
  const current: CampaignInput = {
    name: campaign.name,
    filters: campaign.filters as SegmentFilters,
    spec: campaign.sample as SampleSpec,
    seed: campaign.seed,
    email: campaign.email as CampaignInput["email"],
    sendAt: campaign.sendAt,
    ratePerMinute: campaign.ratePerMinute,
    reminderAfterDays: campaign.reminderAfterDays,
    maxReminders: campaign.maxReminders,
    closesAt: campaign.closesAt,
  };
  const checked = campaignInputSchema.parse({ ...current, ...patch });
  // PostgreSQL's jsonb reorders keys, so compare with keys in a fixed order.
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === "object"
        ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]))
        : value;
  const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
  const redraw =
    !same(segmentFiltersSchema.parse(campaign.filters), checked.filters) ||
    !same(sampleSpecSchema.parse(campaign.sample), checked.spec) ||
    checked.seed !== campaign.seed;
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM "Campaign" WHERE id = ${campaignId}::uuid FOR NO KEY UPDATE`;
    if (row?.status !== "DRAFT") return refused("not-draft");
    await tx.campaign.update({
      where: { id: campaignId },
      data: {
        name: checked.name,
        filters: checked.filters as Prisma.InputJsonValue,
        sample: checked.spec as Prisma.InputJsonValue,
        seed: checked.seed,
        ...(redraw ? { quotas: {} } : {}),
        email: emailTexts(checked.email) as Prisma.InputJsonValue,
        sendAt: checked.sendAt,
        ratePerMinute: checked.ratePerMinute,
        reminderAfterDays: checked.reminderAfterDays,
        maxReminders: checked.maxReminders,
        closesAt: checked.closesAt,
      },
    });
    if (redraw) await tx.campaignRecipient.deleteMany({ where: { campaignId } });
    await recordAudit({ actorId: user.id, action: "campaign.update", subjectId: campaignId, data: { redraw } }, tx);
    return { ok: true as const, redraw };
  });
}

export interface CampaignDraw {
  ok: true;
  seed: string;
  selected: number;
  strata: { key: string; available: number; target: number; drawn: number; quota: number | null }[];
  spread: { invitationsLast12Months: number; members: number }[];
}

/**
 * Draws the sample (recruitment's drawSample: reproducible for the seed,
 * fatigue rules applied) and keeps it as the campaign's recipients, with the
 * seed and the strata quotas. Drawing again replaces the recipients; with the
 * same seed and the same panel it draws the same members.
 */
export async function drawForCampaign(user: SessionUser, campaignId: string): Promise<CampaignDraw | Refusal | null> {
  const campaign = await campaignFor(user, campaignId);
  if (!campaign) return null;
  if (campaign.status !== "DRAFT") return refused("not-draft");
  const filters: SegmentFilters = segmentFiltersSchema.parse(campaign.filters);
  const spec: SampleSpec = sampleSpecSchema.parse(campaign.sample);
  const draw = await drawSample({ studyId: campaign.studyId, studyType: campaign.study.type, filters, spec, seed: campaign.seed ?? undefined });
  const quotas = Object.fromEntries(draw.strata.filter((s) => s.quota !== null).map((s) => [s.key, s.quota]));
  return db.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM "Campaign" WHERE id = ${campaignId}::uuid FOR NO KEY UPDATE`;
      if (row?.status !== "DRAFT") return refused("not-draft");
      await tx.$executeRaw`DELETE FROM "CampaignRecipient" WHERE "campaignId" = ${campaignId}::uuid`;
      await tx.$executeRaw`
        INSERT INTO "CampaignRecipient" ("campaignId", "userId", stratum, state)
        SELECT ${campaignId}::uuid, x."userId", x.stratum, 'SELECTED'
        FROM unnest(${draw.members.map((m) => m.userId)}::uuid[], ${draw.members.map((m) => m.stratum)}::text[]) AS x("userId", stratum)`;
      await tx.campaign.update({ where: { id: campaignId }, data: { seed: draw.seed, quotas } });
      await recordAudit({ actorId: user.id, action: "campaign.draw", subjectId: campaignId, data: { seed: draw.seed, selected: draw.members.length } }, tx);
      return { ok: true as const, seed: draw.seed, selected: draw.members.length, strata: draw.strata, spread: draw.spread };
    },
    { timeout: 60_000 },
  );
}

// ---------------------------------------------------------------------------
// Scheduling: the bulk enqueue

/** n link or unsubscribe tokens (randomToken(24), as every invitation's). */
const tokens = (n: number) => Array.from({ length: n }, () => randomToken(24));

export interface Scheduled {
  ok: true;
  status: "SCHEDULED" | "SENDING";
  queued: number;
  /** already invited to the study by another way since the draw */
  blocked: number;
}

/**
 * Enqueues the campaign in one transaction: for every selected recipient an
 * Invitation (only the token's panel hash), a CampaignMessage "invitation"
 * holding the link token and an unsubscribe token in clear (the sender
 * erases both once SMTP has the message), and the recipient QUEUED with the
 * unsubscribe token's hash. One statement does it for all of them (arrays
 * unnested), so 10,000 take well under the 2 s budget. The survey version
 * freezes; the campaign is SCHEDULED until its send time, else SENDING.
 * Whoever holds an invitation to the study already is BLOCKED
 * ("already-invited"): the unique constraints decide, not a read before.
 */
export async function scheduleCampaign(user: SessionUser, campaignId: string, now = new Date()): Promise<Scheduled | Refusal | null> {
  const campaign = await campaignFor(user, campaignId);
  if (!campaign) return null;
  if (campaign.status !== "DRAFT") return refused("not-draft");
  if (campaign.study.status !== "RECRUITING") return refused("study-not-open");
  if (!campaignEmailLanguage(campaign.email, "fi")) return refused("no-text");
  return db.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<{ status: string; sendAt: Date | null; recipients: number }[]>`
        SELECT status::text, "sendAt", (SELECT count(*)::int FROM "CampaignRecipient" WHERE "campaignId" = c.id) AS recipients
        FROM "Campaign" c WHERE id = ${campaignId}::uuid FOR NO KEY UPDATE`;
      if (row?.status !== "DRAFT") return refused("not-draft");
      if (row.recipients === 0) return refused("not-drawn");
      const selected = await tx.$queryRaw<{ userId: string; stratum: string }[]>`
        SELECT "userId"::text AS "userId", stratum FROM "CampaignRecipient"
        WHERE "campaignId" = ${campaignId}::uuid AND state = 'SELECTED'`;
      if (selected.length === 0) return refused("empty-sample");

      const sendAt = row.sendAt && row.sendAt > now ? row.sendAt : now;
      const later = sendAt > now;
      const links = tokens(selected.length);
      const unsubscribes = selected.map((r) => recipientUnsubscribeToken(campaignId, r.userId));
      const [counts] = await tx.$queryRaw<{ queued: number; blocked: number }[]>`
        WITH input AS (
          SELECT * FROM unnest(
            ${selected.map((r) => r.userId)}::uuid[], ${selected.map((r) => r.stratum)}::text[],
            ${links.map(panelTokenHash)}::text[], ${links}::text[],
            ${unsubscribes}::text[], ${unsubscribes.map(unsubscribeTokenHash)}::text[]
          ) AS x("userId", stratum, "tokenHash", token, "unsubscribeToken", "unsubscribeHash")
        ), invited AS (
          INSERT INTO "Invitation" (id, "studyId", "userId", "tokenHash", "invitedOn", "campaignId", stratum)
          SELECT gen_random_uuid(), ${campaign.studyId}::uuid, "userId", "tokenHash", ${helsinkiDay(sendAt)}::date, ${campaignId}::uuid, stratum
          FROM input
          ON CONFLICT DO NOTHING
          RETURNING "userId"
        ), queued AS (
          INSERT INTO "CampaignMessage" (id, "campaignId", "userId", kind, status, token, "unsubscribeToken", "nextAttemptAt")
          SELECT gen_random_uuid(), ${campaignId}::uuid, i."userId", 'invitation', 'PENDING', i.token, i."unsubscribeToken", ${sendAt}::timestamptz
          FROM input i JOIN invited USING ("userId")
          ON CONFLICT DO NOTHING
          RETURNING "userId"
        ), marked AS (
          UPDATE "CampaignRecipient" r SET
            state = CASE WHEN q."userId" IS NULL THEN 'BLOCKED'::"RecipientState" ELSE 'QUEUED'::"RecipientState" END,
            "blockReason" = CASE WHEN q."userId" IS NULL THEN 'already-invited' END,
            "unsubscribeHash" = CASE WHEN q."userId" IS NULL THEN NULL ELSE i."unsubscribeHash" END
          FROM input i LEFT JOIN queued q USING ("userId")
          WHERE r."campaignId" = ${campaignId}::uuid AND r."userId" = i."userId"
          RETURNING r.state
        )
        SELECT count(*) FILTER (WHERE state = 'QUEUED')::int AS queued, count(*) FILTER (WHERE state = 'BLOCKED')::int AS blocked
        FROM marked`;
      await freezeLatest(tx, campaign.studyId);
      const status = later ? ("SCHEDULED" as const) : ("SENDING" as const);
      await tx.campaign.update({ where: { id: campaignId }, data: { status, startedAt: later ? null : now } });
      await recordAudit(
        { actorId: user.id, action: "campaign.schedule", subjectId: campaignId, data: { queued: counts!.queued, blocked: counts!.blocked, status } },
        tx,
      );
      return { ok: true as const, status, queued: counts!.queued, blocked: counts!.blocked };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

// ---------------------------------------------------------------------------
// Pause, resume, cancel

export async function pauseCampaign(user: SessionUser, campaignId: string): Promise<{ ok: true } | Refusal | null> {
  if (!(await campaignFor(user, campaignId))) return null;
  const changed = await db.$executeRaw`
    UPDATE "Campaign" SET status = 'PAUSED' WHERE id = ${campaignId}::uuid AND status IN ('SCHEDULED', 'SENDING')`;
  if (changed === 0) return refused("not-running");
  await recordAudit({ actorId: user.id, action: "campaign.pause", subjectId: campaignId });
  return { ok: true };
}

/** Back to SCHEDULED while the send time is still ahead, else SENDING. */
export async function resumeCampaign(user: SessionUser, campaignId: string, now = new Date()): Promise<{ ok: true } | Refusal | null> {
  if (!(await campaignFor(user, campaignId))) return null;
  const changed = await db.$executeRaw`
    UPDATE "Campaign" SET
      status = CASE WHEN "sendAt" > ${now}::timestamptz THEN 'SCHEDULED'::"CampaignStatus" ELSE 'SENDING'::"CampaignStatus" END,
      "startedAt" = CASE WHEN "sendAt" > ${now}::timestamptz THEN "startedAt" ELSE COALESCE("startedAt", ${now}::timestamptz) END
    WHERE id = ${campaignId}::uuid AND status = 'PAUSED'`;
  if (changed === 0) return refused("not-paused");
  await recordAudit({ actorId: user.id, action: "campaign.resume", subjectId: campaignId });
  return { ok: true };
}

/**
 * Stops a campaign for good: every message still waiting is cancelled and
 * its tokens erased, and the invitations whose email never left are deleted
 * (a member holds no link to them). Messages a worker is handing to SMTP at
 * this moment finish; what was sent stays sent.
 */
export async function cancelCampaign(user: SessionUser, campaignId: string): Promise<{ ok: true; cancelled: number } | Refusal | null> {
  if (!(await campaignFor(user, campaignId))) return null;
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM "Campaign" WHERE id = ${campaignId}::uuid FOR NO KEY UPDATE`;
    if (!row || row.status === "DONE" || row.status === "CANCELLED") return refused("finished");
    const cancelled = await tx.$executeRaw`
      UPDATE "CampaignMessage" SET status = 'CANCELLED', token = NULL, "unsubscribeToken" = NULL, "lockedUntil" = NULL
      WHERE "campaignId" = ${campaignId}::uuid AND status = 'PENDING'`;
    // Tokens of rows given up earlier go too (the sender erases them, this is the backstop).
    await tx.$executeRaw`
      UPDATE "CampaignMessage" SET token = NULL, "unsubscribeToken" = NULL
      WHERE "campaignId" = ${campaignId}::uuid AND status IN ('FAILED', 'CANCELLED') AND (token IS NOT NULL OR "unsubscribeToken" IS NOT NULL)`;
    await tx.$executeRaw`
      DELETE FROM "Invitation" i
      WHERE i."campaignId" = ${campaignId}::uuid AND i."completedOn" IS NULL
        AND NOT EXISTS (
          SELECT 1 FROM "CampaignMessage" m
          WHERE m."campaignId" = i."campaignId" AND m."userId" = i."userId" AND m.kind = 'invitation' AND m.status IN ('SENT', 'SENDING'))`;
    await tx.$executeRaw`
      UPDATE "CampaignRecipient" r SET state = 'CANCELLED'
      WHERE r."campaignId" = ${campaignId}::uuid AND r.state IN ('SELECTED', 'QUEUED')
        AND NOT EXISTS (
          SELECT 1 FROM "CampaignMessage" m
          WHERE m."campaignId" = r."campaignId" AND m."userId" = r."userId" AND m.kind = 'invitation' AND m.status = 'SENDING')`;
    await tx.campaign.update({ where: { id: campaignId }, data: { status: "CANCELLED", finishedAt: new Date() } });
    await recordAudit({ actorId: user.id, action: "campaign.cancel", subjectId: campaignId, data: { cancelled } }, tx);
    return { ok: true as const, cancelled };
  });
}

// ---------------------------------------------------------------------------
// Counts

export interface CampaignProgress {
  status: string;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  bounced: number;
  blocked: number;
  cancelled: number;
  /** sent again after a worker died mid-send: the member may have two copies (docs/decisions/0015) */
  maybeDuplicate: number;
}

/** Where the campaign's messages (invitations and reminders) are now. */
export async function campaignProgress(user: SessionUser, campaignId: string): Promise<CampaignProgress | null> {
  const campaign = await campaignFor(user, campaignId);
  if (!campaign) return null;
  const [counts] = await db.$queryRaw<Omit<CampaignProgress, "status">[]>`
    SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS queued,
           count(*) FILTER (WHERE status = 'SENDING')::int AS sending,
           count(*) FILTER (WHERE status = 'SENT')::int AS sent,
           count(*) FILTER (WHERE status = 'FAILED' AND NOT bounced)::int AS failed,
           count(*) FILTER (WHERE bounced)::int AS bounced,
           count(*) FILTER (WHERE status = 'CANCELLED' AND "blockReason" IS NOT NULL)::int AS blocked,
           count(*) FILTER (WHERE status = 'CANCELLED' AND "blockReason" IS NULL)::int AS cancelled,
           count(*) FILTER (WHERE "maybeDuplicate")::int AS "maybeDuplicate"
    FROM "CampaignMessage" WHERE "campaignId" = ${campaignId}::uuid`;
  return { status: campaign.status, ...counts! };
}

export interface CampaignFunnel {
  selected: number;
  blocked: { total: number; byReason: Record<string, number> };
  sent: number;
  failed: number;
  bounced: number;
  completed: number;
  unsubscribed: number;
  remindersSent: number;
}

/**
 * The campaign's funnel, in members: drawn, stopped by a rule (by reason,
 * at the draw's enqueue or at sending), invitation sent, failed, bounced,
 * completed and unsubscribed through this campaign's emails.
 */
export async function campaignFunnel(user: SessionUser, campaignId: string): Promise<CampaignFunnel | null> {
  if (!(await campaignFor(user, campaignId))) return null;
  const [[counts], reasons] = await Promise.all([
    db.$queryRaw<Omit<CampaignFunnel, "blocked">[]>`
      SELECT
        (SELECT count(*)::int FROM "CampaignRecipient" WHERE "campaignId" = ${campaignId}::uuid) AS selected,
        (SELECT count(*)::int FROM "CampaignMessage"
          WHERE "campaignId" = ${campaignId}::uuid AND kind = 'invitation' AND status = 'SENT') AS sent,
        (SELECT count(*)::int FROM "CampaignMessage"
          WHERE "campaignId" = ${campaignId}::uuid AND kind = 'invitation' AND status = 'FAILED' AND NOT bounced) AS failed,
        (SELECT count(DISTINCT "userId")::int FROM "CampaignMessage" WHERE "campaignId" = ${campaignId}::uuid AND bounced) AS bounced,
        (SELECT count(*)::int FROM "Invitation" WHERE "campaignId" = ${campaignId}::uuid AND "completedOn" IS NOT NULL) AS completed,
        (SELECT count(*)::int FROM "CampaignRecipient"
          WHERE "campaignId" = ${campaignId}::uuid AND "unsubscribedAt" IS NOT NULL) AS unsubscribed,
        (SELECT count(*)::int FROM "CampaignMessage"
          WHERE "campaignId" = ${campaignId}::uuid AND kind LIKE 'reminder-%' AND status = 'SENT') AS "remindersSent"`,
    db.$queryRaw<{ reason: string; count: number }[]>`
      SELECT COALESCE("blockReason", CASE WHEN state = 'FULL' THEN 'stratum-full' ELSE 'other' END) AS reason, count(*)::int AS count
      FROM "CampaignRecipient"
      WHERE "campaignId" = ${campaignId}::uuid AND state IN ('BLOCKED', 'FULL')
      GROUP BY 1 ORDER BY 2 DESC`,
  ]);
  const byReason = Object.fromEntries(reasons.map((r) => [r.reason, r.count]));
  return { ...counts!, blocked: { total: reasons.reduce((sum, r) => sum + r.count, 0), byReason } };
}

// ---------------------------------------------------------------------------
// Preview and test send

/** Links in previews and test sends: the survey preview, and an unsubscribe link that matches nobody. */
function sampleLinks(studyId: string) {
  return {
    link: `${env().PUBLIC_URL}/staff/studies/${studyId}/preview`,
    unsubscribeUrl: unsubscribeUrl("example-link-in-a-preview"),
  };
}

/** The campaign's email as a member reading `language` gets it, with sample links; null without any text. */
export function previewEmail(campaign: CampaignWithStudy, language: Language): RenderedCampaignEmail | null {
  if (!campaignEmailLanguage(campaign.email, language)) return null;
  return renderCampaignEmail(campaign, campaign.study, language, sampleLinks(campaign.studyId));
}

/**
 * Sends the campaign's email in `language` to the researcher's own address
 * through the generic outbox, marked as a test, with sample links. At most
 * 10 an hour per researcher.
 */
export async function sendTestEmail(user: SessionUser, campaignId: string, language: Language): Promise<{ ok: true; language: Language } | Refusal | null> {
  const campaign = await campaignFor(user, campaignId);
  if (!campaign) return null;
  if (!campaignEmailLanguage(campaign.email, "fi")) return refused("no-text");
  const limit = await hit([{ key: `campaign-test:${user.id}`, max: 10, windowSeconds: 3600 }]);
  if (!limit.allowed) return refused("test-limit", limit.retryAfterMinutes);
  const t = translator(campaignEmailLanguage(campaign.email, language)!);
  const rendered = renderCampaignEmail(campaign, campaign.study, language, sampleLinks(campaign.studyId), {
    note: t("campaigns.email.testNote"),
    subjectPrefix: t("campaigns.email.testPrefix"),
  });
  await db.$transaction(async (tx) => {
    // Rendered already, so the row is written as the outbox's worker reads it.
    await tx.outboxEmail.create({
      data: {
        template: "campaign-test",
        toAddress: user.email,
        language: rendered.language,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
      },
    });
    await recordAudit({ actorId: user.id, action: "campaign.test-email", subjectId: campaignId, data: { language: rendered.language } }, tx);
  });
  setTimeout(wakeMailWorker, 50);
  return { ok: true, language: rendered.language };
}
