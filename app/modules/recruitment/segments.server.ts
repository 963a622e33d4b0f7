// Segments: who matches a set of filters, as one SQL statement that counting
// and sampling both build on, and the segments researchers save by name.
// Researchers see counts only; member ids never leave the server.
import { z } from "zod";
import { db, panelPool } from "~/infra/db/panel.server";
import { Prisma } from "~/generated/panel/client";
import type { SessionUser } from "~/infra/auth/session.server";
import { requiredText } from "~/infra/http/fields";
import { recordAudit } from "~/modules/audit/record.server";
import { atRewardCapMembersSql, atRewardCapSql } from "~/modules/incentives/incentives.server";
import { PROFILE_USE } from "~/modules/consent/purposes";
import { helsinkiDay } from "~/modules/studies/days";
import { studyTypes, type StudyTypeName } from "~/modules/studies/studies.server";
import { isAdmin, requireCan } from "./access.server";
import { baseRules, contactsJoin, fatigueRules, notBlocked, type RuleContext } from "./fatigue.server";
import { ageBands, segmentFiltersSchema, type AgeBand, type SegmentFilters } from "./filters";

export interface SegmentOptions {
  /** members already invited to this study are left out */
  studyId?: string;
  /** members who do not want this kind of study are left out */
  studyType?: StudyTypeName;
  /** also leave out whom the contact-fatigue rules block now (paused, caps, cool-down) */
  fatigue?: boolean;
  /** the moment eligibility is judged at (default now) */
  at?: Date;
}

/** Ages (in whole calendar years, as results count them) of each band. */
const bandAges: Record<AgeBand, [number, number | null]> = {
  "16-24": [0, 24],
  "25-34": [25, 34],
  "35-44": [35, 44],
  "45-54": [45, 54],
  "55-64": [55, 64],
  "65-74": [65, 74],
  "75+": [75, null],
};

/** The member's age band from the birth year, as answering.server coarsens it. */
function ageBandSql(year: number): Prisma.Sql {
  const cases = ageBands.map((band) => {
    const [, to] = bandAges[band];
    return to === null ? Prisma.sql`ELSE ${band}::text` : Prisma.sql`WHEN ${year}::int - mp."birthYear" <= ${to}::int THEN ${band}::text`;
  });
  return Prisma.sql`CASE WHEN mp."birthYear" IS NULL THEN NULL ${Prisma.join(cases, " ")} END`;
}

/** Birth years of the chosen bands, as ranges (cheap to test, no age computed per row). */
function ageBandFilter(bands: AgeBand[], year: number): Prisma.Sql {
  const ranges = bands.map((band) => {
    const [from, to] = bandAges[band];
    const earliest = to === null ? null : year - to;
    const latest = from === 0 ? null : year - from;
    if (earliest === null) return Prisma.sql`mp."birthYear" <= ${latest}::int`;
    if (latest === null) return Prisma.sql`mp."birthYear" >= ${earliest}::int`;
    return Prisma.sql`mp."birthYear" BETWEEN ${earliest}::int AND ${latest}::int`;
  });
  return Prisma.sql`(${Prisma.join(ranges, " OR ")})`;
}

const has = <T>(list: T[] | undefined): list is T[] => Array.isArray(list) && list.length > 0;

/** Conditions for the filters; profile ones read mp, which is NULL without profile-use consent. */
function filterConditions(filters: SegmentFilters, at: Date): Prisma.Sql[] {
  const day = helsinkiDay(at);
  const year = Number(day.slice(0, 4));
  const conditions: Prisma.Sql[] = [];
  if (has(filters.ageBands)) conditions.push(ageBandFilter(filters.ageBands, year));
  if (has(filters.regions)) conditions.push(Prisma.sql`mp.region = ANY (${filters.regions}::text[])`);
  if (has(filters.languages)) {
    // The account's language counts as profile here too (filters.ts): only with the consent.
    conditions.push(Prisma.sql`(pc."userId" IS NOT NULL AND u.language = ANY (${filters.languages}::"Language"[]))`);
  }
  if (has(filters.lifeSituations)) conditions.push(Prisma.sql`mp."lifeSituation" = ANY (${filters.lifeSituations}::text[])`);
  if (has(filters.employerSizes)) conditions.push(Prisma.sql`mp."employerSize" = ANY (${filters.employerSizes}::text[])`);
  if (has(filters.employerIndustries)) conditions.push(Prisma.sql`mp."employerIndustry" = ANY (${filters.employerIndustries}::text[])`);
  if (filters.actsForEmployer !== undefined) conditions.push(Prisma.sql`mp."actsForEmployer" = ${filters.actsForEmployer}::boolean`);
  if (has(filters.acceptsTypes)) {
    conditions.push(Prisma.sql`COALESCE(p."studyTypes", ${[...studyTypes]}::text[]) @> ${filters.acceptsTypes}::text[]`);
  }
  if (filters.memberForMonths !== undefined && filters.memberForMonths > 0) {
    conditions.push(Prisma.sql`u."createdAt" <= ${at}::timestamptz - make_interval(months => ${filters.memberForMonths}::int)`);
  }
  if (filters.invitedWithin) {
    const exists = Prisma.sql`EXISTS (SELECT 1 FROM "Invitation" hi WHERE hi."userId" = u.id
      AND hi."invitedOn" > (${day}::date - make_interval(months => ${filters.invitedWithin.months}::int))::date)`;
    conditions.push(filters.invitedWithin.mode === "only" ? exists : Prisma.sql`NOT ${exists}`);
  }
  if (filters.tookPartWithin) {
    const exists = Prisma.sql`EXISTS (SELECT 1 FROM "Invitation" hc WHERE hc."userId" = u.id
      AND hc."completedOn" > (${day}::date - make_interval(months => ${filters.tookPartWithin.months}::int))::date)`;
    conditions.push(filters.tookPartWithin.mode === "only" ? exists : Prisma.sql`NOT ${exists}`);
  }
  if (filters.noShowWithin) {
    // A no-show is a booking the facilitator marked NO_SHOW (workshops module), dated by its slot.
    const exists = Prisma.sql`EXISTS (SELECT 1 FROM "Booking" nb JOIN "Slot" ns ON ns.id = nb."slotId" WHERE nb."userId" = u.id
      AND nb.state = 'NO_SHOW' AND ns."startsAt" > ${at}::timestamptz - make_interval(months => ${filters.noShowWithin.months}::int))`;
    conditions.push(filters.noShowWithin.mode === "only" ? exists : Prisma.sql`NOT ${exists}`);
  }
  if (filters.atRewardCap) {
    // The incentives module's condition on the member's rewards in the year of `at` (no values from outside in it).
    const atCap = Prisma.raw(atRewardCapSql("u.id", year));
    const reached = Prisma.sql`coalesce((${atCap}), false)`;
    conditions.push(filters.atRewardCap === "only" ? reached : Prisma.sql`NOT ${reached}`);
  }
  if (has(filters.excludeStudies)) {
    conditions.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "Invitation" xi WHERE xi."userId" = u.id AND xi."studyId" = ANY (${filters.excludeStudies}::uuid[]))`);
  }
  return conditions;
}

/**
 * The eligible members of a segment, one row each: "userId", age_band,
 * region, language, life_situation (all NULL without the member's
 * profile-use consent) and last_contacted_at (latest invitation or reminder
 * sent). Meant as a subquery: PostgreSQL drops the columns and joins a
 * caller does not use, so a count reads only what the filters need.
 */
export function segmentSql(filters: SegmentFilters, options: SegmentOptions = {}): Prisma.Sql {
  const at = options.at ?? new Date();
  const year = Number(helsinkiDay(at).slice(0, 4));
  const context: RuleContext = { studyId: options.studyId, studyType: options.studyType, at, kind: "invitation" };
  const rules = [...baseRules(context), ...(options.fatigue ? fatigueRules(context) : [])];
  const conditions = filterConditions(filters, at);
  return Prisma.sql`
    SELECT u.id AS "userId",
      ${ageBandSql(year)} AS age_band,
      mp.region AS region,
      CASE WHEN pc."userId" IS NOT NULL THEN u.language::text END AS language,
      mp."lifeSituation" AS life_situation,
      lc.last AS last_contacted_at
    FROM "User" u
    LEFT JOIN "MemberPreferences" p ON p."userId" = u.id
    LEFT JOIN "CurrentConsent" pc ON pc."userId" = u.id AND pc.purpose = ${PROFILE_USE} AND pc.action = 'GIVEN'
    LEFT JOIN "MemberProfile" mp ON mp."userId" = u.id AND pc."userId" IS NOT NULL
    LEFT JOIN (
      SELECT x."userId", max(x.at) AS last FROM (
        SELECT i."userId", i."invitedOn"::timestamp AT TIME ZONE 'Europe/Helsinki' AS at FROM "Invitation" i WHERE i."userId" IS NOT NULL
        UNION ALL
        SELECT m."userId", m."sentAt" FROM "CampaignMessage" m WHERE m.kind LIKE 'reminder-%' AND m.status = 'SENT'
      ) x GROUP BY x."userId"
    ) lc ON lc."userId" = u.id
    ${options.fatigue ? contactsJoin(context) : Prisma.empty}
    WHERE u.kind = 'MEMBER' AND u.status = 'ACTIVE'
      ${notBlocked(rules)}
      ${conditions.length > 0 ? Prisma.sql`AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty}`;
}

export type Run = <T extends object>(statement: Prisma.Sql) => Promise<T[]>;

/**
 * Runs statements over a whole segment. The planner cannot estimate how many
 * members the rules keep (each rule is a guess of a third) and, believing
 * only a few hundred remain, probes indexes once per member; over a panel
 * every join is cheaper as a hash join, so nested loops are turned off for
 * this one read-only transaction. Repeatable read: the statements of one
 * draw see the same panel.
 */
export async function segmentReads<R>(work: (run: Run) => Promise<R>, options: { readOnly?: boolean } = {}): Promise<R> {
  const client = await panelPool().connect();
  try {
    // Not read-only when the work keeps a temporary table (of the transaction only).
    await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ ${options.readOnly === false ? "" : "READ ONLY"}`);
    await client.query("SELECT set_config('enable_nestloop', 'off', true), set_config('work_mem', '32MB', true)");
    const result = await work(async <T extends object>(statement: Prisma.Sql) => (await client.query<T>(statement.text, statement.values)).rows);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** How many members the segment holds (≤ 100 ms at 100,000 members). */
export async function countSegment(filters: SegmentFilters, options: SegmentOptions = {}): Promise<number> {
  const checked = segmentFiltersSchema.parse(filters);
  const rows = await segmentReads((run) => run<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM (${segmentSql(checked, options)}) s`));
  return rows[0]?.n ?? 0;
}

/** A segment's count and, of those, how many have reached this year's reward cap (null when the filters decide on the cap). */
export interface SegmentCount {
  count: number;
  atRewardCap: number | null;
}

/** countSegment for the pages that show it: also flags the members at the yearly reward cap, in the same statement. */
export async function countSegmentWithCap(filters: SegmentFilters, options: SegmentOptions = {}): Promise<SegmentCount> {
  const checked = segmentFiltersSchema.parse(filters);
  if (checked.atRewardCap) return { count: await countSegment(checked, options), atRewardCap: null };
  const year = Number(helsinkiDay(options.at ?? new Date()).slice(0, 4));
  // The members at the cap are few: found once and joined, not looked up per member counted.
  const atCap = Prisma.raw(atRewardCapMembersSql(year));
  const rows = await segmentReads((run) =>
    run<{ n: number; cap: number }>(
      Prisma.sql`SELECT count(*)::int AS n, (count(c."userId"))::int AS cap
                 FROM (${segmentSql(checked, options)}) s LEFT JOIN (${atCap}) c ON c."userId" = s."userId"`,
    ),
  );
  return { count: rows[0]?.n ?? 0, atRewardCap: rows[0]?.cap ?? 0 };
}

// ---------------------------------------------------------------- saved segments

export const segmentInputSchema = z.object({
  id: z.string().uuid().optional(),
  name: requiredText(120),
  filters: segmentFiltersSchema,
});

export type SegmentInput = z.input<typeof segmentInputSchema>;

export interface SavedSegment {
  id: string;
  name: string;
  ownerId: string | null;
  filters: SegmentFilters;
  createdAt: Date;
  updatedAt: Date;
}

const segmentSelect = { id: true, name: true, ownerId: true, filters: true, createdAt: true, updatedAt: true } as const;

function saved(row: { id: string; name: string; ownerId: string | null; filters: unknown; createdAt: Date; updatedAt: Date }): SavedSegment {
  // A stored segment no longer valid (a filter renamed since) opens with no filters rather than failing.
  const filters = segmentFiltersSchema.safeParse(row.filters);
  return { ...row, filters: filters.success ? filters.data : {} };
}

/** Owner or admin: the ownership is part of the query, so a forgotten check cannot leak a row. */
function mine(user: SessionUser) {
  return isAdmin(user) ? {} : { ownerId: user.id };
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** The researcher's own segments (an admin sees everyone's). */
export async function listSegments(user: SessionUser): Promise<SavedSegment[]> {
  requireCan(user, "studies.manage");
  const rows = await db.segment.findMany({ where: mine(user), select: segmentSelect, orderBy: [{ name: "asc" }, { createdAt: "asc" }] });
  return rows.map(saved);
}

/** The segment if this user may use it, else null (routes answer 404). */
export async function segmentFor(user: SessionUser, id: string): Promise<SavedSegment | null> {
  requireCan(user, "studies.manage");
  if (!isUuid(id)) return null;
  const row = await db.segment.findFirst({ where: { id, ...mine(user) }, select: segmentSelect });
  return row ? saved(row) : null;
}

export type SaveSegmentResult = { ok: true; segment: SavedSegment } | { ok: false; errors: Record<string, string> };

/**
 * Creates a segment, or with an id updates one the user may change. Bad input
 * comes back as message keys per field; null when the id is not theirs.
 */
export async function saveSegment(user: SessionUser, input: SegmentInput): Promise<SaveSegmentResult | null> {
  requireCan(user, "studies.manage");
  const parsed = segmentInputSchema.safeParse(input);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      errors[field] ??= issue.message.startsWith("form.") ? issue.message : field === "name" ? "form.required" : "recruitment.segment.filtersInvalid";
    }
    return { ok: false, errors };
  }
  const { id, name, filters } = parsed.data;
  return db.$transaction(async (tx) => {
    if (id) {
      const updated = await tx.segment.updateMany({ where: { id, ...mine(user) }, data: { name, filters } });
      if (updated.count === 0) return null;
      await recordAudit({ actorId: user.id, action: "segment.update", subjectId: id }, tx);
      return { ok: true as const, segment: saved(await tx.segment.findUniqueOrThrow({ where: { id }, select: segmentSelect })) };
    }
    const row = await tx.segment.create({ data: { name, filters, ownerId: user.id }, select: segmentSelect });
    await recordAudit({ actorId: user.id, action: "segment.create", subjectId: row.id }, tx);
    return { ok: true as const, segment: saved(row) };
  });
}

/** True when deleted; false when there was no such segment of theirs. */
export async function deleteSegment(user: SessionUser, id: string): Promise<boolean> {
  requireCan(user, "studies.manage");
  if (!isUuid(id)) return false;
  return db.$transaction(async (tx) => {
    const deleted = await tx.segment.deleteMany({ where: { id, ...mine(user) } });
    if (deleted.count > 0) await recordAudit({ actorId: user.id, action: "segment.delete", subjectId: id }, tx);
    return deleted.count > 0;
  });
}
