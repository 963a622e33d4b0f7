// Similarity of two feedback texts for recurrence grouping, on the stems
// PostgreSQL's text search gives for the item's language (snowball: finnish,
// swedish, english; their stopwords are already left out). Pure: shared by
// grouping.server.ts and its unit test.
//
// - Rare stems weigh more than common ones: each stem's weight is its inverse
//   document frequency among recent items of the same language, so words every
//   item uses ("palvelu", "ärende", "service") cannot make unrelated items similar.
// - Stemming leaves some inflection apart (fi "hakemus" / "hakemuks", sv
//   "beslut" / "beslutet"), typos and Finnish compounds ("asumistuki" holds
//   "tuki"): two different stems still match partly when they share a long
//   prefix, one is inside the other, or their character trigrams mostly agree.

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

export function trigrams(stem: string): Set<string> {
  const padded = ` ${stem} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size);
}

function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a[i] === b[i]) i++;
  return i;
}

/**
 * How far two stems are the same word, 0..1: 1 when equal, partly for
 * inflection left over by the stemmer, a compound holding the other word, or a
 * typo. Short stems match only exactly.
 */
export function stemSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const shorter = a.length <= b.length ? a : b;
  const longer = a.length <= b.length ? b : a;
  if (shorter.length < 4) return 0;
  let best = 0;
  // inflection the stemmer left: hakemus / hakemuks, päätös / päätöks, beslut / beslutet
  const prefix = commonPrefix(a, b);
  if (prefix >= 4 && prefix >= shorter.length - 1 && longer.length - prefix <= 3) best = Math.max(best, 0.9);
  // a compound holding the other word as its head or its first part:
  // asumistuki / tuki, päivähoitomaksu / päivähoito
  if (shorter.length >= 5 && (longer.endsWith(shorter) || longer.startsWith(shorter))) best = Math.max(best, 0.6);
  else if (shorter.length >= 6 && longer.includes(shorter)) best = Math.max(best, 0.5);
  // typos and spelling variants
  if (shorter.length >= 5) {
    const d = dice(trigrams(a), trigrams(b));
    if (d >= 0.6) best = Math.max(best, d * 0.9);
  }
  return best;
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

/** For each stem of `from`, its best partial match in `to`, weighted by its idf. */
function matchedWeight(from: readonly string[], to: readonly string[], toSet: ReadonlySet<string>, idf: Idf): { matched: number; total: number } {
  let matched = 0;
  let total = 0;
  for (const stem of from) {
    const weight = idf(stem);
    total += weight;
    if (toSet.has(stem)) {
      matched += weight;
      continue;
    }
    let best = 0;
    for (const other of to) {
      const s = stemSimilarity(stem, other);
      if (s > best) best = s;
      if (best >= 0.9) break;
    }
    // a partial match counts with the lighter of the two weights
    if (best > 0) matched += best * Math.min(weight, idfOfBest(stem, to, idf));
  }
  return { matched, total };
}

function idfOfBest(stem: string, to: readonly string[], idf: Idf): number {
  let best = 0;
  let weight = 0;
  for (const other of to) {
    const s = stemSimilarity(stem, other);
    if (s > best) {
      best = s;
      weight = idf(other);
    }
  }
  return weight;
}

/**
 * Similarity of two items' stem lists, 0..1: the idf-weighted share of each
 * side's stems found in the other (partly, for near stems), combined as a
 * cosine-like mean so a short item about one matter still matches a long item
 * that also tells about it.
 */
export function textSimilarity(a: readonly string[], b: readonly string[], idf: Idf): number {
  if (a.length === 0 || b.length === 0) return 0;
  const ab = matchedWeight(a, b, new Set(b), idf);
  const ba = matchedWeight(b, a, new Set(a), idf);
  if (ab.total === 0 || ba.total === 0) return 0;
  const matched = (ab.matched + ba.matched) / 2;
  return matched / Math.sqrt(ab.total * ba.total);
}

/** Items at least this similar are about the same matter. */
export const GROUP_THRESHOLD = 0.3;

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
