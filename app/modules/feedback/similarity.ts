// Similarity of two feedback texts for recurrence grouping, on the stems
// PostgreSQL's text search gives for the item's language (snowball: finnish,
// swedish, english; their stopwords are already left out). Pure: shared by
// grouping.server.ts and its unit test.
//
// - Items are compared by the character 4-grams of their stems, so that
//   inflection the stemmer leaves apart (fi "hakemus" / "hakemuks"), Finnish
//   compounds ("asumistukihakemus" holds "asumistuki" and "hakemus") and typos
//   still match partly.
// - Rare features weigh more than common ones (inverse document frequency
//   among recent items of the same language), so words every item uses
//   ("palvelu", "asiakas", "ärende", "customer") cannot make unrelated items similar.
// - An item is compared with each group's profile (the share of its items
//   that have each feature), so a group told in many words is found by an
//   item that shares words with any of them.

/** The longest name a handler may give a group. */
export const GROUP_TITLE_MAX = 120;

/** Stems shorter than this are left out (single letters, "fi" from an address). */
export const STEM_MIN_LENGTH = 3;

/** A stem that is only digits, or a masking label, says nothing about the matter. */
export function usefulStem(stem: string): boolean {
  if (stem.length < STEM_MIN_LENGTH) return false;
  if (!/\p{L}/u.test(stem)) return false;
  return true;
}

/** Distinct useful stems, sorted. */
export function cleanStems(stems: readonly string[]): string[] {
  return [...new Set(stems.map((s) => s.toLowerCase()).filter(usefulStem))].sort();
}


/** Document frequency: in how many of the documents each stem occurs. */
export function documentFrequency(documents: readonly (readonly string[])[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const doc of documents) for (const stem of new Set(doc)) df.set(stem, (df.get(stem) ?? 0) + 1);
  return df;
}

export interface Idf {
  (stem: string): number;
}

/**
 * Inverse document frequency over `count` documents (smoothed: a stem nobody
 * used weighs most, one in every document weighs little but not nothing).
 */
export function makeIdf(df: ReadonlyMap<string, number>, count: number): Idf {
  return (stem: string) => Math.log((count + 1) / ((df.get(stem) ?? 0) + 1)) + 0.1;
}

/**
 * The most telling stems of a group: in how many of its items each occurs,
 * weighed by its idf; with two or more items only stems shared by two or more.
 */
export function groupTerms(items: readonly (readonly string[])[], idf: Idf, max = 6): string[] {
  const df = documentFrequency(items);
  const shared = items.length >= 2 ? [...df].filter(([, n]) => n >= 2) : [...df];
  const pool = shared.length > 0 ? shared : [...df];
  return pool
    .map(([stem, n]) => ({ stem, score: n * idf(stem) }))
    .sort((x, y) => y.score - x.score || x.stem.localeCompare(y.stem))
    .slice(0, max)
    .map((x) => x.stem);
}

/**
 * An item's features: the character 4-grams of its stems, with word edges
 * (" asu", "asum", …, "tuki", "uki "). Inflections the stemmer left apart
 * (hakemus / hakemuks), compounds (asumistukihakemus / asumistuki, hakemus)
 * and typos share most of theirs, so they match partly, not all or nothing.
 */
export function stemGrams(stems: readonly string[], n = GRAM_LENGTH): string[] {
  const grams = new Set<string>();
  for (const stem of stems) {
    const padded = ` ${stem} `;
    if (padded.length <= n) grams.add(padded);
    for (let i = 0; i + n <= padded.length; i++) grams.add(padded.slice(i, i + n));
  }
  return [...grams].sort();
}

export const GRAM_LENGTH = 4;
/** A feature's weight is idf^WEIGHT_POWER: rare features weigh more, yet one odd word does not swamp a text. */
export const WEIGHT_POWER = 1.5;
/** An item at least this similar to a group's profile joins it. */
export const JOIN_THRESHOLD = 0.18;
/** Another group at least this similar to the joining item is the same matter: the groups are merged. */
export const MERGE_THRESHOLD = 0.2;

export interface GroupMember {
  groupId: string;
  features: readonly string[];
}

/**
 * Similarity of an item to each group, 0..1: the cosine between the item's
 * features and the group's profile (each feature's share of the group's items),
 * both weighted by idf over the pool. A group told in many words matches an
 * item that shares words with any of its items.
 */
export function groupSimilarities(features: readonly string[], pool: readonly GroupMember[], idf: Idf): Map<string, number> {
  const weight = (f: string) => idf(f) ** (WEIGHT_POWER / 2);
  const mine = new Set(features);
  let normMine = 0;
  for (const f of mine) normMine += weight(f) ** 2;
  const profiles = new Map<string, { size: number; counts: Map<string, number> }>();
  for (const member of pool) {
    let profile = profiles.get(member.groupId);
    if (!profile) profiles.set(member.groupId, (profile = { size: 0, counts: new Map() }));
    profile.size++;
    for (const f of member.features) profile.counts.set(f, (profile.counts.get(f) ?? 0) + 1);
  }
  const scores = new Map<string, number>();
  if (normMine === 0) return scores;
  for (const [groupId, { size, counts }] of profiles) {
    let dot = 0;
    let norm = 0;
    for (const [f, count] of counts) {
      const value = (count / size) * weight(f);
      norm += value * value;
      if (mine.has(f)) dot += value * weight(f);
    }
    if (norm > 0) scores.set(groupId, dot / Math.sqrt(normMine * norm));
  }
  return scores;
}

export interface GroupDecision {
  /** the group to join, null for a new group */
  join: string | null;
  score: number;
  /** other groups about the same matter, to merge into the joined one */
  merge: string[];
}

export function decideGroup(scores: ReadonlyMap<string, number>, join = JOIN_THRESHOLD, merge = MERGE_THRESHOLD): GroupDecision {
  let best: string | null = null;
  let bestScore = 0;
  for (const [groupId, score] of scores) {
    if (score > bestScore || (score === bestScore && best !== null && groupId < best)) {
      best = groupId;
      bestScore = score;
    }
  }
  if (best === null || bestScore < join) return { join: null, score: bestScore, merge: [] };
  const others = [...scores].filter(([groupId, score]) => groupId !== best && score >= merge).map(([groupId]) => groupId);
  return { join: best, score: bestScore, merge: others.sort() };
}
