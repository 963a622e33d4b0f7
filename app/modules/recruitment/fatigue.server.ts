// Contact-fatigue rules: who may be contacted now, and why not. The same SQL
// fragments decide a segment's eligibility (segments.server), who can be
// drawn (sampling.server) and, at the moment of sending, why a message is
// blocked (blockedReasons), so a member the sender would block is never drawn.
//
// The fragments expect these aliases in the statement around them:
//   u  "User" (may be NULL in blockedReasons: the member has left)
//   p  "MemberPreferences", LEFT JOINed (a missing row means the defaults)
//   fc contactsJoin(): the member's contacts in the last 30 days
import { z } from "zod";
import { db, panelPool } from "~/infra/db/panel.server";
import { Prisma } from "~/generated/panel/client";
import type { SessionUser } from "~/infra/auth/session.server";
import { recordAudit } from "~/modules/audit/record.server";
import { MEMBERSHIP_TERMS } from "~/modules/consent/purposes";
import { DEFAULT_INVITATIONS_PER_MONTH } from "~/modules/members/profile-schema";
import { suppressionHash } from "~/modules/members/join.server";
import { helsinkiDay } from "~/modules/studies/days";
import { studyTypes, type StudyTypeName } from "~/modules/studies/studies.server";
import { requireCan } from "./access.server";
import { strataAttributes, type BlockReason, type StrataAttribute } from "./filters";

// ---------------------------------------------------------------- settings

export interface TypeRules {
  maxContactsPer30Days?: number;
  cooldownDays?: number;
}

export interface Settings {
  /** invitations and reminders per member in 30 days, every study */
  maxContactsPer30Days: number;
  /** days after completing a study before the next invitation */
  cooldownDays: number;
  /** per study type: a cap on contacts for studies of that type, and a cool-down replacing the global one */
  perType: Partial<Record<StudyTypeName, TypeRules>>;
  /** what the panel health page compares the panel with: attribute → value → share */
  targetShares: Partial<Record<StrataAttribute, Record<string, number>>>;
  updatedAt: Date;
}

const DEFAULTS = { maxContactsPer30Days: 3, cooldownDays: 14 };
const CONTACT_WINDOW_DAYS = 30;

const whole = (min: number, max: number) =>
  z
    .number({ error: "recruitment.settings.wholeNumber" })
    .int("recruitment.settings.wholeNumber")
    .min(min, "recruitment.settings.outOfRange")
    .max(max, "recruitment.settings.outOfRange");

const typeRulesSchema = z
  .object({ maxContactsPer30Days: whole(1, 30).optional(), cooldownDays: whole(0, 365).optional() })
  .strict();

const sharesSchema = z
  .record(z.string().min(1).max(40), z.number({ error: "recruitment.settings.shareInvalid" }).min(0, "recruitment.settings.shareInvalid").max(1, "recruitment.settings.shareInvalid"))
  .refine((shares) => Object.keys(shares).length <= 200, "recruitment.settings.shareInvalid")
  // A little slack for shares typed as percentages with decimals.
  .refine((shares) => Object.values(shares).reduce((sum, share) => sum + share, 0) <= 1.0001, "recruitment.settings.sharesOverOne");

export const settingsInputSchema = z
  .object({
    maxContactsPer30Days: whole(1, 30),
    cooldownDays: whole(0, 365),
    perType: z.partialRecord(z.enum(studyTypes), typeRulesSchema).default({}),
    targetShares: z.partialRecord(z.enum(strataAttributes), sharesSchema).default({}),
  })
  .strict();

export type SettingsInput = z.input<typeof settingsInputSchema>;

function settingsFrom(row: { maxContactsPer30Days: number; cooldownDays: number; perType: unknown; targetShares: unknown; updatedAt: Date }): Settings {
  // Rows are written through the schema; anything else stored reads as no rule.
  const perType = z.partialRecord(z.enum(studyTypes), typeRulesSchema).safeParse(row.perType);
  const targetShares = z.partialRecord(z.enum(strataAttributes), sharesSchema).safeParse(row.targetShares);
  return {
    maxContactsPer30Days: row.maxContactsPer30Days,
    cooldownDays: row.cooldownDays,
    perType: perType.success ? perType.data : {},
    targetShares: targetShares.success ? targetShares.data : {},
    updatedAt: row.updatedAt,
  };
}

export async function recruitmentSettings(): Promise<Settings> {
  const row = await db.recruitmentSettings.upsert({ where: { id: 1 }, update: {}, create: { id: 1 } });
  return settingsFrom(row);
}

export type UpdateSettingsResult = { ok: true; settings: Settings } | { ok: false; errors: Record<string, string> };

/** Admins only. Bad input comes back as message keys per field, nothing is written. */
export async function updateRecruitmentSettings(user: SessionUser, input: SettingsInput): Promise<UpdateSettingsResult> {
  requireCan(user, "staff.manage");
  const parsed = settingsInputSchema.safeParse(input);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join(".") || "form";
      errors[field] ??= issue.message.startsWith("recruitment.") ? issue.message : "recruitment.settings.invalid";
    }
    return { ok: false, errors };
  }
  const data = parsed.data;
  const row = await db.$transaction(async (tx) => {
    const saved = await tx.recruitmentSettings.upsert({ where: { id: 1 }, update: data, create: { id: 1, ...data } });
    await recordAudit(
      { actorId: user.id, action: "recruitment.settings", data: { maxContactsPer30Days: data.maxContactsPer30Days, cooldownDays: data.cooldownDays } },
      tx,
    );
    return saved;
  });
  return { ok: true, settings: settingsFrom(row) };
}

// ---------------------------------------------------------------- the rules as SQL

export interface RuleContext {
  /** the study invited to: its existing invitations block ("already-invited") */
  studyId?: string;
  /** its type: wanted by the member, its own cap and cool-down */
  studyType?: StudyTypeName;
  /** the moment the rules are judged at (default now) */
  at?: Date;
  /** a reminder goes to someone invited already: "already-invited" does not apply */
  kind?: "invitation" | "reminder";
  /**
   * When the sender checks a campaign's own invitation at the moment of
   * sending: that invitation row (written when the campaign was scheduled)
   * is neither "already invited" nor one of the member's contacts.
   */
  campaignId?: string;
  /**
   * The members judged, when they are a small batch (the sender's check):
   * each lookup is narrowed to them, so it reads their rows by index instead
   * of hashing the whole table once per statement.
   */
  batch?: string[];
}

/** `AND <column> = ANY (batch)` when the context names a batch. */
function inBatch(context: RuleContext, column: Prisma.Sql): Prisma.Sql {
  return context.batch ? Prisma.sql`AND ${column} = ANY (${context.batch}::uuid[])` : Prisma.empty;
}

export interface Rule {
  reason: BlockReason;
  /** true when the member is blocked; never NULL */
  blocked: Prisma.Sql;
  /** the same rule written the other way round, when NOT (blocked) would hide a semi-join from the planner */
  allowed?: Prisma.Sql;
}

const uuid = (value: string) => Prisma.sql`${value}::uuid`;

// The current membership terms, looked up inside the statement so the
// fragments need no round trip of their own.
const currentTerms = Prisma.sql`(SELECT v.id FROM "ConsentVersion" v WHERE v.purpose = ${MEMBERSHIP_TERMS} ORDER BY v.version DESC LIMIT 1)`;

/** A setting read inside the statement (one row; evaluated once per statement). */
function setting(studyType: StudyTypeName | undefined, name: keyof typeof DEFAULTS, perTypeOnly = false): Prisma.Sql {
  const typed = studyType ? Prisma.sql`(s."perType" -> ${studyType}::text ->> ${name}::text)::int` : Prisma.sql`NULL::int`;
  const value = perTypeOnly ? typed : Prisma.sql`COALESCE(${typed}, s.${Prisma.raw(`"${name}"`)})`;
  return Prisma.sql`(SELECT ${value} FROM "RecruitmentSettings" s WHERE s.id = 1)`;
}

/**
 * Who may ever be invited: an active member with the current terms, whose
 * mail works and who has not unsubscribed; with a study, not invited to it
 * yet; with a study type, one the member wants. A suppressed address is
 * read from User.emailFailing here (the keyed hash of the suppression list
 * cannot be computed inside the database); blockedReasons and drawSample
 * check the list itself.
 */
export function baseRules(context: RuleContext): Rule[] {
  const termsGiven = Prisma.sql`EXISTS (SELECT 1 FROM "CurrentConsent" tc
    WHERE tc."userId" = u.id AND tc.purpose = ${MEMBERSHIP_TERMS} AND tc.action = 'GIVEN' AND tc."versionId" = ${currentTerms}
      ${inBatch(context, Prisma.sql`tc."userId"`)})`;
  const rules: Rule[] = [
    { reason: "inactive", blocked: Prisma.sql`(u.id IS NULL OR u.kind <> 'MEMBER' OR u.status <> 'ACTIVE')` },
    { reason: "terms", blocked: Prisma.sql`NOT ${termsGiven}`, allowed: termsGiven },
    { reason: "email-failing", blocked: Prisma.sql`u."emailFailing"` },
    { reason: "unsubscribed", blocked: Prisma.sql`p."unsubscribedAt" IS NOT NULL` },
  ];
  if (context.studyId && (context.kind ?? "invitation") === "invitation") {
    const ownCampaign = context.campaignId ? Prisma.sql`AND ai."campaignId" IS DISTINCT FROM ${uuid(context.campaignId)}` : Prisma.empty;
    rules.push({
      reason: "already-invited",
      blocked: Prisma.sql`EXISTS (SELECT 1 FROM "Invitation" ai WHERE ai."studyId" = ${uuid(context.studyId)} AND ai."userId" = u.id ${ownCampaign} ${inBatch(context, Prisma.sql`ai."userId"`)})`,
    });
  }
  if (context.studyType) {
    rules.push({
      reason: "type-not-wanted",
      blocked: Prisma.sql`(p."studyTypes" IS NOT NULL AND NOT (${context.studyType}::text = ANY (p."studyTypes")))`,
    });
  }
  return rules;
}

/** What changes from day to day: pause, cool-down after taking part, the caps. Needs contactsJoin(). */
export function fatigueRules(context: RuleContext): Rule[] {
  const at = context.at ?? new Date();
  const day = helsinkiDay(at);
  const cooldown = Prisma.sql`COALESCE(${setting(context.studyType, "cooldownDays")}, ${DEFAULTS.cooldownDays}::int)`;
  const maxContacts = Prisma.sql`COALESCE(${setting(undefined, "maxContactsPer30Days")}, ${DEFAULTS.maxContactsPer30Days}::int)`;
  const typeMax = setting(context.studyType, "maxContactsPer30Days", true);
  return [
    { reason: "paused", blocked: Prisma.sql`(p."pausedUntil" IS NOT NULL AND p."pausedUntil" > ${day}::date)` },
    {
      reason: "cooldown",
      blocked: Prisma.sql`EXISTS (SELECT 1 FROM "Invitation" ci WHERE ci."userId" = u.id AND ci."completedOn" > ${day}::date - ${cooldown} ${inBatch(context, Prisma.sql`ci."userId"`)})`,
    },
    {
      reason: "own-cap",
      blocked: Prisma.sql`COALESCE(fc.total, 0) >= COALESCE(p."maxInvitationsPerMonth", ${DEFAULT_INVITATIONS_PER_MONTH}::int)`,
    },
    {
      reason: "global-cap",
      blocked: Prisma.sql`(COALESCE(fc.total, 0) >= ${maxContacts} OR COALESCE(fc.of_type, 0) >= COALESCE(${typeMax}, 2147483647))`,
    },
  ];
}

/**
 * The member's contacts in the 30 days before `at`, as alias fc (total, and
 * of the study's type): every invitation (by its day) and every reminder
 * sent. `userIds` narrows the sum to a batch.
 */
export function contactsJoin(context: RuleContext, userIds?: string[]): Prisma.Sql {
  const at = context.at ?? new Date();
  const day = helsinkiDay(at);
  const batchI = userIds ? Prisma.sql`AND i."userId" = ANY (${userIds}::uuid[])` : Prisma.empty;
  const batchM = userIds ? Prisma.sql`AND m."userId" = ANY (${userIds}::uuid[])` : Prisma.empty;
  const notThisOne =
    context.campaignId && (context.kind ?? "invitation") === "invitation"
      ? Prisma.sql`AND i."campaignId" IS DISTINCT FROM ${uuid(context.campaignId)}`
      : Prisma.empty;
  const type = context.studyType ?? null;
  return Prisma.sql`LEFT JOIN (
    SELECT x."userId", count(*)::int AS total, count(*) FILTER (WHERE x.type = ${type}::text)::int AS of_type
    FROM (
      SELECT i."userId", st.type::text AS type
      FROM "Invitation" i JOIN "Study" st ON st.id = i."studyId"
      WHERE i."userId" IS NOT NULL AND i."invitedOn" > ${day}::date - ${CONTACT_WINDOW_DAYS}::int ${batchI} ${notThisOne}
      UNION ALL
      SELECT m."userId", st.type::text
      FROM "CampaignMessage" m JOIN "Campaign" c ON c.id = m."campaignId" JOIN "Study" st ON st.id = c."studyId"
      WHERE m.kind LIKE 'reminder-%' AND m.status = 'SENT'
        AND m."sentAt" > ${at}::timestamptz - make_interval(days => ${CONTACT_WINDOW_DAYS}::int) ${batchM}
    ) x
    GROUP BY x."userId"
  ) fc ON fc."userId" = u.id`;
}

/** `AND NOT (…)` for each rule: what a WHERE clause appends to keep only the unblocked. */
export function notBlocked(rules: Rule[]): Prisma.Sql {
  if (rules.length === 0) return Prisma.empty;
  return Prisma.sql`AND ${Prisma.join(
    rules.map((rule) => rule.allowed ?? Prisma.sql`NOT (${rule.blocked})`),
    " AND ",
  )}`;
}

/** The fatigue rules as conditions for a segment's WHERE (with contactsJoin in its FROM). */
export function fatigueSqlConditions(context: RuleContext): Prisma.Sql {
  return notBlocked(fatigueRules(context));
}

// The order in which a blocked member's reason is named: what lasts longest first.
const reasonOrder: BlockReason[] = [
  "inactive",
  "terms",
  "suppressed",
  "email-failing",
  "unsubscribed",
  "already-invited",
  "type-not-wanted",
  "paused",
  "cooldown",
  "own-cap",
  "global-cap",
];

/**
 * Why each of these members may not be contacted now; only the blocked ones
 * are in the map. Two statements for the whole batch: the addresses (hashed
 * here for the suppression list), then every rule at once.
 */
export async function blockedReasons(
  userIds: string[],
  options: {
    studyId: string;
    studyType: StudyTypeName;
    at?: Date;
    kind?: "invitation" | "reminder";
    campaignId?: string;
    /** the members' addresses, when the caller has them already (spares a query) */
    emails?: Map<string, string>;
  },
): Promise<Map<string, BlockReason>> {
  const { emails, ...given } = options;
  const ids = [...new Set(userIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id)).map((id) => id.toLowerCase()))];
  const blocked = new Map<string, BlockReason>();
  if (ids.length === 0) return blocked;
  const context: RuleContext = { ...given, batch: ids };
  const pool = panelPool();
  const addresses = emails
    ? [...emails].map(([id, email]) => ({ id: id.toLowerCase(), email }))
    : (await pool.query<{ id: string; email: string }>(`SELECT id::text, email FROM "User" WHERE id = ANY ($1::uuid[])`, [ids])).rows;
  const hashOf = new Map(addresses.map((row) => [row.id, suppressionHash(row.email)]));

  const rules = [
    ...baseRules(context),
    ...fatigueRules(context),
    { reason: "suppressed" as const, blocked: Prisma.sql`EXISTS (SELECT 1 FROM "Suppression" sp WHERE sp."addressHash" = b.hash)` },
  ].sort((a, b) => reasonOrder.indexOf(a.reason) - reasonOrder.indexOf(b.reason));
  const reason = Prisma.sql`CASE ${Prisma.join(
    rules.map((rule) => Prisma.sql`WHEN ${rule.blocked} THEN ${rule.reason}::text`),
    " ",
  )} END`;
  const statement = Prisma.sql`
    SELECT b.id::text AS "userId", ${reason} AS reason
    FROM unnest(${ids}::uuid[], ${ids.map((id) => hashOf.get(id) ?? null)}::text[]) AS b(id, hash)
    LEFT JOIN "User" u ON u.id = b.id
    LEFT JOIN "MemberPreferences" p ON p."userId" = u.id
    ${contactsJoin(context, ids)}`;
  const { rows } = await pool.query<{ userId: string; reason: BlockReason | null }>(statement.text, statement.values);
  // Ids come back as PostgreSQL writes them (lower case); answer in the caller's spelling.
  const asGiven = new Map(userIds.map((id) => [id.toLowerCase(), id]));
  for (const row of rows) if (row.reason) blocked.set(asGiven.get(row.userId) ?? row.userId, row.reason);
  return blocked;
}
