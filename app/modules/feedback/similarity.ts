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

import type { Language } from "~/infra/i18n/i18n";

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
export function makeIdf(df: ReadonlyMap<string, number>, count: number, minDocuments = 0): Idf {
  const n = Math.max(count, minDocuments);
  return (stem: string) => Math.log((n + 1) / ((df.get(stem) ?? 0) + 1)) + 0.1;
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

// ---- Word equivalences of customer-service feedback
//
// Customers name the same thing in different words ("kirjautua" /
// "tunnistautua", "sign in" / "log in", "sovellus" / "appi"). Before stemming,
// a text gets one canonical word added for each kind of thing it names, so two
// items telling one matter in different words share that word. The lists hold
// the common vocabulary of a city's customer service (signing in, the app,
// applications, phone and queues, faults, bills and reminders, offices, the
// online service), not the words of any particular matter. The original words
// stay: the canonical word is an extra feature, not a replacement.

interface Equivalence {
  /** the word added to the text when any of the patterns occurs */
  concept: string;
  /** word starts (prefixes) or phrases, matched at a word boundary, case-insensitively */
  patterns: string[];
}

export const equivalences: Record<Language, Equivalence[]> = {
  fi: [
    { concept: "kirjautuminen", patterns: ["kirjautu", "kirjaudu", "sisäänkirjau", "tunnistautu", "tunnistaudu", "login", "sisään\\s+pää"] },
    { concept: "sovellus", patterns: ["sovellu", "mobiilisovellu", "appi", "äppi", "mobiiliappi"] },
    { concept: "hakemus", patterns: ["hakemu", "anomu", "anoa", "anoi", "hain\\b", "hakea", "hakenut"] },
    { concept: "puhelin", patterns: ["puhel", "soitt", "soitin", "soitimme", "soitti", "soitto", "neuvontanumero", "asiakaspalvelunumero"] },
    { concept: "jonotus", patterns: ["jono", "jonott", "jonotu", "odott", "odotu", "odotin", "odotimme", "varattu"] },
    { concept: "rikki", patterns: ["rikki", "rikkinäi", "epäkunno", "vioittu", "viallin", "ei\\s+toimi", "ei\\s+pala", "sammu", "kaatu", "jumitt", "toimimatt"] },
    { concept: "virhe", patterns: ["virhe", "häiriö", "vika", "vian\\b"] },
    { concept: "valaistus", patterns: ["valaistu", "katuvalo", "valot\\b", "valoja", "valoa", "lamppu", "lampu", "katulamp"] },
    { concept: "jäte", patterns: ["jäte", "jätteet", "jätteid", "roska", "sekajäte", "biojäte", "jätehuol"] },
    { concept: "lasku", patterns: ["lasku", "laskun", "laskut", "e-lasku"] },
    { concept: "muistutus", patterns: ["muistutu", "maksumuistutu", "perintä", "karhu"] },
    { concept: "toimipiste", patterns: ["toimisto", "toimipiste", "palvelupiste", "asiointipiste", "virasto"] },
    { concept: "aukiolo", patterns: ["aukiolo", "aukioloaj", "auki\\b", "iltaaukiolo", "lauantaiaukiolo"] },
    { concept: "verkkoasiointi", patterns: ["verkkoasioin", "sähköi\\p{L}*\\s+asioin", "verkkopalvelu", "asiointipalvelu", "nettipalvelu", "e-palvelu", "sähköinen\\s+palvelu", "verkkosivu", "nettisivu"] },
    { concept: "sähköposti", patterns: ["sähköpost", "sposti", "meili"] },
    { concept: "viive", patterns: ["kestää", "kestänyt", "kauan", "pitkään", "hidas", "viivästy", "myöhäs", "käsittelyaj"] },
  ],
  sv: [
    { concept: "inloggning", patterns: ["logga\\s+in", "loggar\\s+in", "loggade\\s+in", "inloggning", "identifier", "autentiser", "login"] },
    { concept: "app", patterns: ["app\\b", "appen", "appar", "mobilapp", "applikation"] },
    { concept: "ansökan", patterns: ["ansök", "ansöka", "ansökt", "ansökning", "ansökte", "ansökan"] },
    { concept: "telefon", patterns: ["telefon", "ringa", "ringde", "ringer", "ringt", "samtal", "kundtjänst"] },
    { concept: "väntetid", patterns: ["kö\\b", "kön\\b", "köer", "köa", "köade", "kötid", "väntetid", "vänta", "väntade", "telefonkö"] },
    { concept: "trasig", patterns: ["trasig", "sönder", "ur\\s+funktion", "fungerar\\s+inte", "funkar\\s+inte", "kraschar", "hänger\\s+sig"] },
    { concept: "fel", patterns: ["fel\\b", "felet", "felmeddelande", "störning"] },
    { concept: "belysning", patterns: ["belysning", "gatlys", "gatlamp", "lampor", "lampan", "ljuset"] },
    { concept: "avfall", patterns: ["avfall", "sopor", "soptunn", "sopkärl", "sophämtning", "avfallskärl"] },
    { concept: "faktura", patterns: ["faktur", "räkning", "e-faktura"] },
    { concept: "påminnelse", patterns: ["påminnelse", "betalningspåminnelse", "inkasso", "kravbrev"] },
    { concept: "kontor", patterns: ["kontor", "servicepunkt", "verksamhetsställe", "ämbetsverk"] },
    { concept: "öppettid", patterns: ["öppettid", "öppethållande", "öppet\\b", "öppen\\b", "öppna\\b", "stänger", "stängt"] },
    { concept: "etjänst", patterns: ["e-tjänst", "nättjänst", "webbtjänst", "webbplats", "webbsida", "hemsida", "elektroniska\\s+tjänst"] },
    { concept: "snöröjning", patterns: ["snöröjning", "plog", "sandning", "sandas", "sandade", "halkbekämp"] },
    { concept: "dröjsmål", patterns: ["dröj", "tar\\s+lång", "tagit\\s+lång", "försen", "handläggningstid", "långsam"] },
  ],
  en: [
    { concept: "login", patterns: ["log\\s*in", "logging\\s+in", "logged\\s+in", "log\\s*on", "sign\\s*in", "signing\\s+in", "sign-in", "authenticat", "identification", "identify"] },
    { concept: "app", patterns: ["app\\b", "apps\\b", "mobile\\s+app", "mobile\\s+application"] },
    { concept: "applicat", patterns: ["applicat", "apply", "applied", "applying"] },
    { concept: "phone", patterns: ["phone", "telephone", "call\\b", "calls\\b", "called", "calling", "call-back", "hotline", "helpline", "ring\\b", "picks\\s+up"] },
    { concept: "queue", patterns: ["queue", "queuing", "on\\s+hold", "wait", "waited", "waiting"] },
    { concept: "broken", patterns: ["broken", "not\\s+working", "doesn't\\s+work", "does\\s+not\\s+work", "out\\s+of\\s+order", "faulty", "crash", "down\\b", "disconnect", "drops", "cut\\s+off"] },
    { concept: "error", patterns: ["error", "fault", "glitch"] },
    { concept: "lighting", patterns: ["street\\s*light", "streetlamp", "lamp", "lighting", "lights\\b"] },
    { concept: "waste", patterns: ["waste", "garbage", "rubbish", "trash", "litter", "bin\\b", "bins\\b"] },
    { concept: "invoice", patterns: ["invoice", "bill\\b", "bills\\b", "billing"] },
    { concept: "reminder", patterns: ["reminder", "dunning", "debt\\s+collect", "late\\s+fee"] },
    { concept: "office", patterns: ["office", "service\\s+point", "service\\s+desk", "front\\s+desk"] },
    { concept: "openinghours", patterns: ["opening\\s+hours", "open\\b", "closes", "closed\\b", "closing\\s+time"] },
    { concept: "eservice", patterns: ["e-service", "online\\s+service", "website", "web\\s+site", "web\\s+page", "portal"] },
    { concept: "booking", patterns: ["book\\b", "booking", "booked", "reserv", "appointment", "slot"] },
    { concept: "wifi", patterns: ["wifi", "wi-fi", "wireless", "wlan", "internet\\s+connection", "network"] },
  ],
};

const compiled = new Map<Language, { concept: string; pattern: RegExp }[]>();
function rules(language: Language) {
  let list = compiled.get(language);
  if (!list) {
    list = equivalences[language].map((e) => ({ concept: e.concept, pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${e.patterns.join("|")})`, "iu") }));
    compiled.set(language, list);
  }
  return list;
}

/** The canonical words for the kinds of things a text names (each once, in list order). */
export function equivalentWords(text: string, language: Language): string[] {
  return rules(language)
    .filter((r) => r.pattern.test(text))
    .map((r) => r.concept);
}

/** The text with its canonical words added, ready for stemming. */
export function withEquivalents(text: string, language: Language): string {
  const words = equivalentWords(text, language);
  return words.length === 0 ? text : `${text}\n${words.join(" ")}`;
}

// ---- Features and scores

/**
 * An item's features: the character 4-grams of its stems, with word edges
 * (" asu", "asum", …, "tuki", "uki "), and each whole stem ("=asumistuk").
 * Inflections the stemmer left apart (hakemus / hakemuks), compounds
 * (asumistukihakemus / asumistuki, hakemus) and typos share most of their
 * grams, so they match partly, not all or nothing; a whole shared stem counts
 * once more on top, as the surest sign of the same word.
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

/** Grams and whole stems of an item (see stemGrams). */
export function itemFeatures(stems: readonly string[]): string[] {
  return [...stemGrams(stems), ...stems.map((s) => `=${s}`)].sort();
}

export const GRAM_LENGTH = 4;
/** A feature's weight is idf^WEIGHT_POWER: rare features weigh more, yet one odd word does not swamp a text. */
export const WEIGHT_POWER = 1.5;

export interface GroupMember {
  groupId: string;
  features: readonly string[];
  /** thanks, or a complaint / idea: thanks for a fix is not the same matter as the fault */
  thanks?: boolean;
  /** the service picked on the form or the quick-log (Feedback.serviceId), null when left empty */
  serviceId?: string | null;
}

/**
 * Two items naming different services are seldom the same matter: their
 * similarity is scaled by this. The same service counts a little in favour;
 * an empty service says nothing (a fifth of customers leave it empty).
 */
export const OTHER_SERVICE_FACTOR = 0.3;
export const SAME_SERVICE_FACTOR = 1.15;

/** How the services of two items scale their similarity. */
export function serviceFactor(a: string | null | undefined, b: string | null | undefined): number {
  if (!a || !b) return 1;
  return a === b ? SAME_SERVICE_FACTOR : OTHER_SERVICE_FACTOR;
}

/** A group whose items are all of the other kind (thanks vs complaint or idea) scores this share of its similarity. */
export const OTHER_KIND_FACTOR = 0.5;

/**
 * Documents an idf is taken over never count as fewer than this: on a nearly
 * empty store every feature is rare, not shared by "all" of two items.
 */
export const IDF_MIN_DOCUMENTS = 60;

export interface GroupScore {
  /** cosine with the group's profile (each feature's share of its items) */
  profile: number;
  /** cosine with the group's most similar item */
  link: number;
}

/**
 * Similarity of an item to each group, both 0..1, weighted by idf over the
 * pool: with the group's profile (a group told in many words matches an item
 * that shares words with several of its items) and with its closest item (an
 * item told like one earlier item, in a group whose others said it otherwise).
 */
export function groupSimilarities(features: readonly string[], pool: readonly GroupMember[], idf: Idf, thanks = false, serviceId: string | null = null): Map<string, GroupScore> {
  const weight = (f: string) => idf(f) ** (WEIGHT_POWER / 2);
  const mine = new Set(features);
  let normMine = 0;
  for (const f of mine) normMine += weight(f) ** 2;
  const scores = new Map<string, GroupScore>();
  if (normMine === 0) return scores;
  const profiles = new Map<string, { size: number; counts: Map<string, number>; link: number; sameKind: number; service: number }>();
  for (const member of pool) {
    let profile = profiles.get(member.groupId);
    if (!profile) profiles.set(member.groupId, (profile = { size: 0, counts: new Map(), link: 0, sameKind: 0, service: 0 }));
    profile.size++;
    if ((member.thanks ?? false) === thanks) profile.sameKind++;
    const service = serviceFactor(serviceId, member.serviceId);
    profile.service += service;
    let dot = 0;
    let norm = 0;
    for (const f of new Set(member.features)) {
      profile.counts.set(f, (profile.counts.get(f) ?? 0) + 1);
      const w = weight(f) ** 2;
      norm += w;
      if (mine.has(f)) dot += w;
    }
    if (norm > 0) profile.link = Math.max(profile.link, (dot / Math.sqrt(normMine * norm)) * service);
  }
  for (const [groupId, { size, counts, link: closest, sameKind, service: serviceSum }] of profiles) {
    const kind = OTHER_KIND_FACTOR + (1 - OTHER_KIND_FACTOR) * (sameKind / size);
    const link = closest * kind;
    // the services of the group's items, each scaling as serviceFactor does, averaged
    const service = serviceSum / size;
    let dot = 0;
    let norm = 0;
    for (const [f, count] of counts) {
      const value = (count / size) * weight(f);
      norm += value * value;
      if (mine.has(f)) dot += value * weight(f);
    }
    scores.set(groupId, { profile: norm > 0 ? (dot / Math.sqrt(normMine * norm)) * kind * service : 0, link });
  }
  return scores;
}

/** An item at least this similar to a group's profile joins it. */
export const JOIN_PROFILE = 0.22;
/** …or at least this similar to one of its items. */
export const JOIN_LINK = 0.4;
/** Another group at least MERGE_FACTOR times as close as a join needs is the same matter: the groups are merged. */
export const MERGE_FACTOR = 1.4;

/** How far a group's score is past the join thresholds: 1 exactly at one of them. */
export function joinStrength(score: GroupScore, thresholds = { profile: JOIN_PROFILE, link: JOIN_LINK }): number {
  return Math.max(score.profile / thresholds.profile, score.link / thresholds.link);
}

export interface GroupDecision {
  /** the group to join, null for a new group */
  join: string | null;
  /** the join strength of the best group (>= 1 joins) */
  score: number;
  /** other groups about the same matter, to merge into the joined one */
  merge: string[];
}

export function decideGroup(
  scores: ReadonlyMap<string, GroupScore>,
  thresholds = { profile: JOIN_PROFILE, link: JOIN_LINK },
  mergeFactor = MERGE_FACTOR,
): GroupDecision {
  let best: string | null = null;
  let bestScore = 0;
  const strengths = new Map<string, number>();
  for (const [groupId, score] of scores) {
    const strength = joinStrength(score, thresholds);
    strengths.set(groupId, strength);
    if (strength > bestScore || (strength === bestScore && best !== null && groupId < best)) {
      best = groupId;
      bestScore = strength;
    }
  }
  if (best === null || bestScore < 1) return { join: null, score: bestScore, merge: [] };
  const others = [...strengths].filter(([groupId, strength]) => groupId !== best && strength >= mergeFactor).map(([groupId]) => groupId);
  return { join: best, score: bestScore, merge: others.sort() };
}

// ---- Regrouping: average-linkage agglomerative clustering
//
// Grouping on arrival is incremental, so it depends on the order items came
// in: an early item that happens to bridge two matters glues them, and a
// matter whose first items were told in different words stays split. A
// periodic pass over recent items regroups them all at once, independent of
// their order: every item starts alone and the two clusters whose items are
// on average most similar are merged, until no two clusters are similar
// enough on average.

export interface ClusterItem {
  features: readonly string[];
  thanks: boolean;
  serviceId: string | null;
}

/** Two clusters whose items are on average at least this similar are merged. */
export const REGROUP_LINKAGE = 0.15;

/** Similarity of two items, 0..1 (cosine over idf weights, scaled for kind and service as on arrival). */
export function pairSimilarities(items: readonly ClusterItem[], idf: Idf): Float32Array[] {
  const weight = (f: string) => idf(f) ** WEIGHT_POWER;
  const vectors = items.map((item) => {
    const w = new Map<string, number>();
    let norm = 0;
    for (const f of new Set(item.features)) {
      const x = weight(f);
      w.set(f, x);
      norm += x;
    }
    return { w, norm };
  });
  const sims = items.map(() => new Float32Array(items.length));
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = vectors[i]!;
      const b = vectors[j]!;
      const [small, large] = a.w.size <= b.w.size ? [a.w, b.w] : [b.w, a.w];
      let dot = 0;
      for (const [f, x] of small) if (large.has(f)) dot += x;
      let s = a.norm > 0 && b.norm > 0 ? dot / Math.sqrt(a.norm * b.norm) : 0;
      if (items[i]!.thanks !== items[j]!.thanks) s *= OTHER_KIND_FACTOR;
      s *= serviceFactor(items[i]!.serviceId, items[j]!.serviceId);
      sims[i]![j] = s;
      sims[j]![i] = s;
    }
  }
  return sims;
}

/**
 * Average-linkage clustering of items by their pairwise similarities: each
 * item's cluster number (0.., in order of each cluster's first item). Keeps
 * each cluster's closest other cluster, so a merge costs about one pass over
 * the clusters, not over all pairs.
 */
export function agglomerate(sims: readonly Float32Array[], threshold = REGROUP_LINKAGE): number[] {
  const n = sims.length;
  const size = new Array<number>(n).fill(1);
  const active = new Array<boolean>(n).fill(true);
  const parent = Array.from({ length: n }, (_, i) => i);
  // the sum of the pairwise similarities between the items of two clusters
  const between = sims.map((row) => Float32Array.from(row));
  const bestTo = new Array<number>(n).fill(-1);
  const bestAverage = new Array<number>(n).fill(-Infinity);
  const findBest = (i: number) => {
    bestTo[i] = -1;
    bestAverage[i] = -Infinity;
    for (let k = 0; k < n; k++) {
      if (k === i || !active[k]) continue;
      const average = between[i]![k]! / (size[i]! * size[k]!);
      if (average > bestAverage[i]!) {
        bestAverage[i] = average;
        bestTo[i] = k;
      }
    }
  };
  for (let i = 0; i < n; i++) findBest(i);
  for (;;) {
    let bi = -1;
    for (let i = 0; i < n; i++) if (active[i] && bestTo[i]! >= 0 && (bi < 0 || bestAverage[i]! > bestAverage[bi]!)) bi = i;
    if (bi < 0 || bestAverage[bi]! < threshold) break;
    const bj = bestTo[bi]!;
    const [keep, gone] = bi < bj ? [bi, bj] : [bj, bi];
    active[gone] = false;
    parent[gone] = keep;
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === keep) continue;
      const sum = between[keep]![k]! + between[gone]![k]!;
      between[keep]![k] = sum;
      between[k]![keep] = sum;
    }
    size[keep] = size[keep]! + size[gone]!;
    findBest(keep);
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === keep) continue;
      if (bestTo[k] === keep || bestTo[k] === gone) findBest(k);
      else {
        const average = between[k]![keep]! / (size[k]! * size[keep]!);
        if (average > bestAverage[k]!) {
          bestAverage[k] = average;
          bestTo[k] = keep;
        }
      }
    }
  }
  const root = (i: number): number => (parent[i] === i ? i : root(parent[i]!));
  const label = new Map<number, number>();
  return Array.from({ length: n }, (_, i) => {
    const r = root(i);
    if (!label.has(r)) label.set(r, label.size);
    return label.get(r)!;
  });
}
