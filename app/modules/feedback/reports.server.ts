// Feedback reports: the monthly summary of one unit (or of all units) and the
// yearly view of what led to a change. Every figure is counted by PostgreSQL
// (GROUP BY over the month's rows); nothing loads the items themselves.
// Months are calendar months in Europe/Helsinki. An item belongs to the unit
// it is routed or assigned to now.
import { db } from "~/infra/db/panel.server";
import { Prisma } from "~/generated/panel/client";
import { maskFreeText } from "~/modules/results/masking";
import { feedbackCategories, feedbackChannels, type FeedbackCategory, type FeedbackChannel } from "./kinds";
import { nextMonth } from "./working-days";

/** The action log entries counted as "actions taken": work done on an item, not its arrival or bookkeeping. */
export const countedActionKinds = ["ACTION", "REPLY", "CHANGE", "STATUS"] as const;
export type CountedActionKind = (typeof countedActionKinds)[number];

/** Recurring groups shown in a summary. */
const TOP_GROUPS = 5;
/** Open urgent items listed (the count is always whole). */
const URGENT_LISTED = 50;

/** The one definition of "a customer" in counts: anonymous items count one each. */
export const customerKey = Prisma.sql`coalesce(lower(f."contactEmail"), f."contactPhone", f."employerId", f.id::text)`;

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A "YYYY-MM" month a report can be made of (years 2000–2100), or null. */
export function parseMonth(value: string | null | undefined): string | null {
  const match = monthPattern.exec(value?.trim() ?? "");
  if (!match) return null;
  const year = Number(match[1]);
  return year >= 2000 && year <= 2100 ? `${match[1]}-${match[2]}` : null;
}

/** A year a report can be made of, or null. */
export function parseYear(value: string | null | undefined): number | null {
  const text = value?.trim() ?? "";
  if (!/^\d{4}$/.test(text)) return null;
  const year = Number(text);
  return year >= 2000 && year <= 2100 ? year : null;
}

/** The instants a Helsinki month begins and ends, as SQL. */
function monthRange(month: string) {
  const start = `${month}-01`;
  const end = `${nextMonth(month)}-01`;
  return {
    start: Prisma.sql`(${start}::timestamp AT TIME ZONE 'Europe/Helsinki')`,
    end: Prisma.sql`(${end}::timestamp AT TIME ZONE 'Europe/Helsinki')`,
  };
}

const unitFilter = (unitId: string | null) => (unitId ? Prisma.sql`f."unitId" = ${unitId}::uuid` : Prisma.sql`TRUE`);

export interface CountRow<Key extends string> {
  key: Key;
  count: number;
}

export interface ServiceCount {
  serviceId: string | null;
  names: { fi: string; sv: string; en: string } | null;
  count: number;
}

export interface RecurringGroup {
  groupId: string;
  /** the handler's title, or its top terms; masked */
  label: string;
  items: number;
  customers: number;
  channels: FeedbackChannel[];
  first: Date;
  last: Date;
}

export interface OpenUrgent {
  id: string;
  number: number;
  receivedAt: Date;
  waitingMs: number;
  unitName: string | null;
}

export interface MonthlySummary {
  month: string;
  unitId: string | null;
  unitName: string | null;
  /** items received in the month */
  total: number;
  customers: number;
  byCategory: CountRow<FeedbackCategory>[];
  byChannel: CountRow<FeedbackChannel>[];
  /** services with items, most first; serviceId null = no particular service */
  byService: ServiceCount[];
  /** items received in the month that have led to a change (by now) */
  ledToChange: number;
  /** action log entries made in the month, of the counted kinds */
  actions: Record<CountedActionKind, number> & { total: number };
  /** groups with at least two of the month's items, most customers first */
  topGroups: RecurringGroup[];
  /** urgent items still open now that arrived by the month's end; the oldest first */
  openUrgent: OpenUrgent[];
  openUrgentTotal: number;
}

/**
 * The summary of one month for a unit, or for all units when unitId is null.
 * `now` is when waiting times are measured (the default is now).
 */
export async function monthlySummary({ unitId, month, now = new Date() }: { unitId: string | null; month: string; now?: Date }): Promise<MonthlySummary> {
  const { start, end } = monthRange(month);
  const scope = Prisma.sql`f."receivedAt" >= ${start} AND f."receivedAt" < ${end} AND ${unitFilter(unitId)}`;

  // Category, channel and service in one pass, plus the month's total line.
  const counted = await db.$queryRaw<
    { category: string | null; channel: string | null; serviceId: string | null; grouping: number; items: number; customers: number; changed: number }[]
  >`
    SELECT f.category::text AS category, f.channel::text AS channel, f."serviceId" AS "serviceId",
      GROUPING(f.category, f.channel, f."serviceId")::int AS grouping,
      count(*)::int AS items,
      count(DISTINCT ${customerKey})::int AS customers,
      count(*) FILTER (WHERE f."ledToChange")::int AS changed
    FROM "Feedback" f
    WHERE ${scope}
    GROUP BY GROUPING SETS ((f.category), (f.channel), (f."serviceId"), ())`;
  // GROUPING(category, channel, serviceId): a bit is 1 for a column not grouped by.
  const totalRow = counted.find((r) => r.grouping === 0b111);
  const categoryRows = counted.filter((r) => r.grouping === 0b011);
  const channelRows = counted.filter((r) => r.grouping === 0b101);
  const serviceRows = counted.filter((r) => r.grouping === 0b110).sort((a, b) => b.items - a.items);

  const services = await db.feedbackService.findMany({
    where: { id: { in: serviceRows.flatMap((r) => (r.serviceId ? [r.serviceId] : [])) } },
    select: { id: true, nameFi: true, nameSv: true, nameEn: true },
  });

  const actionRows = await db.$queryRaw<{ kind: CountedActionKind; count: number }[]>`
    SELECT a.kind::text AS kind, count(*)::int AS count
    FROM "FeedbackAction" a JOIN "Feedback" f ON f.id = a."feedbackId"
    WHERE a.at >= ${start} AND a.at < ${end}
      AND a.kind IN ('ACTION', 'REPLY', 'CHANGE', 'STATUS')
      AND ${unitFilter(unitId)}
    GROUP BY a.kind`;
  const actions = Object.fromEntries(countedActionKinds.map((kind) => [kind, actionRows.find((r) => r.kind === kind)?.count ?? 0])) as Record<
    CountedActionKind,
    number
  >;

  const groupRows = await db.$queryRaw<
    { groupId: string; title: string | null; terms: string[]; items: number; customers: number; channels: FeedbackChannel[]; first: Date; last: Date }[]
  >`
    SELECT f."groupId" AS "groupId", g.title, g.terms,
      count(*)::int AS items,
      count(DISTINCT ${customerKey})::int AS customers,
      array_agg(DISTINCT f.channel::text) AS channels,
      min(f."receivedAt") AS first, max(f."receivedAt") AS last
    FROM "Feedback" f JOIN "FeedbackGroup" g ON g.id = f."groupId"
    WHERE ${scope}
    GROUP BY f."groupId", g.title, g.terms
    HAVING count(*) >= 2
    ORDER BY customers DESC, items DESC, last DESC
    LIMIT ${TOP_GROUPS}`;

  const urgentWhere = Prisma.sql`f.urgent AND f.status IN ('NEW', 'IN_PROGRESS') AND f."receivedAt" < ${end} AND ${unitFilter(unitId)}`;
  const urgentRows = await db.$queryRaw<{ id: string; number: number; receivedAt: Date; unitName: string | null }[]>`
    SELECT f.id, f.number, f."receivedAt" AS "receivedAt", u.name AS "unitName"
    FROM "Feedback" f LEFT JOIN "FeedbackUnit" u ON u.id = f."unitId"
    WHERE ${urgentWhere}
    ORDER BY f."receivedAt", f.number
    LIMIT ${URGENT_LISTED}`;
  const [urgentCount] = await db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM "Feedback" f WHERE ${urgentWhere}`;

  const unit = unitId ? await db.feedbackUnit.findUnique({ where: { id: unitId }, select: { name: true } }) : null;

  return {
    month,
    unitId,
    unitName: unit?.name ?? null,
    total: totalRow?.items ?? 0,
    customers: totalRow?.customers ?? 0,
    ledToChange: totalRow?.changed ?? 0,
    byCategory: feedbackCategories.map((key) => ({ key, count: categoryRows.find((r) => r.category === key)?.items ?? 0 })),
    byChannel: feedbackChannels.map((key) => ({ key, count: channelRows.find((r) => r.channel === key)?.items ?? 0 })),
    byService: serviceRows.map((r) => {
      const service = services.find((s) => s.id === r.serviceId);
      return {
        serviceId: r.serviceId,
        names: service ? { fi: service.nameFi, sv: service.nameSv, en: service.nameEn } : null,
        count: r.items,
      };
    }),
    actions: { ...actions, total: countedActionKinds.reduce((sum, kind) => sum + actions[kind], 0) },
    topGroups: groupRows.map((g) => ({
      groupId: g.groupId,
      label: maskFreeText(g.title?.trim() || g.terms.slice(0, 5).join(", ")),
      items: g.items,
      customers: g.customers,
      channels: feedbackChannels.filter((c) => g.channels.includes(c)),
      first: g.first,
      last: g.last,
    })),
    openUrgent: urgentRows.map((r) => ({ ...r, waitingMs: Math.max(0, now.getTime() - r.receivedAt.getTime()) })),
    openUrgentTotal: urgentCount?.count ?? 0,
  };
}

export interface YearRow {
  unitId: string | null;
  unitName: string | null;
  items: number;
  ledToChange: number;
  /** ledToChange / items, 0 when there are no items */
  share: number;
  /** items and changes by month, January first */
  months: { items: number; ledToChange: number }[];
}

/**
 * The year's items per unit and how many of them led to a change, with the
 * months; every active unit is listed, and the unrouted items when there are any.
 */
export async function yearlyView(year: number): Promise<{ year: number; units: YearRow[]; total: YearRow }> {
  const start = Prisma.sql`(${`${year}-01-01`}::timestamp AT TIME ZONE 'Europe/Helsinki')`;
  const end = Prisma.sql`(${`${year + 1}-01-01`}::timestamp AT TIME ZONE 'Europe/Helsinki')`;
  const rows = await db.$queryRaw<{ unitId: string | null; month: number; items: number; changed: number }[]>`
    SELECT f."unitId" AS "unitId",
      extract(month FROM f."receivedAt" AT TIME ZONE 'Europe/Helsinki')::int AS month,
      count(*)::int AS items,
      count(*) FILTER (WHERE f."ledToChange")::int AS changed
    FROM "Feedback" f
    WHERE f."receivedAt" >= ${start} AND f."receivedAt" < ${end}
    GROUP BY f."unitId", month`;
  const units = await db.feedbackUnit.findMany({ select: { id: true, name: true, active: true }, orderBy: { name: "asc" } });
  const row = (unitId: string | null, unitName: string | null, mine: typeof rows): YearRow => {
    const months = Array.from({ length: 12 }, (_, i) => {
      const inMonth = mine.filter((r) => r.month === i + 1);
      return { items: inMonth.reduce((s, r) => s + r.items, 0), ledToChange: inMonth.reduce((s, r) => s + r.changed, 0) };
    });
    const items = months.reduce((s, m) => s + m.items, 0);
    const ledToChange = months.reduce((s, m) => s + m.ledToChange, 0);
    return { unitId, unitName, items, ledToChange, share: items > 0 ? ledToChange / items : 0, months };
  };
  const listed = units
    .filter((u) => u.active || rows.some((r) => r.unitId === u.id))
    .map((u) => row(u.id, u.name, rows.filter((r) => r.unitId === u.id)));
  const unrouted = rows.filter((r) => r.unitId === null);
  if (unrouted.length > 0) listed.push(row(null, null, unrouted));
  return { year, units: listed, total: row(null, null, rows) };
}

/** The units a report can be made for (active first, then by name). */
export async function reportUnits() {
  return db.feedbackUnit.findMany({ select: { id: true, name: true, active: true }, orderBy: [{ active: "desc" }, { name: "asc" }] });
}
