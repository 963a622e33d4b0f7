// The insider's attack (issue 4, docs/decisions/0011). A panel of 1,100
// members answers 12 surveys through the real HTTP server over four simulated
// days: many at once, with double clicks and resends, some leaving halfway.
// The vault mixes each finished day. Then an insider holding both databases
// whole (every table, every column, ctid and xmin) and the server's log tries
// every matcher it has (tests/support/insider.ts). None may link answers to
// invitations better than chance given what is shared by design: the study,
// the day and the declared coarsened attributes (permutation test, p = 0.01).
// Positive controls plant leaks that the same machinery must catch.
//
// Why a flag on a negative attack is confirmed before the test fails. Each
// negative attack tries some 100 matchers with max-T adjusted p-values at
// ALPHA = 0.01: with nothing leaking, some matcher clears ALPHA in about one
// run in a hundred, by construction. So a flag does not fail the test at once:
// the whole simulation runs again into emptied stores with a new seed (a new
// plan, and new ids, keys, mix and permutations from the server and the
// database), the same attack is scored, and the test fails only if a matcher
// flagged the first time clears ALPHA again. With no leak the two runs are
// independent and a specific matcher clears ALPHA with probability at most
// ALPHA (far less in practice: the family's 1% is spread over its matchers),
// so a false alarm needs at most about α·α = 1 in 10,000 per attack (times the
// number of matchers flagged, nearly always one). A real leak is in the code,
// so the fresh simulation has it too; leaks like the planted ones are caught
// at p ≈ 0.001, the smallest p that 1,000 permutations can give, and so
// replicate with near certainty. What confirmation costs: a leak so weak that
// it clears ALPHA only now and then is confirmed only now and then (its power
// squared). The positive controls do not confirm: they must detect at once.
//
// LINKING_SEED replays a run (the confirmation's seed is derived from it and
// logged); LINKING_CONFIRM=always runs the confirmation even when nothing is
// flagged (then it re-checks each attack's best matcher), to exercise it.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/infra/db/panel.server";
import { currentVersion, ensureBaseConsents, textIn } from "~/modules/consent/consent.server";
import { MEMBERSHIP_TERMS, PROFILE_USE } from "~/modules/consent/purposes";
import { digitalUses, genders, lifeSituations } from "~/modules/members/profile-schema";
import { regionCodes } from "~/modules/members/regions";
import { helsinkiDay } from "~/modules/studies/days";
import { createInvitation, panelTokenHash } from "~/modules/studies/invitations.server";
import type { AnalysisAttribute } from "~/modules/studies/studies.server";
import { draftKey, mixPendingResponses, vaultKey } from "~/modules/vault/responses.server";
import { startAppServer } from "../support/app-server";
import {
  allMatchers,
  columnTypes,
  databaseOf,
  draftAttack,
  dumpDatabase,
  formatReport,
  identifiers,
  isIdentifier,
  leaves,
  responseAttack,
  scoreAttack,
  seededRandom,
  seedFor,
  type Attack,
  type AttackReport,
  type Dump,
  type Evidence,
} from "../support/insider";
import { startSmtpSink } from "../support/smtp-sink";
import { createResearcher, invite, openStudy } from "../support/studies";

const MEMBERS = 1100;
const DAYS = 4;
const INVITED_SHARE = 0.33;
const IN_FLIGHT = 24;
const EMAILED = 60;
const PERMUTATIONS = 1000;
const ALPHA = 0.01;
const DAY_MS = 24 * 60 * 60 * 1000;
/** One simulation with its dumps takes under a minute on two cores; CI machines are slower. */
const SIMULATION_TIMEOUT = 300_000;

/** What each study lets researchers break results down by (a mix of coarse and fine). */
const studyAttributes: AnalysisAttribute[][] = [
  ["language"],
  ["age-band"],
  ["region"],
  ["language", "age-band"],
  ["life-situation"],
  [],
  ["gender"],
  ["digital-use"],
  ["language", "region"],
  ["age-band", "life-situation"],
  ["region", "age-band"],
  ["language", "gender"],
];

// The plan is seeded (LINKING_SEED replays it); what the server and the
// database make at random (ids, keys, the mix) is not. Every random stream
// (the plan, each attack's permutations, the confirmation's seed) is seeded by
// hashing the run's seed with the stream's name.
const seed = Number(process.env.LINKING_SEED ?? Math.floor(Math.random() * 2 ** 31));
const confirmSeed = seedFor(seed, "confirmation") & 0x7fffffff;
const confirmMode = process.env.LINKING_CONFIRM ?? "flagged";
if (!["flagged", "always"].includes(confirmMode)) throw new Error(`LINKING_CONFIRM is "flagged" (the default) or "always", not "${confirmMode}"`);

/** The plan's dice: one seeded stream per simulation. */
function dice(streamSeed: number) {
  const random = seededRandom(streamSeed);
  return {
    random,
    pick: <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!,
    chance: (p: number) => random() < p,
    integer: (from: number, to: number) => from + Math.floor(random() * (to - from + 1)),
    shuffle<T>(items: T[]) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
  };
}
type Dice = ReturnType<typeof dice>;

type Language = "fi" | "sv" | "en";
interface Member {
  id: string;
  email: string;
  language: Language;
}

type Kind = "complete" | "halfway" | "started" | "looked" | "ignored";
type Resend = "none" | "double" | "again" | "triple";
interface Plan {
  token: string;
  study: number;
  member: Member;
  kind: Kind;
  /** the day the member opens the survey, and the day they submit (complete only) */
  firstDay: number;
  lastDay: number;
  resend: Resend;
  doubleClickFirstSection: boolean;
  lookFirst: boolean;
  section1: URLSearchParams;
  section2: URLSearchParams;
}

const phrases = ["Nopea palvelu", "Selkeät ohjeet", "Jonotus kesti", "Ystävällinen neuvoja", "Sivusto sekava", "Kaikki toimi", "Snabb service", "Clear forms", ""];

function answers({ chance, integer, pick }: Dice): Pick<Plan, "section1" | "section2"> {
  const phone = chance(0.4);
  const section1 = new URLSearchParams([["intent", "next"], ["q_q1", phone ? "phone" : "web"]]);
  for (const option of ["a", "b", "c"].filter(() => chance(0.3)).slice(0, 2)) section1.append("q_q2", option);
  section1.append("q_q3", String(integer(0, 10)));
  const section2 = new URLSearchParams([["intent", "next"]]);
  section2.append("q_q4", pick(phrases));
  section2.append("q_q5", chance(0.7) ? String(integer(0, 100)) : "");
  section2.append("q_q6", chance(0.5) ? `${integer(1, 28)}.${integer(1, 12)}.${integer(2015, 2024)}` : "");
  section2.append("q_q7__r1", String(integer(1, 5)));
  section2.append("q_q7__r2", String(integer(1, 5)));
  if (phone) section2.append("q_q8", pick(phrases));
  return { section1, section2 };
}

/** 1,100 members with varied profiles; most allow the profile to be used, a few withdrew. */
async function createPanel({ random, chance, integer, pick }: Dice): Promise<Member[]> {
  await ensureBaseConsents();
  const terms = await currentVersion(MEMBERSHIP_TERMS);
  const profileUse = await currentVersion(PROFILE_USE);
  const members: Member[] = Array.from({ length: MEMBERS }, (_, i) => ({
    id: randomUUID(),
    email: `member${i}@linking.example`,
    language: random() < 0.7 ? "fi" : random() < 0.67 ? "sv" : "en",
  }));
  await db.user.createMany({ data: members.map((m) => ({ id: m.id, kind: "MEMBER", roles: ["MEMBER"], email: m.email, language: m.language })) });
  await db.memberProfile.createMany({
    data: members.map((m) => ({
      userId: m.id,
      birthYear: chance(0.95) ? integer(1935, 2009) : null,
      region: chance(0.9) ? (random() < 0.35 ? "MK01" : pick(regionCodes)) : null,
      lifeSituation: chance(0.85) ? pick(lifeSituations) : null,
      gender: chance(0.85) ? pick(genders) : null,
      digitalUse: chance(0.8) ? pick(digitalUses) : null,
    })),
  });
  await db.memberPreferences.createMany({ data: members.map((m) => ({ userId: m.id })) });
  const joined = new Date(Date.now() - 30 * DAY_MS);
  const event = (m: Member, version: typeof terms, action: "GIVEN" | "WITHDRAWN", at: Date) => ({
    userId: m.id,
    purpose: version.purpose,
    versionId: version.id,
    version: version.version,
    textHash: textIn(version.texts, m.language).textHash,
    language: m.language,
    channel: action === "GIVEN" ? ("JOIN" as const) : ("WEB" as const),
    action,
    at,
  });
  const events = members.flatMap((m) => {
    const at = new Date(joined.getTime() + integer(0, 20 * DAY_MS));
    const list = [event(m, terms, "GIVEN", at)];
    if (chance(0.88)) list.push(event(m, profileUse, "GIVEN", at));
    if (list.length === 2 && chance(0.04)) list.push(event(m, profileUse, "WITHDRAWN", new Date(at.getTime() + DAY_MS)));
    return list;
  });
  await db.consentEvent.createMany({ data: events });
  return members;
}

function planFor(d: Dice, token: string, study: number, member: Member): Plan {
  const { random, chance, integer } = d;
  const r = random();
  const kind: Kind = r < 0.72 ? "complete" : r < 0.82 ? "halfway" : r < 0.87 ? "started" : r < 0.92 ? "looked" : "ignored";
  const lastDay = integer(0, DAYS - 1);
  const firstDay = kind === "complete" && lastDay > 0 && chance(0.15) ? integer(0, lastDay - 1) : lastDay;
  const s = random();
  return {
    token,
    study,
    member,
    kind,
    firstDay,
    lastDay,
    resend: s < 0.8 ? "none" : s < 0.9 ? "double" : s < 0.95 ? "again" : "triple",
    doubleClickFirstSection: chance(0.05),
    lookFirst: chance(0.1),
    ...answers(d),
  };
}

const nextDay = (day: string) => new Date(new Date(`${day}T12:00:00Z`).getTime() + DAY_MS).toISOString().slice(0, 10);
/** Day d of the simulation, as the server shifted by (d - last) days sees it. */
const simulatedDay = (d: number) => helsinkiDay(new Date(Date.now() + (d - (DAYS - 1)) * DAY_MS));

async function inPool(tasks: (() => Promise<void>)[], inFlight: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < tasks.length) await tasks[next++]!();
    }),
  );
}

/** One run of the simulation: what the test planned and saw, and what the insider gets. */
interface Simulation {
  seed: number;
  plans: Plan[];
  studies: { id: string; attributes: AnalysisAttribute[] }[];
  log: string;
  /** final POSTs in the order their thank-you redirects came back */
  completionOrder: string[];
  completed: Set<string>;
  unexpected: string[];
  requests: number;
  finalPosts: Map<string, number>;
  /** invitation emails the SMTP sink received */
  emails: number;
  /** both stores after the last mix, and before it (the last day unmixed, for the positive control) */
  evidence: Record<"main" | "unmixed", Evidence>;
  vaultColumns: { table: string; column: string; type: string }[];
  timings: Record<string, number>;
}

/** One member's steps on one day, over HTTP as a browser without JavaScript sends them. */
function stepsFor(sim: Simulation, plan: Plan, day: number, url: string): (() => Promise<void>) | null {
  const { token, member } = plan;
  const send = async (path: string, form?: URLSearchParams) => {
    sim.requests++;
    const response = await fetch(`${url}${path}`, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        "Accept-Language": member.language,
        ...(form ? { Origin: url, "Content-Type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form,
    });
    await response.arrayBuffer();
    return { status: response.status, location: response.headers.get("Location") ?? "" };
  };
  const expectOne = (what: string, got: { status: number; location: string }, ...allowed: string[]) => {
    const ok = allowed.some((a) => (a === "200" ? got.status === 200 : got.status === 302 && got.location === a));
    if (!ok) sim.unexpected.push(`${what}: ${got.status} ${got.location.replace(token, "<token>")}`);
  };
  const answer = `/s/${token}/answer`;
  const start = async () => {
    if (plan.lookFirst) expectOne("start page", await send(`/s/${token}`), "200");
    expectOne("start", await send(`/s/${token}`, new URLSearchParams()), answer);
  };
  const firstSection = async () => {
    if (!plan.doubleClickFirstSection) return expectOne("first section", await send(answer, plan.section1), answer);
    // The click handled second may find the draft already on section 2 and
    // answer with that section's errors (400), as a browser would show. Which
    // click that is depends on timing, not on the order they were sent.
    const [first, second] = await Promise.all([send(answer, plan.section1), send(answer, plan.section1)]);
    const [accepted, other] = first.status === 400 ? [second, first] : [first, second];
    expectOne("first section", accepted, answer);
    if (other.status !== 400) expectOne("first section, second click", other, answer);
  };
  const finalSection = async () => {
    const post = async () => {
      sim.finalPosts.set(token, (sim.finalPosts.get(token) ?? 0) + 1);
      const got = await send(answer, plan.section2);
      if (got.location === `/s/${token}/thanks` && !sim.completed.has(token)) {
        sim.completed.add(token);
        sim.completionOrder.push(token);
      }
      expectOne("final section", got, `/s/${token}/thanks`, `/s/${token}`);
      return got;
    };
    const concurrent = plan.resend === "double" || plan.resend === "triple" ? 2 : 1;
    await Promise.all(Array.from({ length: concurrent }, post));
    if (plan.resend === "again" || plan.resend === "triple") await post();
  };

  switch (plan.kind) {
    case "complete":
      if (day === plan.firstDay && day === plan.lastDay)
        return async () => {
          await start();
          await firstSection();
          await finalSection();
        };
      if (day === plan.firstDay)
        return async () => {
          await start();
          await firstSection();
        };
      if (day === plan.lastDay)
        return async () => {
          expectOne("resume page", await send(`/s/${token}`), "200");
          expectOne("resume", await send(`/s/${token}`, new URLSearchParams()), answer);
          await finalSection();
        };
      return null;
    case "halfway":
      return day === plan.firstDay
        ? async () => {
            await start();
            await firstSection();
          }
        : null;
    case "started":
      return day === plan.firstDay ? start : null;
    case "looked":
      return day === plan.firstDay ? async () => expectOne("start page", await send(`/s/${token}`), "200") : null;
    case "ignored":
      return null;
  }
}

const stores = () => [
  { store: "panel", database: databaseOf(process.env.DATABASE_URL!) },
  { store: "vault", database: databaseOf(process.env.VAULT_DATABASE_URL!) },
];

async function asAdmin<T>(database: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(process.env.TEST_PG_ADMIN_URL_FOR_FILE!);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const vaultAdmin = <T>(work: (client: pg.Client) => Promise<T>) => asAdmin(databaseOf(process.env.VAULT_DATABASE_URL!), work);

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** The migrations' bookkeeping survives emptying the stores (the server would migrate again otherwise). */
const MIGRATION_TABLES = ["_migrations", "_prisma_migrations"];

async function publicTables(client: pg.Client) {
  const result = await client.query<{ name: string }>(`SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  return result.rows.map((r) => r.name).filter((name) => !MIGRATION_TABLES.includes(name));
}

/**
 * The rows the migrations themselves insert (such as the recruitment
 * settings' one row), as the stores hold them before the first simulation:
 * put back after emptying, as a fresh copy of the template would have them.
 */
type BaseRows = Record<string, { table: string; rows: unknown[] }[]>;

async function baseRows(): Promise<BaseRows> {
  const base: BaseRows = {};
  for (const { store, database } of stores()) {
    base[store] = await asAdmin(database, async (client) => {
      const found: { table: string; rows: unknown[] }[] = [];
      for (const table of await publicTables(client)) {
        const { rows } = await client.query<{ rows: unknown[] }>(`SELECT coalesce(jsonb_agg(to_jsonb(t)), '[]'::jsonb) AS rows FROM ${quoted(table)} t`);
        if (rows[0]!.rows.length > 0) found.push({ table, rows: rows[0]!.rows });
      }
      return found;
    });
  }
  return base;
}

/** Every table of both stores emptied but the migrations' bookkeeping, and the migrations' own rows put back. */
async function emptyStores(base: BaseRows) {
  const emptied: string[] = [];
  for (const { store, database } of stores()) {
    await asAdmin(database, async (client) => {
      const tables = await publicTables(client);
      await client.query(`TRUNCATE ${tables.map(quoted).join(", ")} RESTART IDENTITY CASCADE`);
      for (const { table, rows } of base[store] ?? []) {
        await client.query(`INSERT INTO ${quoted(table)} SELECT * FROM jsonb_populate_recordset(NULL::${quoted(table)}, $1::jsonb)`, [JSON.stringify(rows)]);
      }
      emptied.push(`${store}: ${tables.length} tables`);
    });
  }
  return emptied.join(", ");
}

async function dumpBoth(log: string): Promise<Evidence> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL_FOR_FILE!;
  const [panel, vault] = await Promise.all([
    dumpDatabase(adminUrl, databaseOf(process.env.DATABASE_URL!)),
    dumpDatabase(adminUrl, databaseOf(process.env.VAULT_DATABASE_URL!)),
  ]);
  return { panel, vault, log };
}

/**
 * The whole simulation, from the seed, into stores that hold no more than a
 * fresh copy of the template (the setup makes its own consents, researcher,
 * studies and members), and both stores dumped.
 */
async function simulate(simulationSeed: number): Promise<Simulation> {
  const d = dice(seedFor(simulationSeed, "plan"));
  const sim: Simulation = {
    seed: simulationSeed,
    plans: [],
    studies: [],
    log: "",
    completionOrder: [],
    completed: new Set(),
    unexpected: [],
    requests: 0,
    finalPosts: new Map(),
    emails: 0,
    evidence: {} as Simulation["evidence"],
    vaultColumns: [],
    timings: {},
  };
  const lap = (name: string, since: number) => {
    sim.timings[name] = Math.round((Date.now() - since) / 100) / 10;
    return Date.now();
  };
  let t = Date.now();
  const sink = await startSmtpSink();
  try {
    const members = await createPanel(d);
    const { user: researcher } = await createResearcher("owner@linking.example");
    for (const [n, attributes] of studyAttributes.entries()) {
      const title = { fi: `Kysely ${n + 1}`, sv: `Enkät ${n + 1}`, en: `Survey ${n + 1}` };
      const study = await openStudy(researcher, { analysisAttributes: attributes, title });
      sim.studies.push({ id: study.id, attributes });
      const invited = d.shuffle([...members]).slice(0, Math.round(MEMBERS * INVITED_SHARE));
      let tokens: string[] = [];
      if (n === 0) {
        // Some of one study's invitations go out by email, through the outbox, as in production.
        await db.$transaction(async (tx) => {
          for (const m of invited.slice(0, EMAILED)) {
            tokens.push(await createInvitation(tx, { studyId: study.id, userId: m.id, email: m.email, language: m.language, title }));
          }
        });
      }
      for (let i = tokens.length; i < invited.length; i += 100) tokens = tokens.concat(await invite(study.id, invited.slice(i, i + 100)));
      tokens.forEach((token, i) => sim.plans.push(planFor(d, token, n, invited[i]!)));
    }
    t = lap("setup", t);

    const clock = pathToFileURL(path.resolve("tests/support/shifted-clock.mjs")).href;
    for (let day = 0; day < DAYS; day++) {
      const server = await startAppServer({
        SMTP_URL: sink.url,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${clock}`.trim(),
        PANEL_TEST_CLOCK_SHIFT_DAYS: String(day - (DAYS - 1)),
      });
      try {
        const tasks = sim.plans.flatMap((plan) => stepsFor(sim, plan, day, server.url) ?? []);
        await inPool(d.shuffle(tasks), IN_FLIGHT);
        if (day === 0) {
          for (let wait = 0; (await db.outboxEmail.count({ where: { status: { not: "SENT" } } })) > 0; wait++) {
            if (wait > 300) throw new Error("invitation emails were not delivered");
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      } finally {
        await server.stop();
        sim.log += server.output();
      }
      // The nightly mix of the day that just ended (the last day waits: see the positive control).
      if (day < DAYS - 1) await mixPendingResponses(nextDay(simulatedDay(day)));
      t = lap(`day ${day + 1}`, t);
    }
    sim.emails = sink.messages.length;
  } finally {
    await sink.close();
  }

  sim.evidence.unmixed = await dumpBoth(sim.log);
  await mixPendingResponses(nextDay(nextDay(simulatedDay(DAYS - 1))));
  sim.evidence.main = { ...sim.evidence.unmixed, vault: (await dumpBoth(sim.log)).vault };
  sim.vaultColumns = await columnTypes(process.env.TEST_PG_ADMIN_URL_FOR_FILE!, databaseOf(process.env.VAULT_DATABASE_URL!));
  lap("dumps", t);
  return sim;
}

/** Planted leaks, each on top of the honest vault, each removed again. */
async function plantLeaks(sim: Simulation): Promise<Record<"sequential" | "shared", Evidence>> {
  const plant = async (column: string, type: string, values: (token: string, index: number) => string | number) => {
    const keys = sim.completionOrder.map(vaultKey);
    const planted = sim.completionOrder.map(values);
    await vaultAdmin(async (client) => {
      await client.query(`ALTER TABLE "Response" ADD COLUMN "${column}" ${type}`);
      await client.query(`CREATE TEMP TABLE planted (key text PRIMARY KEY, value ${type})`);
      await client.query(`INSERT INTO planted SELECT * FROM unnest($1::text[], $2::${type}[])`, [keys, planted]);
      // A plain UPDATE walks the table in its physical order, so the rows keep
      // their relative places: only the planted column carries the order.
      await client.query(`UPDATE "Response" SET "${column}" = (SELECT value FROM planted WHERE key = "Response"."dedupeKey")`);
    });
    const vault = (await dumpBoth(sim.log)).vault;
    await vaultAdmin((client) => client.query(`ALTER TABLE "Response" DROP COLUMN "${column}"`));
    return { ...sim.evidence.main, vault };
  };
  return {
    sequential: await plant("seq", "integer", (_token, index) => index + 1),
    shared: await plant("ref", "text", (token) => panelTokenHash(token)),
  };
}

const started = Date.now();
let base: BaseRows;
let main: Simulation;
let planted: Record<"sequential" | "shared", Evidence>;
let fresh: Promise<Simulation> | undefined;
const runs: string[] = [];

const describeBase = (rows: BaseRows) =>
  Object.entries(rows)
    .flatMap(([store, tables]) => tables.map(({ table, rows }) => `${store}.${table} (${rows.length})`))
    .join(", ") || "none";

const describeRun = (sim: Simulation) => `seed ${sim.seed}: phases ${JSON.stringify(sim.timings)}`;

/**
 * The confirmation run: both stores emptied, the simulation again with the
 * confirmation's seed. Made once, shared by the attacks that need it (the main
 * run's evidence is already dumped, so nothing still reads the stores).
 */
function confirmation(): Promise<Simulation> {
  fresh ??= (async () => {
    const emptied = await emptyStores(base);
    console.log(`linking attack: stores emptied for a fresh simulation (${emptied}); base rows put back: ${describeBase(base)}`);
    const sim = await simulate(confirmSeed);
    runs.push(`confirmation ${describeRun(sim)}`);
    return sim;
  })();
  return fresh;
}

beforeAll(async () => {
  base = await baseRows();
  main = await simulate(seed);
  const t = Date.now();
  planted = await plantLeaks(main);
  main.timings.planted = Math.round((Date.now() - t) / 100) / 10;
  runs.push(`main ${describeRun(main)}`);
}, SIMULATION_TIMEOUT);

afterAll(() => {
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  console.log(`linking attack: seed ${seed}; ${seconds} s in all; ${runs.join("; ")}`);
});

/** The test's own knowledge, used only to score the insider: which invitation wrote each vault row. */
function truthFor(attack: Attack, panel: Dump, plans: Plan[]): (string | null)[] {
  const invitationByHash = new Map((panel.Invitation ?? []).map((r) => [String(r.row.tokenHash), String(r.row.id)]));
  const byKey = new Map<string, string | null>();
  for (const plan of plans) {
    const invitation = invitationByHash.get(panelTokenHash(plan.token)) ?? null;
    byKey.set(vaultKey(plan.token), invitation);
    byKey.set(draftKey(plan.token), invitation);
  }
  return attack.targets.map((t) => byKey.get(String(t.row.row.dedupeKey ?? t.row.row.key)) ?? null);
}

function attackAndScore(sim: Simulation, attack: Attack, evidence: Evidence): AttackReport {
  const { matchers, uninformative } = allMatchers(attack, evidence);
  const report = scoreAttack(attack, truthFor(attack, evidence.panel, sim.plans), matchers, PERMUTATIONS, seedFor(sim.seed, `permutations: ${attack.name}`));
  console.log(
    `${formatReport(report, /\.(ctid|xmin|id|seq)\b/, Boolean(process.env.LINKING_VERBOSE))}\n  no order within any group (no rank matcher built): ${uninformative.join(", ")}`,
  );
  return report;
}

const describeScore = (s: AttackReport["scores"][number]) => `${s.name}: ${(100 * s.accuracy).toFixed(1)}% vs ${(100 * s.chance).toFixed(1)}%, p ${s.pAdjusted.toFixed(4)}`;

/** The simulation did what it claims: every submission stored once, on the day the panel marks, and mixed. */
function expectFaithful(sim: Simulation) {
  const { panel, vault } = sim.evidence.main;
  const completed = (panel.Invitation ?? []).filter((r) => r.row.completedOn);
  const responses = vault.Response ?? [];
  const submissions = sim.plans.filter((p) => p.kind === "complete");
  console.log(
    `simulation (seed ${sim.seed}): ${MEMBERS} members, ${sim.studies.length} studies, ${sim.plans.length} invitations, ` +
      `${submissions.length} submissions (${[...sim.finalPosts.values()].filter((n) => n > 1).length} final sections sent 2–3 times), ` +
      `${sim.plans.filter((p) => p.kind === "halfway" || p.kind === "started").length} left halfway, ${sim.requests} HTTP requests, ` +
      `${DAYS} days: ${Array.from({ length: DAYS }, (_, d) => simulatedDay(d)).join(", ")}`,
  );
  expect(sim.unexpected).toEqual([]);
  expect(sim.studies.length).toBeGreaterThanOrEqual(10);
  expect(submissions.length).toBeGreaterThan(2500);
  expect(vault.PendingResponse ?? []).toHaveLength(0);
  expect(completed).toHaveLength(submissions.length);
  expect(responses).toHaveLength(submissions.length);
  expect(new Set(responses.map((r) => r.xmin)).size).toBeLessThanOrEqual(DAYS + 1); // one transaction per mix
  const responseByKey = new Map(responses.map((r) => [String(r.row.dedupeKey), r.row]));
  const invitationByHash = new Map((panel.Invitation ?? []).map((r) => [String(r.row.tokenHash), r.row]));
  const drafts = new Set((vault.Draft ?? []).map((r) => String(r.row.key)));
  for (const plan of sim.plans) {
    const invitation = invitationByHash.get(panelTokenHash(plan.token))!;
    const response = responseByKey.get(vaultKey(plan.token));
    if (plan.kind === "complete") {
      expect(response?.submittedOn).toBe(invitation.completedOn);
      expect(drafts.has(draftKey(plan.token))).toBe(false);
    } else {
      expect(response).toBeUndefined();
      expect(invitation.completedOn).toBeNull();
      expect(drafts.has(draftKey(plan.token))).toBe(plan.kind === "halfway" || plan.kind === "started");
    }
  }
  // The emailed study's invitations were delivered, and the outbox kept no body (the insider's matchers also look).
  expect(sim.emails).toBe(EMAILED);
  expect((panel.OutboxEmail ?? []).filter((r) => r.row.html !== null || r.row.text !== null)).toEqual([]);
}

/**
 * A negative attack: no matcher may beat chance. A flag is confirmed on a
 * fresh simulation before it fails the test (see the top of the file).
 */
async function expectNoLink(attackOn: (evidence: Evidence, name: string) => Attack, name: string, minimumTargets: number) {
  const report = attackAndScore(main, attackOn(main.evidence.main, name), main.evidence.main);
  expect(report.targets).toBeGreaterThan(minimumTargets);
  const flagged = report.scores.filter((s) => s.pAdjusted < ALPHA);
  if (flagged.length === 0 && confirmMode !== "always") return;
  const suspects = flagged.length > 0 ? flagged : [...report.scores].sort((a, b) => a.pAdjusted - b.pAdjusted || a.p - b.p).slice(0, 1);
  console.log(
    `${name}: ${flagged.length > 0 ? `flagged: ${flagged.map(describeScore).join("; ")}` : `nothing flagged; LINKING_CONFIRM=always re-checks the best matcher, ${describeScore(suspects[0]!)}`}; ` +
      `confirming on a fresh simulation with seed ${confirmSeed} (LINKING_SEED=${seed} replays both)`,
  );
  const sim = await confirmation();
  expectFaithful(sim);
  const again = attackAndScore(sim, attackOn(sim.evidence.main, `${name}, fresh simulation`), sim.evidence.main);
  expect(again.targets).toBeGreaterThan(minimumTargets);
  const outcomes = suspects.map((s) => ({ name: s.name, again: again.scores.find((a) => a.name === s.name) }));
  const confirmed = outcomes.filter((o) => o.again && o.again.pAdjusted < ALPHA).map((o) => describeScore(o.again!));
  console.log(
    `${name}: ${confirmed.length > 0 ? "confirmed" : "not confirmed"} on the fresh simulation: ` +
      outcomes.map((o) => (o.again ? describeScore(o.again) : `${o.name}: not built (no order within any group)`)).join("; "),
  );
  expect(confirmed, `flagged on seed ${seed} and again on seed ${confirmSeed}`).toEqual([]);
}

describe("an insider with both stores, their system columns and the server log", () => {
  it("the simulation is what it claims: every submission stored once, on the day the panel marks, and mixed", () => {
    expectFaithful(main);
  });

  it("the vault shares no identifier with the panel but the study ids, and knows no time finer than the day", () => {
    const { panel, vault } = main.evidence.main;
    const valuesOf = (dump: Dump, only?: (table: string) => boolean) => {
      const found = new Set<string>();
      for (const [table, rows] of Object.entries(dump)) {
        if (only && !only(table)) continue;
        for (const r of rows) for (const v of leaves(r.row)) for (const id of isIdentifier(v) ? [v] : identifiers(v)) found.add(id);
      }
      return found;
    };
    const studyIds = new Set(main.studies.map((s) => s.id));
    const panelValues = valuesOf(panel);
    const shared = [...valuesOf(vault)].filter((v) => panelValues.has(v) && !studyIds.has(v));
    expect(shared).toEqual([]);
    // Migration bookkeeping records when the schema was made, nothing about answers.
    const timeColumns = main.vaultColumns.filter((c) => c.table !== "_migrations" && /time|interval/.test(c.type));
    expect(timeColumns).toEqual([]);
    const timeOfDay = /\d{1,2}:\d{2}/;
    const timed = Object.entries(vault)
      .filter(([table]) => table !== "_migrations")
      .flatMap(([table, rows]) => rows.flatMap((r) => leaves(r.row).filter((v) => timeOfDay.test(v)).map((v) => `${table}: ${v}`)));
    expect(timed).toEqual([]);
  });

  it("the server log holds no token, no member id next to a response id and no exact time", () => {
    const { panel, vault, log } = main.evidence.main;
    const lines = log.split("\n").filter((line) => line.trim());
    console.log(`server log: ${lines.length} lines from ${DAYS} server runs`);
    const secrets = new Set(main.plans.flatMap((p) => [p.token, panelTokenHash(p.token), vaultKey(p.token), draftKey(p.token)]));
    const people = new Set([...(panel.User ?? []), ...(panel.Invitation ?? [])].map((r) => String(r.row.id)));
    const answers = new Set([...(vault.Response ?? []), ...(vault.Draft ?? [])].flatMap((r) => [r.row.id, r.row.dedupeKey, r.row.key].map(String)));
    for (const line of lines) {
      const names = identifiers(line);
      expect(names.filter((n) => secrets.has(n) || [...secrets].some((s) => line.includes(s)))).toEqual([]);
      expect(names.some((n) => people.has(n)) && names.some((n) => answers.has(n)), line).toBe(false);
      expect(line, "a time in the log").not.toMatch(/\b\d{1,2}:\d{2}:\d{2}\b|\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}|\b1\d{12}\b/);
    }
  });

  it(
    "no matcher links answers to invitations better than chance given study, day and declared attributes",
    () => expectNoLink((evidence, name) => responseAttack(evidence, name), "answers (mixed)", 2500),
    SIMULATION_TIMEOUT + 60_000,
  );

  it(
    "no matcher links drafts left halfway to invitations better than chance given the study",
    () => expectNoLink((evidence, name) => draftAttack(evidence, name), "drafts left halfway", 100),
    SIMULATION_TIMEOUT + 60_000,
  );

  it("positive control: answers that skip the daily mix (the last day, dumped before its mix) are linked", () => {
    const report = attackAndScore(main, responseAttack(main.evidence.unmixed, "answers, last day unmixed"), main.evidence.unmixed);
    expect(report.familyP).toBeLessThan(ALPHA);
    const caught = report.scores.filter((s) => s.pAdjusted < ALPHA).map((s) => s.name);
    expect(caught.some((name) => /xmin|ctid/.test(name))).toBe(true);
  });

  it("positive control: a planted sequential id is linked", () => {
    const report = attackAndScore(main, responseAttack(planted.sequential, "answers with a planted sequential id"), planted.sequential);
    expect(report.familyP).toBeLessThan(ALPHA);
    expect(report.scores.filter((s) => s.pAdjusted < ALPHA).some((s) => s.name.includes("Response.seq"))).toBe(true);
  });

  it("positive control: a planted copy of the panel's token hash is linked by shared values", () => {
    const report = attackAndScore(main, responseAttack(planted.shared, "answers with a planted panel token hash"), planted.shared);
    const shared = report.scores.find((s) => s.family === "shared values")!;
    expect(shared.pAdjusted).toBeLessThan(ALPHA);
    expect(shared.accuracy).toBeGreaterThan(0.99);
  });
});
