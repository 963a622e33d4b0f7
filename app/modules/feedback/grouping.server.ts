// Recurrence grouping of feedback (docs/decisions/0018-feedback-inbox.md).
//
// When an item arrives its text (masked first, so no email address or phone
// number becomes a stem) is turned into stems by PostgreSQL's text search in
// the item's language. It is compared with the items of the same language
// received in the 12 months before it (see similarity.ts: idf-weighted stems
// with partial matches for inflection, compounds and typos); when the best
// match is similar enough the item joins that item's group, else it starts a
// group of its own. One grouping runs at a time (a transaction-scoped advisory
// lock), so items about the same matter arriving together cannot start two
// groups. Items a handler took out of a group or moved by hand (groupLocked)
// are never regrouped and do not draw new items into their group.
import type { PanelTransaction } from "~/infra/db/panel.server";
import type { Language } from "~/infra/i18n/i18n";
import { maskFreeText } from "~/modules/results/masking";
import { cleanStems, documentFrequency, GROUP_THRESHOLD, groupTerms, makeIdf, textSimilarity, type Idf } from "./similarity";

/** PostgreSQL text search configuration per item language. */
export const searchConfig: Record<Language, "finnish" | "swedish" | "english"> = {
  fi: "finnish",
  sv: "swedish",
  en: "english",
};

/** How far back an arriving item looks for the same matter. */
export const GROUPING_WINDOW_DAYS = 365;

const LOCK = "feedback-grouping";

/** The stems of a text in a language, by PostgreSQL's snowball stemmer (stopwords left out). */
export async function textStems(tx: PanelTransaction, text: string, language: Language): Promise<string[]> {
  const masked = maskFreeText(text);
  const rows = await tx.$queryRaw<{ stems: string[] | null }[]>`
    SELECT tsvector_to_array(to_tsvector(${searchConfig[language]}::regconfig, ${masked})) AS stems`;
  return cleanStems(rows[0]?.stems ?? []);
}

interface Candidate {
  id: string;
  groupId: string;
  stems: string[];
}

/** Items of the language in the window before `at` that new items may join. */
async function candidates(tx: PanelTransaction, language: Language, at: Date, exceptId: string): Promise<Candidate[]> {
  const since = new Date(at.getTime() - GROUPING_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  const rows = await tx.feedback.findMany({
    where: {
      id: { not: exceptId },
      language,
      receivedAt: { gte: since },
      groupId: { not: null },
      groupLocked: false,
    },
    select: { id: true, groupId: true, stems: true },
    orderBy: { receivedAt: "desc" },
    take: 20000,
  });
  return rows.map((r) => ({ id: r.id, groupId: r.groupId!, stems: r.stems }));
}

export interface GroupChoice {
  groupId: string | null;
  score: number;
  matchId: string | null;
}

/** The group of the most similar candidate when it is similar enough. */
export function bestGroup(stems: readonly string[], pool: readonly Candidate[], idf: Idf, threshold = GROUP_THRESHOLD): GroupChoice {
  let best: GroupChoice = { groupId: null, score: 0, matchId: null };
  for (const candidate of pool) {
    if (candidate.stems.length === 0) continue;
    const score = textSimilarity(stems, candidate.stems, idf);
    if (score > best.score) best = { groupId: candidate.groupId, score, matchId: candidate.id };
  }
  return best.score >= threshold ? best : { ...best, groupId: null };
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
  const weigh = idf ?? (await languageIdf(tx, latest.language, latest.receivedAt));
  await tx.feedbackGroup.update({ where: { id: groupId }, data: { terms: groupTerms(items.map((i) => i.stems), weigh) } });
}

async function languageIdf(tx: PanelTransaction, language: Language, at: Date): Promise<Idf> {
  const pool = await candidates(tx, language, at, "00000000-0000-0000-0000-000000000000");
  return makeIdf(documentFrequency(pool.map((c) => c.stems)), pool.length);
}

/**
 * Stores the item's stems and puts it into the group of the most similar
 * earlier feedback, or a new group of its own. Called in the transaction that
 * creates the item. Returns the group id.
 */
export async function assignGroup(tx: PanelTransaction, feedbackId: string): Promise<string> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${LOCK}))`;
  const item = await tx.feedback.findUniqueOrThrow({
    where: { id: feedbackId },
    select: { id: true, text: true, language: true, receivedAt: true, groupId: true, groupLocked: true },
  });
  const stems = await textStems(tx, item.text, item.language);
  if (item.groupLocked && item.groupId) {
    await tx.feedback.update({ where: { id: item.id }, data: { stems } });
    return item.groupId;
  }
  const pool = await candidates(tx, item.language, item.receivedAt, item.id);
  // the new item counts among the documents, so a stem only it has weighs most
  const idf = makeIdf(documentFrequency([...pool.map((c) => c.stems), stems]), pool.length + 1);
  const choice = bestGroup(stems, pool, idf);
  const groupId = choice.groupId ?? (await tx.feedbackGroup.create({ data: { terms: [] }, select: { id: true } })).id;
  await tx.feedback.update({ where: { id: item.id }, data: { stems, groupId } });
  await refreshGroupTerms(tx, groupId, idf);
  return groupId;
}
