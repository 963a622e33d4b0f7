// The insider of tests/integration/linking-attack.test.ts. It holds what a
// database administrator holds: both stores whole, system columns included,
// and the server's log. It knows the code, so it knows what is shared by
// design (the study, the day, the declared coarsened attributes) and tries to
// link vault rows to panel invitations within those groups with every matcher
// it has. Each matcher is scored against chance by a permutation test.
import { createHash } from "node:crypto";
import pg from "pg";

export interface DumpRow {
  ctid: string;
  xmin: string;
  row: Record<string, unknown>;
}
/** table name → every row */
export type Dump = Record<string, DumpRow[]>;

export interface Evidence {
  panel: Dump;
  vault: Dump;
  log: string;
}

function databaseUrl(adminUrl: string, database: string) {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The database name in a connection URL. */
export function databaseOf(url: string) {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** Every table of the public schema, every column, plus the system columns ctid and xmin. */
export async function dumpDatabase(adminUrl: string, database: string): Promise<Dump> {
  const client = new pg.Client({ connectionString: databaseUrl(adminUrl, database) });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT table_name::text AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const dump: Dump = {};
    for (const { name } of tables.rows) {
      const rows = await client.query<DumpRow>(
        `SELECT ctid::text AS ctid, xmin::text AS xmin, to_jsonb(t) AS row FROM "${name.replace(/"/g, '""')}" t`,
      );
      dump[name] = rows.rows;
    }
    return dump;
  } finally {
    await client.end();
  }
}

/** Column names and types of every table in the public schema. */
export async function columnTypes(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: databaseUrl(adminUrl, database) });
  await client.connect();
  try {
    const result = await client.query<{ table: string; column: string; type: string }>(
      `SELECT table_name::text AS table, column_name::text AS column, data_type::text AS type
       FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
    );
    return result.rows;
  } finally {
    await client.end();
  }
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Every scalar inside a value (nested JSON included), as text. */
export function leaves(value: unknown, out: string[] = []): string[] {
  if (value === null || value === undefined) return out;
  if (Array.isArray(value)) for (const item of value) leaves(item, out);
  else if (typeof value === "object") for (const item of Object.values(value)) leaves(item, out);
  else out.push(String(value));
  return out;
}

const identifierPattern = /[A-Za-z0-9_-]{20,}|[^\s"'<>@(),;:]+@[^\s"'<>@(),;:]+\.[a-z]{2,}/gi;

/** Strings shaped like identifiers inside a text: uuids, hashes, tokens, email addresses. */
export function identifiers(text: string): string[] {
  return text.match(identifierPattern) ?? [];
}

export const isIdentifier = (text: string) => /^(?:[A-Za-z0-9_-]{20,}|[^\s@]+@[^\s@]+\.[a-z]{2,})$/i.test(text);

export function ctidNumber(ctid: string) {
  const [page = 0, offset = 0] = ctid.slice(1, -1).split(",").map(Number);
  return page * 65536 + offset;
}

type Sortable = number | string | null;

/** A value as the insider sorts it: dates and times as instants, numbers as numbers, the rest as text. */
function sortable(value: unknown): Sortable {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
      const instant = Date.parse(value);
      if (!Number.isNaN(instant)) return instant;
    }
    return value;
  }
  return JSON.stringify(value);
}

function compare(a: Sortable, b: Sortable) {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : 1;
}

/**
 * A stream's seed, hashed from the run's seed and the stream's label, so the
 * streams of one run (and of runs with nearby seeds) start far apart rather
 * than from seed, seed + 1, seed + 2.
 */
export function seedFor(seed: number, label: string) {
  return createHash("sha256").update(`${seed}\u0000${label}`).digest().readUInt32LE(0);
}

/** A small seeded generator (mulberry32), so a run can be replayed. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------
// What the insider tries to link

/** A panel invitation, with the member row it points to. */
export interface Subject {
  id: string;
  block: string;
  invitation: DumpRow;
  user: DumpRow | null;
}

/** A vault row to attribute to an invitation. */
export interface Target {
  table: string;
  row: DumpRow;
  block: string;
}

export interface Attack {
  name: string;
  targets: Target[];
  subjects: Subject[];
}

function ageBand(birthYear: unknown, year: number) {
  if (typeof birthYear !== "number" || !birthYear) return "unknown";
  const age = year - birthYear;
  if (age < 25) return "16-24";
  if (age < 35) return "25-34";
  if (age < 45) return "35-44";
  if (age < 55) return "45-54";
  if (age < 65) return "55-64";
  if (age < 75) return "65-74";
  return "75+";
}

const byKey = (rows: DumpRow[] | undefined, key: string) => new Map((rows ?? []).map((r) => [String(r.row[key]), r]));

/** What every party may see by design: the study, the day and the declared attributes, canonically. */
const blockKey = (studyId: unknown, day: unknown, attributes: Record<string, unknown> | null) =>
  JSON.stringify([studyId, day, attributes ? Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : 1)) : null]);

/**
 * Submitted answers (Response and PendingResponse) against completed
 * invitations. The insider recomputes each member's declared attributes from
 * the panel exactly as the code does at submission.
 */
export function responseAttack(evidence: Evidence, name = "responses"): Attack {
  const { panel, vault } = evidence;
  const studies = byKey(panel.Study, "id");
  const users = byKey(panel.User, "id");
  const profiles = byKey(panel.MemberProfile, "userId");
  const profileUse = new Map<string, { at: string; id: string; action: string }>();
  for (const event of panel.ConsentEvent ?? []) {
    const e = event.row as { userId: string; purpose: string; at: string; id: string; action: string };
    if (e.purpose !== "profile-use") continue;
    const latest = profileUse.get(e.userId);
    if (!latest || e.at > latest.at || (e.at === latest.at && e.id > latest.id)) profileUse.set(e.userId, e);
  }
  const subjects: Subject[] = [];
  for (const invitation of panel.Invitation ?? []) {
    const row = invitation.row as { id: string; studyId: string; userId: string | null; completedOn: string | null };
    if (!row.completedOn) continue;
    const study = studies.get(row.studyId)?.row as { analysisAttributes: string[] } | undefined;
    const user = row.userId ? (users.get(row.userId) ?? null) : null;
    const profile = row.userId && profileUse.get(row.userId)?.action === "GIVEN" ? profiles.get(row.userId)?.row : undefined;
    const year = Number(row.completedOn.slice(0, 4));
    const attributes: Record<string, string> = {};
    for (const attribute of study?.analysisAttributes ?? []) {
      if (attribute === "language") attributes.language = String(user?.row.language);
      else if (attribute === "age-band") attributes["age-band"] = ageBand(profile?.birthYear, year);
      else if (attribute === "region") attributes.region = (profile?.region as string) ?? "unknown";
      else if (attribute === "life-situation") attributes["life-situation"] = (profile?.lifeSituation as string) ?? "unknown";
      else if (attribute === "gender") attributes.gender = (profile?.gender as string) ?? "unknown";
      else if (attribute === "digital-use") attributes["digital-use"] = (profile?.digitalUse as string) ?? "unknown";
    }
    subjects.push({ id: row.id, block: blockKey(row.studyId, row.completedOn, attributes), invitation, user });
  }
  const targets: Target[] = [];
  for (const table of ["Response", "PendingResponse"]) {
    for (const row of vault[table] ?? []) {
      const r = row.row as { studyId: string; submittedOn: string; attributes: Record<string, unknown> };
      targets.push({ table, row, block: blockKey(r.studyId, r.submittedOn, r.attributes) });
    }
  }
  return { name, targets, subjects };
}

/** Drafts left halfway against the study's invitations not completed. */
export function draftAttack(evidence: Evidence, name = "drafts"): Attack {
  const users = byKey(evidence.panel.User, "id");
  const subjects: Subject[] = (evidence.panel.Invitation ?? [])
    .filter((i) => !i.row.completedOn)
    .map((invitation) => ({
      id: String(invitation.row.id),
      block: JSON.stringify([invitation.row.studyId]),
      invitation,
      user: invitation.row.userId ? (users.get(String(invitation.row.userId)) ?? null) : null,
    }));
  const targets = (evidence.vault.Draft ?? []).map((row) => ({ table: "Draft", row, block: JSON.stringify([row.row.studyId]) }));
  return { name, targets, subjects };
}

// ---------------------------------------------------------------------------
// Matchers: each names, for every target, the invitations it believes wrote it
//
// Ties without luck: where a matcher cannot tell candidates apart (equal
// values, equal distances, equal scores) it names all of them, and a guess
// that holds the truth earns 1/|set| (what a fair coin among them would earn
// on average, without the coin). The same credit is given within every
// permutation, so a field tied across a whole group adds the same amount to
// every count and can never look significant.

/** The invitations named for one target (indexes into attack.subjects, distinct), tied; null: no guess. */
export type Guess = readonly number[] | null;

export interface Guesses {
  name: string;
  family: string;
  guesses: Guess[];
}

interface Field<T> {
  name: string;
  value: (item: T) => Sortable;
}

function rowFields(rows: DumpRow[], label: string): Field<DumpRow>[] {
  const columns = new Set<string>();
  for (const r of rows) for (const column of Object.keys(r.row)) columns.add(column);
  return [
    { name: `${label}.ctid`, value: (r) => ctidNumber(r.ctid) },
    { name: `${label}.xmin`, value: (r) => Number(r.xmin) },
    ...[...columns].sort().map((column) => ({ name: `${label}.${column}`, value: (r: DumpRow) => sortable(r.row[column]) })),
  ];
}

function targetFields(attack: Attack): Field<Target>[] {
  const tables = [...new Set(attack.targets.map((t) => t.table))];
  const label = tables.length === 1 ? tables[0]! : "vault row";
  return rowFields(
    attack.targets.map((t) => t.row),
    label,
  ).map((f) => ({ name: f.name, value: (t: Target) => f.value(t.row) }));
}

function subjectFields(attack: Attack): Field<Subject>[] {
  const invitation = rowFields(
    attack.subjects.map((s) => s.invitation),
    "Invitation",
  ).map((f) => ({ name: f.name, value: (s: Subject) => f.value(s.invitation) }));
  const users = attack.subjects.flatMap((s) => (s.user ? [s.user] : []));
  const user = rowFields(users, "User").map((f) => ({ name: f.name, value: (s: Subject) => (s.user ? f.value(s.user) : null) }));
  return [...invitation, ...user];
}

function groupByBlock<T extends { block: string }>(items: T[]) {
  const groups = new Map<string, number[]>();
  items.forEach((item, index) => {
    const group = groups.get(item.block);
    if (group) group.push(index);
    else groups.set(item.block, [index]);
  });
  return groups;
}

/** Indexes sorted by a value, with the first and last place of the run of equal values each place is in. */
function sortedRuns(indexes: number[], value: (i: number) => Sortable, descending: boolean) {
  const items = indexes.map((i) => ({ i, v: value(i) })).sort((a, b) => compare(a.v, b.v));
  if (descending) items.reverse();
  const count = items.length;
  const first = new Int32Array(count);
  const last = new Int32Array(count);
  for (let k = 0; k < count; k++) first[k] = k > 0 && compare(items[k - 1]!.v, items[k]!.v) === 0 ? first[k - 1]! : k;
  for (let k = count - 1; k >= 0; k--) last[k] = k < count - 1 && compare(items[k]!.v, items[k + 1]!.v) === 0 ? last[k + 1]! : k;
  return { order: items.map((item) => item.i), first, last };
}

/**
 * Within each group, the k-th target by one order is matched to the k-th
 * invitation by another. A run of tied targets (places a..b) names every
 * invitation any tie-break could give it: the places a..b map to, widened to
 * whole runs of tied invitations.
 */
function rankMatcher(attack: Attack, vault: Field<Target>, panel: Field<Subject>, descending: boolean): Guesses {
  const guesses: Guess[] = attack.targets.map(() => null);
  const subjectGroups = groupByBlock(attack.subjects);
  for (const [block, targetIndexes] of groupByBlock(attack.targets)) {
    const subjectIndexes = subjectGroups.get(block);
    if (!subjectIndexes) continue;
    const targets = sortedRuns(targetIndexes, (i) => vault.value(attack.targets[i]!), false);
    const subjects = sortedRuns(subjectIndexes, (i) => panel.value(attack.subjects[i]!), descending);
    const m = targetIndexes.length;
    const n = subjectIndexes.length;
    const place = (k: number) => (m === 1 ? 0 : Math.round((k * (n - 1)) / (m - 1)));
    for (let a = 0; a < m; a = targets.last[a]! + 1) {
      const b = targets.last[a]!;
      const set = subjects.order.slice(subjects.first[place(a)]!, subjects.last[place(b)]! + 1);
      for (let k = a; k <= b; k++) guesses[targets.order[k]!] = set;
    }
  }
  return { name: `rank ${vault.name} ~ ${descending ? "desc " : ""}${panel.name}`, family: "rank order", guesses };
}

/** Within each group, the invitations whose value is nearest (or next after) the target's. */
function nearestMatcher(attack: Attack, vault: Field<Target>, panel: Field<Subject>, after: boolean): Guesses {
  const guesses: Guess[] = attack.targets.map(() => null);
  const subjectGroups = groupByBlock(attack.subjects);
  for (const [block, targetIndexes] of groupByBlock(attack.targets)) {
    const subjects = (subjectGroups.get(block) ?? []).map((i) => ({ i, v: panel.value(attack.subjects[i]!) }));
    for (const ti of targetIndexes) {
      const v = vault.value(attack.targets[ti]!);
      if (typeof v !== "number") continue;
      let best = Infinity;
      let chosen: number[] = [];
      for (const s of subjects) {
        if (typeof s.v !== "number") continue;
        const gap = after ? s.v - v : Math.abs(s.v - v);
        if (gap < 0) continue;
        if (gap < best) {
          best = gap;
          chosen = [s.i];
        } else if (gap === best) chosen.push(s.i);
      }
      if (chosen.length > 0) guesses[ti] = chosen;
    }
  }
  return { name: `${after ? "next after" : "nearest"} ${vault.name} ~ ${panel.name}`, family: "nearest value", guesses };
}

/** Panel rows that name an invitation, its member or its token hash, indexed by subject. */
function linkedPanelValues(evidence: Evidence, subjects: Subject[]) {
  const rows: string[][] = [];
  const index = new Map<string, number[]>();
  for (const table of Object.values(evidence.panel)) {
    for (const r of table) {
      const values = leaves(r.row).flatMap((v) => (v.length > 40 ? [v, ...identifiers(v)] : [v]));
      const id = rows.push(values) - 1;
      for (const v of new Set(values)) {
        if (!isIdentifier(v)) continue;
        const list = index.get(v);
        if (list) list.push(id);
        else index.set(v, [id]);
      }
    }
  }
  return subjects.map((s) => {
    const keys = [s.invitation.row.id, s.invitation.row.userId, s.invitation.row.tokenHash].filter((k): k is string => typeof k === "string");
    const values = new Set<string>();
    for (const key of keys) for (const id of index.get(key) ?? []) for (const v of rows[id]!) values.add(v);
    return values;
  });
}

/** Values the target's row holds that the invitation's panel rows also hold, rarer values weighing more. */
function sharedValueMatcher(attack: Attack, evidence: Evidence): Guesses {
  const subjectValues = linkedPanelValues(evidence, attack.subjects);
  const targetValues = attack.targets.map((t) => new Set(leaves(t.row.row).flatMap((v) => (v.length > 40 ? [v, ...identifiers(v)] : [v]))));
  const panelCount = new Map<string, number>();
  for (const values of subjectValues) for (const v of values) panelCount.set(v, (panelCount.get(v) ?? 0) + 1);
  const vaultCount = new Map<string, number>();
  for (const values of targetValues) for (const v of values) vaultCount.set(v, (vaultCount.get(v) ?? 0) + 1);
  const guesses: Guess[] = attack.targets.map(() => null);
  const subjectGroups = groupByBlock(attack.subjects);
  attack.targets.forEach((target, ti) => {
    const candidates = subjectGroups.get(target.block) ?? [];
    const mine = [...targetValues[ti]!].filter((v) => panelCount.has(v));
    let best = 0;
    let chosen: number[] = [];
    for (const si of candidates) {
      const theirs = subjectValues[si]!;
      let score = 0;
      for (const v of mine) if (theirs.has(v)) score += 1 / (panelCount.get(v)! * vaultCount.get(v)!);
      if (score > best + 1e-12) {
        best = score;
        chosen = [si];
      } else if (score > 0 && Math.abs(score - best) <= 1e-12) chosen.push(si);
    }
    if (chosen.length > 0) guesses[ti] = chosen;
  });
  return { name: "shared values (rarest first)", family: "shared values", guesses };
}

/**
 * Any string the insider can find (panel values, log text) tried as a token:
 * the vault's keys are sha256("vault:"/"draft:" + token), the panel's
 * sha256("panel:" + token). A hit names the invitation outright.
 */
function derivedKeyMatcher(attack: Attack, evidence: Evidence): Guesses {
  const byPanelHash = new Map(attack.subjects.map((s, si) => [String(s.invitation.row.tokenHash), si]));
  const targetByKey = new Map<string, number>();
  attack.targets.forEach((t, i) => {
    for (const key of [t.row.row.dedupeKey, t.row.row.key]) if (typeof key === "string") targetByKey.set(key, i);
  });
  const candidates = new Set<string>(identifiers(evidence.log));
  for (const table of Object.values(evidence.panel)) for (const r of table) for (const v of leaves(r.row)) for (const id of identifiers(v)) candidates.add(id);
  const guesses: Guess[] = attack.targets.map(() => null);
  for (const candidate of candidates) {
    for (const prefix of ["vault:", "draft:", ""]) {
      const ti = targetByKey.get(sha256(prefix + candidate));
      if (ti === undefined) continue;
      const si = byPanelHash.get(sha256(`panel:${candidate}`)) ?? byPanelHash.get(sha256(candidate));
      guesses[ti] = si === undefined ? null : [si];
    }
  }
  return { name: "tokens recovered from panel values and log", family: "derived keys", guesses };
}

/** Log lines naming an invitation (or its member) near lines naming a vault row; and the order of first mention. */
function logMatchers(attack: Attack, evidence: Evidence): Guesses[] {
  const lines = evidence.log.split("\n");
  const subjectByName = new Map<string, number>();
  attack.subjects.forEach((s, i) => {
    for (const v of [s.id, s.invitation.row.userId, s.invitation.row.tokenHash, s.user?.row.email]) if (typeof v === "string") subjectByName.set(v, i);
  });
  const targetByName = new Map<string, number>();
  attack.targets.forEach((t, i) => {
    for (const v of [t.row.row.id, t.row.row.dedupeKey, t.row.row.key]) if (typeof v === "string") targetByName.set(v, i);
  });
  const subjectsOnLine: number[][] = [];
  const targetsOnLine: number[][] = [];
  const firstSubjectLine = new Map<number, number>();
  const firstTargetLine = new Map<number, number>();
  lines.forEach((line, n) => {
    const names = identifiers(line);
    const s = names.flatMap((v) => (subjectByName.has(v) ? [subjectByName.get(v)!] : []));
    const t = names.flatMap((v) => (targetByName.has(v) ? [targetByName.get(v)!] : []));
    subjectsOnLine.push(s);
    targetsOnLine.push(t);
    for (const i of s) if (!firstSubjectLine.has(i)) firstSubjectLine.set(i, n);
    for (const i of t) if (!firstTargetLine.has(i)) firstTargetLine.set(i, n);
  });
  const near: Guess[] = attack.targets.map(() => null);
  targetsOnLine.forEach((targets, n) => {
    for (const ti of targets) {
      // every invitation of the target's group named on the first lines near it, tied
      const nearby = subjectsOnLine
        .slice(Math.max(0, n - 2), n + 3)
        .flat()
        .filter((si) => attack.subjects[si]!.block === attack.targets[ti]!.block);
      if (nearby.length > 0 && near[ti] === null) near[ti] = [...new Set(nearby)];
    }
  });
  const targetIndex = new Map(attack.targets.map((t, i) => [t, i]));
  const subjectIndex = new Map(attack.subjects.map((s, i) => [s, i]));
  const order = rankMatcher(
    attack,
    { name: "first log line", value: (t) => firstTargetLine.get(targetIndex.get(t)!) ?? null },
    { name: "first log line", value: (s) => firstSubjectLine.get(subjectIndex.get(s)!) ?? null },
    false,
  );
  return [
    { name: "log lines naming both (±2 lines)", family: "log", guesses: near },
    { ...order, name: "log order of first mention", family: "log" },
  ];
}

/** Whether a field can order anything within a group: some group holds two different values. */
function informative<T extends { block: string }>(field: Field<T>, items: T[]) {
  const first = new Map<string, Sortable>();
  for (const item of items) {
    const value = field.value(item);
    if (!first.has(item.block)) first.set(item.block, value);
    else if (first.get(item.block) !== value) return true;
  }
  return false;
}

export interface Matchers {
  matchers: Guesses[];
  /** fields with one value within every group: ordering by them is a coin toss, so no rank matcher is built */
  uninformative: string[];
}

/** Every matcher the insider has, run against one attack (no luck involved: ties are named whole). */
export function allMatchers(attack: Attack, evidence: Evidence): Matchers {
  const vaultAll = targetFields(attack);
  const panelAll = subjectFields(attack);
  const vault = vaultAll.filter((f) => informative(f, attack.targets));
  const panel = panelAll.filter((f) => informative(f, attack.subjects));
  const uninformative = [...vaultAll.filter((f) => !vault.includes(f)), ...panelAll.filter((f) => !panel.includes(f))].map((f) => f.name);
  const matchers: Guesses[] = [];
  for (const v of vault) {
    for (const p of panel) {
      matchers.push(rankMatcher(attack, v, p, false));
      matchers.push(rankMatcher(attack, v, p, true));
    }
  }
  // Transaction ids are counted across the whole PostgreSQL server, so the
  // vault's and the panel's compare as numbers; so do days and times.
  const xmin = (f: { name: string }) => f.name.endsWith(".xmin");
  const time = <T>(f: Field<T>, items: T[]) => /(On|At|at)$/.test(f.name) && items.some((item) => typeof f.value(item) === "number");
  for (const v of vaultAll) {
    for (const p of panelAll) {
      if (!((xmin(v) && xmin(p)) || (time(v, attack.targets) && time(p, attack.subjects)))) continue;
      matchers.push(nearestMatcher(attack, v, p, false));
      matchers.push(nearestMatcher(attack, v, p, true));
    }
  }
  matchers.push(sharedValueMatcher(attack, evidence));
  matchers.push(derivedKeyMatcher(attack, evidence));
  matchers.push(...logMatchers(attack, evidence));
  return { matchers, uninformative };
}

// ---------------------------------------------------------------------------
// Scoring against chance

export interface MatcherScore {
  name: string;
  family: string;
  /** targets it named at least one invitation for */
  guessed: number;
  /** credit earned: 1/|set| for each guess whose set holds the truth */
  correct: number;
  /** credit per target (correct / targets) */
  accuracy: number;
  /** expected accuracy of the same guesses under random matching within the groups */
  chance: number;
  /** mean number of tied invitations per guess */
  tied: number;
  /** one-sided permutation p-value of this matcher alone */
  p: number;
  /** p-value adjusted for trying every matcher (max-T, Westfall–Young) */
  pAdjusted: number;
}

export interface AttackReport {
  name: string;
  targets: number;
  groups: number;
  /** accuracy of guessing at random within the groups */
  chance: number;
  permutations: number;
  scores: MatcherScore[];
  /** smallest adjusted p-value: the chance that the best matcher did this well by luck */
  familyP: number;
}

/** Slack for comparing sums of fractional credits added up in different orders. */
const EPSILON = 1e-9;

/**
 * The null: within each group (study, day, declared attributes) any matching
 * of vault rows to invitations is as likely as the true one. Each permutation
 * shuffles the truth within every group and credits each matcher's guesses as
 * if it were the truth; the maximum over matchers of the standardised credit
 * gives p-values adjusted for the number of matchers tried.
 *
 * A guess is kept as a bit set over its group's invitations with its credit
 * 1/|set|, so checking it against a permuted truth is one bit test. A set that
 * covers the whole group earns the same in every permutation: it is counted
 * once, outside the permutations, and so cannot move any statistic.
 */
export function scoreAttack(attack: Attack, truth: (string | null)[], matchers: Guesses[], permutations: number, seed: number): AttackReport {
  const random = seededRandom(seed);
  const groups = [...groupByBlock(attack.subjects)];
  const groupOf = new Map(groups.map(([block], g) => [block, g]));
  const subjectGroup = new Int32Array(attack.subjects.length).fill(-1);
  const subjectAt = new Int32Array(attack.subjects.length);
  groups.forEach(([, indexes], g) =>
    indexes.forEach((si, at) => {
      subjectGroup[si] = g;
      subjectAt[si] = at;
    }),
  );
  const subjectById = new Map(attack.subjects.map((s, si) => [s.id, si]));
  const scored = attack.targets.map((t, ti) => {
    const group = groupOf.get(t.block);
    const si = truth[ti] ? subjectById.get(truth[ti]!) : undefined;
    if (group === undefined || si === undefined || subjectGroup[si] !== group) {
      throw new Error(`target ${ti} (${t.table}) is not in the group of its true invitation: the insider's model is wrong`);
    }
    return { ti, group, at: subjectAt[si]! };
  });
  const n = scored.length;
  const m = matchers.length;
  const groupSize = groups.map(([, indexes]) => indexes.length);
  const targetGroup = Int32Array.from(scored.map((s) => s.group));
  const trueAt = Int32Array.from(scored.map((s) => s.at));
  // Target k's guesses: matcher j's set is words[k] 32-bit words from bitBase[k] + j * words[k].
  const words = Int32Array.from(scored.map((s) => (groupSize[s.group]! + 31) >>> 5));
  const bitBase = new Int32Array(n);
  let totalWords = 0;
  for (let k = 0; k < n; k++) {
    bitBase[k] = totalWords;
    totalWords += words[k]! * m;
  }
  const bits = new Int32Array(totalWords);
  const credit = new Float64Array(n * m);
  const fixed = new Float64Array(m);
  const observed = new Float64Array(m);
  const expected = new Float64Array(m);
  const guessed = new Int32Array(m);
  const candidates = new Float64Array(m);
  scored.forEach((s, k) => {
    const size = groupSize[s.group]!;
    matchers.forEach((matcher, j) => {
      const set = matcher.guesses[s.ti];
      if (!set || set.length === 0) return;
      guessed[j]!++;
      candidates[j]! += set.length;
      const share = 1 / set.length;
      // Invitations outside the group are wrong by construction, and under the null too.
      const inside = set.filter((si) => subjectGroup[si] === s.group);
      expected[j]! += (inside.length / size) * share;
      if (inside.length === size) {
        fixed[j]! += share;
        return;
      }
      const base = bitBase[k]! + j * words[k]!;
      for (const si of inside) bits[base + (subjectAt[si]! >>> 5)]! |= 1 << (subjectAt[si]! & 31);
      credit[k * m + j] = share;
      if (bits[base + (s.at >>> 5)]! & (1 << (s.at & 31))) observed[j]! += share;
    });
  });
  const offsets = new Int32Array(groups.length + 1);
  groupSize.forEach((size, g) => (offsets[g + 1] = offsets[g]! + size));
  const shuffled = new Int32Array(offsets[groups.length]!);
  const counts = new Float64Array(permutations * m);
  for (let round = 0; round < permutations; round++) {
    for (let g = 0; g < groups.length; g++) {
      const start = offsets[g]!;
      const size = groupSize[g]!;
      for (let i = 0; i < size; i++) shuffled[start + i] = i;
      for (let i = size - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const swap = shuffled[start + i]!;
        shuffled[start + i] = shuffled[start + j]!;
        shuffled[start + j] = swap;
      }
    }
    const row = round * m;
    for (let k = 0; k < n; k++) {
      const at = shuffled[offsets[targetGroup[k]!]! + trueAt[k]!]!;
      const mask = 1 << (at & 31);
      const stride = words[k]!;
      let word = bitBase[k]! + (at >>> 5);
      const base = k * m;
      for (let j = 0; j < m; j++, word += stride) if (bits[word]! & mask) counts[row + j]! += credit[base + j]!;
    }
  }
  const mean = new Float64Array(m);
  const sd = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let sum = 0;
    for (let round = 0; round < permutations; round++) sum += counts[round * m + j]!;
    mean[j] = sum / permutations;
    let squares = 0;
    for (let round = 0; round < permutations; round++) squares += (counts[round * m + j]! - mean[j]!) ** 2;
    // A count that only differs by rounding (the same credits added in another order) is constant.
    const deviation = Math.sqrt(squares / permutations);
    sd[j] = deviation > EPSILON ? deviation : 0;
  }
  const z = (j: number, c: number) => (sd[j]! > 0 ? (c - mean[j]!) / sd[j]! : 0);
  const maxT = new Float64Array(permutations);
  const atLeast = new Int32Array(m);
  for (let round = 0; round < permutations; round++) {
    let max = -Infinity;
    for (let j = 0; j < m; j++) {
      const c = counts[round * m + j]!;
      if (c >= observed[j]! - EPSILON) atLeast[j]!++;
      max = Math.max(max, z(j, c));
    }
    maxT[round] = max;
  }
  const scores: MatcherScore[] = matchers.map((matcher, j) => {
    const zObserved = z(j, observed[j]!);
    let beaten = 0;
    for (let round = 0; round < permutations; round++) if (maxT[round]! >= zObserved - EPSILON) beaten++;
    const correct = fixed[j]! + observed[j]!;
    return {
      name: matcher.name,
      family: matcher.family,
      guessed: guessed[j]!,
      correct,
      accuracy: correct / n,
      chance: expected[j]! / n,
      tied: guessed[j]! > 0 ? candidates[j]! / guessed[j]! : 0,
      p: (1 + atLeast[j]!) / (1 + permutations),
      pAdjusted: (1 + beaten) / (1 + permutations),
    };
  });
  return {
    name: attack.name,
    targets: n,
    groups: new Set(scored.map((s) => s.group)).size,
    chance: scored.reduce((sum, s) => sum + 1 / groupSize[s.group]!, 0) / n,
    permutations,
    scores,
    familyP: Math.min(...scores.map((s) => s.pAdjusted)),
  };
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

/** A readable summary: the best matcher of each family, and the named ones the brief asks about. */
export function formatReport(report: AttackReport, highlight: RegExp = /^$/, everything = false): string {
  const lines = [
    `${report.name}: ${report.targets} vault rows in ${report.groups} groups; random matching within groups is right ${percent(report.chance)}; ` +
      `${report.scores.length} matchers, ${report.permutations} permutations; family p = ${report.familyP.toFixed(4)}`,
  ];
  const families = [...new Set(report.scores.map((s) => s.family))];
  const shown = new Set<MatcherScore>();
  for (const family of families) {
    const best = report.scores.filter((s) => s.family === family).sort((a, b) => a.pAdjusted - b.pAdjusted || a.p - b.p)[0]!;
    shown.add(best);
  }
  for (const s of report.scores) if (everything || highlight.test(s.name)) shown.add(s);
  for (const s of [...shown].sort((a, b) => a.pAdjusted - b.pAdjusted || a.p - b.p)) {
    lines.push(
      `  ${s.family.padEnd(14)} ${s.name.padEnd(62)} guessed ${String(s.guessed).padStart(5)} (tied ${s.tied.toFixed(1).padStart(5)})  right ${percent(s.accuracy).padStart(6)}` +
        `  chance ${percent(s.chance).padStart(6)}  p ${s.p.toFixed(4)}  p(adj) ${s.pAdjusted.toFixed(4)}`,
    );
  }
  return lines.join("\n");
}
