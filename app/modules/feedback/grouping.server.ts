// Recurrence grouping of feedback (docs/decisions/0018-feedback-inbox.md).
//
// When an item arrives its text (masked first, so no email address or phone
// number becomes a stem) is turned into stems by PostgreSQL's text search in
// the item's language (snowball: finnish, swedish, english; stopwords left
// out). It is compared with the groups of the items of the same language
// received in the 12 months before it (see similarity.ts); it joins the most
// similar group when that is similar enough, else it starts a group of its own.
// Another group just as close to it is the same matter told in other words:
// it is merged into the joined one, unless a handler has named or arranged it.
// One grouping runs at a time (a transaction-scoped advisory lock), so items
// about the same matter arriving together cannot start two groups. Items a
// handler took out of a group or moved by hand (groupLocked) are never
// regrouped and do not draw new items into their group.
import { Prisma } from "~/generated/panel/client";
import { db, type PanelTransaction } from "~/infra/db/panel.server";
import type { Language } from "~/infra/i18n/i18n";
import { maskFreeText } from "~/modules/results/masking";
import { instantToHelsinki } from "~/modules/workshops/time";
import { type FeedbackCategory, type FeedbackChannel, type FeedbackStatus } from "./kinds";
import { agglomerate, cleanStems, decideGroup, pairSimilarities, GROUP_TITLE_MAX, documentFrequency, groupSimilarities, groupTerms, IDF_MIN_DOCUMENTS, itemFeatures, makeIdf, withEquivalents, type Idf } from "./similarity";

/** PostgreSQL text search configuration per item language. */
export const searchConfig: Record<Language, "finnish" | "swedish" | "english"> = {
  fi: "finnish",
  sv: "swedish",
  en: "english",
};

/** How far back an arriving item looks for the same matter. */
export const GROUPING_WINDOW_DAYS = 365;
/** At most this many recent items are compared (a year of one language's feedback, in practice). */
const POOL_MAX = 20000;

/** Taken by every change of group membership, so groupings do not interleave. */
export async function lockGrouping(tx: PanelTransaction): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('feedback-grouping'))`;
}

/** The stems of a text in a language, by PostgreSQL's snowball stemmer (stopwords left out). */
export async function textStems(tx: PanelTransaction, text: string, language: Language): Promise<string[]> {
  // canonical words for things customers name differently (kirjautua / tunnistautua, log in / sign in)
  const masked = withEquivalents(maskFreeText(text), language);
  const rows = await tx.$queryRaw<{ stems: string[] | null }[]>`
    SELECT tsvector_to_array(to_tsvector(${searchConfig[language]}::regconfig, ${masked})) AS stems`;
  return cleanStems(rows[0]?.stems ?? []);
}

interface PoolItem {
  id: string;
  groupId: string;
  stems: string[];
  thanks: boolean;
  serviceId: string | null;
}

/** Items of the language in the window before `at` whose groups new items may join. */
async function recentItems(tx: PanelTransaction, language: Language, at: Date, exceptId: string | null): Promise<PoolItem[]> {
  const since = new Date(at.getTime() - GROUPING_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  const rows = await tx.feedback.findMany({
    where: {
      ...(exceptId ? { id: { not: exceptId } } : {}),
      language,
      receivedAt: { gte: since },
      groupId: { not: null },
      groupLocked: false,
    },
    select: { id: true, groupId: true, stems: true, category: true, serviceId: true },
    orderBy: { receivedAt: "desc" },
    take: POOL_MAX,
  });
  return rows.map((r) => ({ id: r.id, groupId: r.groupId!, stems: r.stems, thanks: r.category === "THANKS", serviceId: r.serviceId }));
}

/** Recomputes a group's display terms from its items' stems. */
export async function refreshGroupTerms(tx: PanelTransaction, groupId: string, idf?: Idf): Promise<void> {
  const items = await tx.feedback.findMany({
    where: { groupId },
    select: { stems: true, language: true, receivedAt: true },
    orderBy: { receivedAt: "desc" },
    take: 200,
  });
  const latest = items[0];
  if (!latest) return;
  let weigh = idf;
  if (!weigh) {
    const pool = await recentItems(tx, latest.language, latest.receivedAt, null);
    weigh = makeIdf(documentFrequency(pool.map((p) => p.stems)), pool.length, IDF_MIN_DOCUMENTS);
  }
  await tx.feedbackGroup.update({ where: { id: groupId }, data: { terms: groupTerms(items.map((i) => i.stems), weigh) } });
}

/** Groups a handler has named, or with an item placed by hand, are not merged automatically. */
async function mergeable(tx: PanelTransaction, groupIds: string[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  const kept = await tx.feedbackGroup.findMany({
    where: { id: { in: groupIds }, title: null, items: { none: { groupLocked: true } } },
    select: { id: true },
  });
  return kept.map((g) => g.id);
}

/**
 * Stores the item's stems and puts it into the group of the most similar
 * earlier feedback, or a new group of its own. Called in the transaction that
 * creates the item. Returns the group id.
 */
export async function assignGroup(tx: PanelTransaction, feedbackId: string): Promise<string> {
  await lockGrouping(tx);
  const item = await tx.feedback.findUniqueOrThrow({
    where: { id: feedbackId },
    select: { id: true, text: true, language: true, category: true, serviceId: true, receivedAt: true, groupId: true, groupLocked: true },
  });
  const stems = await textStems(tx, item.text, item.language);
  if (item.groupLocked && item.groupId) {
    await tx.feedback.update({ where: { id: item.id }, data: { stems } });
    return item.groupId;
  }
  const pool = await recentItems(tx, item.language, item.receivedAt, item.id);
  const features = itemFeatures(stems);
  const poolFeatures = pool.map((p) => ({ groupId: p.groupId, features: itemFeatures(p.stems), thanks: p.thanks, serviceId: p.serviceId }));
  // the new item counts among the documents, so a feature only it has weighs most
  const documents = [...poolFeatures.map((p) => p.features), features];
  const featureIdf = makeIdf(documentFrequency(documents), documents.length, IDF_MIN_DOCUMENTS);
  const decision = decideGroup(groupSimilarities(features, poolFeatures, featureIdf, item.category === "THANKS", item.serviceId));
  const groupId = decision.join ?? (await tx.feedbackGroup.create({ data: { terms: [] }, select: { id: true } })).id;
  await tx.feedback.update({ where: { id: item.id }, data: { stems, groupId } });
  const merged = await mergeable(tx, decision.merge);
  if (merged.length > 0) {
    await tx.feedback.updateMany({ where: { groupId: { in: merged } }, data: { groupId } });
    await tx.feedbackGroup.deleteMany({ where: { id: { in: merged } } });
  }
  const stemIdf = makeIdf(documentFrequency([...pool.map((p) => p.stems), stems]), pool.length + 1, IDF_MIN_DOCUMENTS);
  await refreshGroupTerms(tx, groupId, stemIdf);
  return groupId;
}

// ---- Regrouping recent items (nightly)

/** How far back the nightly pass regroups. */
export const REGROUP_WINDOW_DAYS = GROUPING_WINDOW_DAYS;
/** At most this many of a language's most recent items are regrouped (the pass is quadratic in them). */
const REGROUP_MAX = 2000;

/**
 * Regroups the items of the last REGROUP_WINDOW_DAYS before `now`, one
 * language at a time, by average-linkage clustering (similarity.ts): grouping
 * on arrival depends on the order items came in, this pass does not. Items a
 * handler placed by hand (groupLocked) and the groups a handler named or
 * arranged (a title, or an item placed by hand) are left as they are and take
 * no items. A cluster keeps the existing group most of its items are in;
 * emptied groups are deleted. Under the grouping lock, so it never interleaves
 * with arrivals. Returns how many items changed group.
 */
export async function regroupRecent(now: Date = new Date()): Promise<{ items: number; moved: number }> {
  let items = 0;
  let moved = 0;
  for (const language of Object.keys(searchConfig) as Language[]) {
    const result = await db.$transaction(
      async (tx) => {
        await lockGrouping(tx);
        const since = new Date(now.getTime() - REGROUP_WINDOW_DAYS * 24 * 60 * 60 * 1000);
        const rows = await tx.feedback.findMany({
          where: {
            language,
            receivedAt: { gte: since, lte: now },
            groupLocked: false,
            group: { is: { title: null, items: { none: { groupLocked: true } } } },
          },
          select: { id: true, groupId: true, stems: true, category: true, serviceId: true },
          orderBy: [{ receivedAt: "desc" }, { id: "asc" }],
          take: REGROUP_MAX,
        });
        if (rows.length < 2) return { items: rows.length, moved: 0 };
        // a fixed order (by id), so the clusters do not depend on arrival order even in ties
        rows.sort((a, b) => (a.id < b.id ? -1 : 1));
        const members = rows.map((r) => ({ features: itemFeatures(r.stems), thanks: r.category === "THANKS", serviceId: r.serviceId }));
        const idf = makeIdf(documentFrequency(members.map((m) => m.features)), members.length, IDF_MIN_DOCUMENTS);
        const labels = agglomerate(pairSimilarities(members, idf));
        const clusters = new Map<number, typeof rows>();
        labels.forEach((label, i) => {
          const list = clusters.get(label) ?? [];
          list.push(rows[i]!);
          clusters.set(label, list);
        });
        // the largest clusters choose first: each keeps the existing group most of its items are in
        const taken = new Set<string>();
        const touched = new Set<string>(rows.map((r) => r.groupId!));
        let changed = 0;
        for (const cluster of [...clusters.values()].sort((a, b) => b.length - a.length)) {
          const votes = new Map<string, number>();
          for (const r of cluster) if (!taken.has(r.groupId!)) votes.set(r.groupId!, (votes.get(r.groupId!) ?? 0) + 1);
          const kept = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
          const groupId = kept ?? (await tx.feedbackGroup.create({ data: { terms: [] }, select: { id: true } })).id;
          taken.add(groupId);
          touched.add(groupId);
          const moving = cluster.filter((r) => r.groupId !== groupId).map((r) => r.id);
          if (moving.length > 0) await tx.feedback.updateMany({ where: { id: { in: moving } }, data: { groupId } });
          changed += moving.length;
        }
        const stemIdf = makeIdf(documentFrequency(rows.map((r) => r.stems)), rows.length, IDF_MIN_DOCUMENTS);
        for (const groupId of touched) {
          if ((await tx.feedback.count({ where: { groupId } })) === 0) await tx.feedbackGroup.deleteMany({ where: { id: groupId } });
          else if (changed > 0) await refreshGroupTerms(tx, groupId, stemIdf);
        }
        return { items: rows.length, moved: changed };
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    items += result.items;
    moved += result.moved;
  }
  return { items, moved };
}

let lastRegroupDay: string | null = null;

/** The night hours (Helsinki) in which the daily regrouping may run: never at start-up in the working day. */
const REGROUP_HOURS = { from: 1, to: 5 };

/**
 * regroupRecent once a Helsinki day, at night (the housekeeping looks every
 * 10 minutes); null when it is not the time or already done today. Each
 * instance runs it once a night; a second instance waits on the grouping lock
 * and then finds nothing to move.
 */
export async function regroupOncePerDay(now: Date = new Date()): Promise<{ items: number; moved: number } | null> {
  const { date, time } = instantToHelsinki(now);
  const hour = Number(time.slice(0, 2));
  if (hour < REGROUP_HOURS.from || hour >= REGROUP_HOURS.to || lastRegroupDay === date) return null;
  lastRegroupDay = date;
  return regroupRecent(now);
}

// ---- The groups pages (/staff/feedback/groups and /staff/feedback/groups/:groupId)

/** An item's customer: the same definition wherever "how many customers" is shown. */
const customerKey = Prisma.sql`coalesce(lower(f."contactEmail"), f."contactPhone", f."employerId", f.id::text)`;

export interface GroupFilter {
  /** Helsinki days, inclusive, "2026-10-01" */
  from: string | null;
  to: string | null;
  unitId: string | null;
  category: FeedbackCategory | null;
  minSize: number;
  q: string;
  page: number;
}

export interface GroupRow {
  id: string;
  title: string | null;
  terms: string[];
  size: number;
  customers: number;
  channels: FeedbackChannel[];
  units: string[];
  noUnit: boolean;
  first: Date;
  last: Date;
  open: number;
}

export const GROUPS_PAGE_SIZE = 25;

/**
 * Groups with at least `minSize` items matching the filter, the largest
 * (recurring) first, then the most recent. Counts are over the matching items.
 */
export async function listGroups(filter: GroupFilter): Promise<{ rows: GroupRow[]; total: number; pages: number }> {
  const conditions: Prisma.Sql[] = [Prisma.sql`f."groupId" IS NOT NULL`];
  if (filter.from) conditions.push(Prisma.sql`f."receivedAt" >= (${filter.from}::date::timestamp AT TIME ZONE 'Europe/Helsinki')`);
  if (filter.to) conditions.push(Prisma.sql`f."receivedAt" < ((${filter.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Helsinki')`);
  if (filter.unitId) conditions.push(Prisma.sql`f."unitId" = ${filter.unitId}::uuid`);
  if (filter.category) conditions.push(Prisma.sql`f.category = ${filter.category}::"FeedbackCategory"`);
  const where = Prisma.join(conditions, " AND ");
  const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const search = filter.q
    ? Prisma.sql`AND (g.title ILIKE ${like} OR array_to_string(g.terms, ' ') ILIKE ${like}
        OR EXISTS (SELECT 1 FROM "Feedback" s WHERE s."groupId" = g.id AND s.text ILIKE ${like}))`
    : Prisma.empty;
  const grouped = Prisma.sql`
    SELECT f."groupId" AS id,
           count(*)::int AS size,
           count(DISTINCT ${customerKey})::int AS customers,
           array_agg(DISTINCT f.channel::text) AS channels,
           array_remove(array_agg(DISTINCT u.name), NULL) AS units,
           bool_or(f."unitId" IS NULL) AS "noUnit",
           min(f."receivedAt") AS first,
           max(f."receivedAt") AS last,
           count(*) FILTER (WHERE f.status IN ('NEW', 'IN_PROGRESS'))::int AS open
      FROM "Feedback" f LEFT JOIN "FeedbackUnit" u ON u.id = f."unitId"
     WHERE ${where}
     GROUP BY f."groupId"
    HAVING count(*) >= ${filter.minSize}`;
  const counted = await db.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM (${grouped}) m JOIN "FeedbackGroup" g ON g.id = m.id WHERE TRUE ${search}`;
  const total = counted[0]?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / GROUPS_PAGE_SIZE));
  const offset = (Math.min(filter.page, pages) - 1) * GROUPS_PAGE_SIZE;
  const rows = await db.$queryRaw<GroupRow[]>`
    SELECT m.*, g.title, g.terms FROM (${grouped}) m JOIN "FeedbackGroup" g ON g.id = m.id
     WHERE TRUE ${search}
     ORDER BY m.size DESC, m.last DESC, m.id
     LIMIT ${GROUPS_PAGE_SIZE} OFFSET ${offset}`;
  return { rows, total, pages };
}

export interface GroupItem {
  id: string;
  number: number;
  channel: FeedbackChannel;
  unitName: string | null;
  status: FeedbackStatus;
  text: string;
  receivedAt: Date;
  groupLocked: boolean;
}

export const GROUP_ITEMS_MAX = 500;

/** A group with its items (newest first); null when there is no such group. */
export async function groupDetail(groupId: string) {
  const group = await db.feedbackGroup.findUnique({ where: { id: groupId }, select: { id: true, title: true, terms: true, createdAt: true } });
  if (!group) return null;
  const items = await db.feedback.findMany({
    where: { groupId },
    select: { id: true, number: true, channel: true, status: true, text: true, receivedAt: true, groupLocked: true, unit: { select: { name: true } }, contactEmail: true, contactPhone: true, employerId: true },
    orderBy: { receivedAt: "desc" },
    take: GROUP_ITEMS_MAX,
  });
  const customers = new Set(items.map((i) => i.contactEmail?.toLowerCase() ?? i.contactPhone ?? i.employerId ?? i.id)).size;
  return {
    ...group,
    customers,
    items: items.map(
      (i): GroupItem => ({
        id: i.id,
        number: i.number,
        channel: i.channel,
        unitName: i.unit?.name ?? null,
        status: i.status,
        text: i.text,
        receivedAt: i.receivedAt,
        groupLocked: i.groupLocked,
      }),
    ),
  };
}

/** Names a group; an empty title goes back to showing its terms. False when there is no such group. */
export async function renameGroup(groupId: string, title: string): Promise<boolean> {
  const trimmed = title.replace(/\s+/g, " ").trim().slice(0, GROUP_TITLE_MAX);
  const updated = await db.feedbackGroup.updateMany({ where: { id: groupId }, data: { title: trimmed === "" ? null : trimmed } });
  return updated.count === 1;
}

/**
 * Takes an item out of its group into a group of its own, for good: it is
 * locked, so it is never regrouped. Null when the item is not in that group.
 */
export async function takeOutOfGroup(groupId: string, feedbackId: string, by: { userId: string }): Promise<{ groupId: string } | null> {
  return db.$transaction(async (tx) => {
    await lockGrouping(tx);
    const item = await tx.feedback.findFirst({ where: { id: feedbackId, groupId }, select: { id: true, number: true } });
    if (!item) return null;
    const own = await tx.feedbackGroup.create({ data: { terms: [] }, select: { id: true } });
    await tx.feedback.update({ where: { id: item.id }, data: { groupId: own.id, groupLocked: true } });
    await tx.feedbackAction.create({ data: { feedbackId: item.id, kind: "GROUPED", byId: by.userId, text: null } });
    await refreshGroupTerms(tx, own.id);
    await refreshGroupTerms(tx, groupId);
    await dropIfEmpty(tx, groupId);
    return { groupId: own.id };
  });
}

export type MoveResult = { ok: true; groupId: string } | { ok: false; reason: "notFound" | "target" | "same" };

/**
 * Moves an item into another group, named by the group's id or by any of its
 * items' references ("#1042" or "1042"). The item is locked there.
 */
export async function moveToGroup(groupId: string, feedbackId: string, target: string, by: { userId: string }): Promise<MoveResult> {
  return db.$transaction(async (tx) => {
    await lockGrouping(tx);
    const item = await tx.feedback.findFirst({ where: { id: feedbackId, groupId }, select: { id: true } });
    if (!item) return { ok: false, reason: "notFound" } as const;
    const wanted = target.trim().replace(/^#/, "");
    let targetId: string | null = null;
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(wanted)) {
      targetId = (await tx.feedbackGroup.findUnique({ where: { id: wanted.toLowerCase() }, select: { id: true } }))?.id ?? null;
    } else if (/^\d{1,9}$/.test(wanted)) {
      targetId = (await tx.feedback.findUnique({ where: { number: Number(wanted) }, select: { groupId: true } }))?.groupId ?? null;
    }
    if (!targetId) return { ok: false, reason: "target" } as const;
    if (targetId === groupId) return { ok: false, reason: "same" } as const;
    await tx.feedback.update({ where: { id: item.id }, data: { groupId: targetId, groupLocked: true } });
    await tx.feedbackAction.create({ data: { feedbackId: item.id, kind: "GROUPED", byId: by.userId, text: null } });
    await refreshGroupTerms(tx, targetId);
    await refreshGroupTerms(tx, groupId);
    await dropIfEmpty(tx, groupId);
    return { ok: true, groupId: targetId } as const;
  });
}

async function dropIfEmpty(tx: PanelTransaction, groupId: string) {
  const left = await tx.feedback.count({ where: { groupId } });
  if (left === 0) await tx.feedbackGroup.deleteMany({ where: { id: groupId } });
}
