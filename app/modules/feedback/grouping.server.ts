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
import type { PanelTransaction } from "~/infra/db/panel.server";
import type { Language } from "~/infra/i18n/i18n";
import { maskFreeText } from "~/modules/results/masking";
import { cleanStems, decideGroup, documentFrequency, groupSimilarities, groupTerms, makeIdf, stemGrams, type Idf } from "./similarity";

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
  const masked = maskFreeText(text);
  const rows = await tx.$queryRaw<{ stems: string[] | null }[]>`
    SELECT tsvector_to_array(to_tsvector(${searchConfig[language]}::regconfig, ${masked})) AS stems`;
  return cleanStems(rows[0]?.stems ?? []);
}

interface PoolItem {
  id: string;
  groupId: string;
  stems: string[];
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
    select: { id: true, groupId: true, stems: true },
    orderBy: { receivedAt: "desc" },
    take: POOL_MAX,
  });
  return rows.map((r) => ({ id: r.id, groupId: r.groupId!, stems: r.stems }));
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
    weigh = makeIdf(documentFrequency(pool.map((p) => p.stems)), pool.length);
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
    select: { id: true, text: true, language: true, receivedAt: true, groupId: true, groupLocked: true },
  });
  const stems = await textStems(tx, item.text, item.language);
  if (item.groupLocked && item.groupId) {
    await tx.feedback.update({ where: { id: item.id }, data: { stems } });
    return item.groupId;
  }
  const pool = await recentItems(tx, item.language, item.receivedAt, item.id);
  const features = stemGrams(stems);
  const poolFeatures = pool.map((p) => ({ groupId: p.groupId, features: stemGrams(p.stems) }));
  // the new item counts among the documents, so a feature only it has weighs most
  const documents = [...poolFeatures.map((p) => p.features), features];
  const featureIdf = makeIdf(documentFrequency(documents), documents.length);
  const decision = decideGroup(groupSimilarities(features, poolFeatures, featureIdf));
  const groupId = decision.join ?? (await tx.feedbackGroup.create({ data: { terms: [] }, select: { id: true } })).id;
  await tx.feedback.update({ where: { id: item.id }, data: { stems, groupId } });
  const merged = await mergeable(tx, decision.merge);
  if (merged.length > 0) {
    await tx.feedback.updateMany({ where: { groupId: { in: merged } }, data: { groupId } });
    await tx.feedbackGroup.deleteMany({ where: { id: { in: merged } } });
  }
  const stemIdf = makeIdf(documentFrequency([...pool.map((p) => p.stems), stems]), pool.length + 1);
  await refreshGroupTerms(tx, groupId, stemIdf);
  return groupId;
}
