// Results from the vault's tallies: the daily mix keeps ResultTally equal to
// a recount of Response (every question type, two survey versions, a second
// mix that adds to existing rows, a duplicate that is not moved), a rebuild
// gives the same rows, and the results apply the small-group rules: nothing
// below k, a small breakdown cell hidden together with its complement,
// filters refused when their complement is small, free text masked and
// hidden with its group.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { identityCodeValid, maskLabels } from "~/modules/results/masking";
import type { Report } from "~/modules/results/report";
import type { Answers, SurveyDefinition } from "~/modules/surveys/definition";
import { vaultDb } from "~/modules/vault/db.server";
import { mixPendingResponses, storeSubmission } from "~/modules/vault/responses.server";
import { pendingCount, studyResults, textAnswers } from "~/modules/vault/results.server";
import { rebuildTallies } from "~/modules/vault/tallies.server";

const t = (fi: string) => ({ fi, sv: fi, en: fi });
const options = (...ids: string[]) => ids.map((id) => ({ id, text: t(id) }));

/** Every question type. */
const survey: SurveyDefinition = {
  sections: [
    {
      id: "s1",
      title: t("Yksi"),
      questions: [
        { id: "channel", type: "single", text: t("Kanava"), required: true, options: options("web", "phone", "office") },
        { id: "topics", type: "multiple", text: t("Aiheet"), required: false, options: options("a", "b", "c") },
        { id: "clear", type: "likert5", text: t("Selkeys"), required: false },
        { id: "easy", type: "likert7", text: t("Helppous"), required: false },
        { id: "nps", type: "nps", text: t("Suosittelu"), required: true },
        { id: "csat", type: "csat", text: t("Tyytyväisyys"), required: true },
      ],
    },
    {
      id: "s2",
      title: t("Kaksi"),
      questions: [
        { id: "short", type: "shortText", text: t("Mikä toimi"), required: false },
        { id: "long", type: "longText", text: t("Kerro lisää"), required: false },
        { id: "visits", type: "number", text: t("Kerrat"), required: false },
        { id: "when", type: "date", text: t("Milloin"), required: false },
        { id: "grid", type: "matrix", text: t("Arvioi"), required: false, scale: 5, rows: options("r1", "r2") },
      ],
    },
  ],
};

function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

let keyNo = 0;
async function submit(studyId: string, day: string, answers: Answers, attributes: Record<string, string>, surveyVersion = 1) {
  const outcome = await storeSubmission({ dedupeKey: `results-test:${++keyNo}:${randomUUID()}`, studyId, surveyVersion, answers, attributes, day });
  expect(outcome).toBe("stored");
}

// ---------------------------------------------------------------------------
// What the tallies should be: the rules of result_tally_keys(), written again
// independently, applied to the rows in Response.

const optionId = /^[a-z0-9][a-z0-9-]{0,39}$/;
const scalePoint = (value: unknown) => typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 10;

function expectedKeys(value: unknown): string[] {
  const keys = [""];
  if (typeof value === "number") {
    if (scalePoint(value)) keys.push(String(value));
  } else if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) keys.push(value.slice(0, 7));
    else if (optionId.test(value) && (value.match(/\d/g) ?? []).length <= 4) keys.push(value);
  } else if (Array.isArray(value)) {
    keys.push(...value.filter((o): o is string => typeof o === "string" && optionId.test(o)));
  } else if (value && typeof value === "object") {
    for (const [row, point] of Object.entries(value)) {
      if (!optionId.test(row)) continue;
      keys.push(row);
      if (scalePoint(point)) keys.push(`${row}:${point}`);
    }
  }
  return keys;
}

const canonical = (value: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))));

type TallyMap = Map<string, { count: number; sum: number }>;

async function recount(studyId?: string): Promise<TallyMap> {
  const rows = await vaultDb().response.findMany({ where: studyId ? { studyId } : {} });
  const out: TallyMap = new Map();
  const add = (key: string, value: number | null) => {
    const entry = out.get(key) ?? { count: 0, sum: 0 };
    entry.count += 1;
    if (value !== null) entry.sum += value;
    out.set(key, entry);
  };
  for (const row of rows) {
    const prefix = [row.studyId, row.surveyVersion, canonical(row.attributes as Record<string, unknown>)];
    add(JSON.stringify([...prefix, "", ""]), null);
    for (const [questionId, value] of Object.entries(row.answers as Record<string, unknown>)) {
      for (const key of expectedKeys(value)) add(JSON.stringify([...prefix, questionId, key]), key === "" && typeof value === "number" ? value : null);
    }
  }
  return out;
}

async function tallies(studyId?: string): Promise<TallyMap> {
  const rows = await vaultDb().$queryRaw<{ studyId: string; surveyVersion: number; atom: Record<string, unknown>; questionId: string; key: string; count: number; sum: string }[]>`
    SELECT "studyId"::text, "surveyVersion", atom, "questionId", key, count, sum::text FROM "ResultTally"
    WHERE ${studyId ?? null}::uuid IS NULL OR "studyId" = ${studyId ?? null}::uuid`;
  return new Map(
    rows.map((r) => [JSON.stringify([r.studyId, r.surveyVersion, canonical(r.atom), r.questionId, r.key]), { count: r.count, sum: Number(r.sum) }]),
  );
}

function expectSameTallies(actual: TallyMap, expected: TallyMap) {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, value] of expected) {
    expect(actual.get(key)!.count, key).toBe(value.count);
    expect(actual.get(key)!.sum, key).toBeCloseTo(value.sum, 9);
  }
}

function randomAnswers(random: () => number, i: number): Answers {
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const answers: Answers = {
    channel: pick(["web", "phone", "office"]),
    nps: Math.floor(random() * 11),
    csat: 1 + Math.floor(random() * 5),
  };
  if (random() < 0.8) answers.topics = ["a", "b", "c"].filter(() => random() < 0.5);
  if (random() < 0.7) answers.clear = 1 + Math.floor(random() * 5);
  if (random() < 0.7) answers.easy = 1 + Math.floor(random() * 7);
  if (random() < 0.6) {
    answers.short = pick([
      "Nopea palvelu",
      "ok",
      "hyva",
      "Soita 040 123 4567",
      "040-1234567",
      "0401234567",
      "131052-308t",
      "maija@example.fi",
      "2026-02-30",
      `Vastaus ${i}`,
    ]);
  }
  if (random() < 0.3) answers.long = `Pitkä vastaus numero ${i}.\nToinen rivi.`;
  if (random() < 0.7) answers.visits = pick([0, 1, 2, 7, 10, 11, 3.5, -2, 120, 0.25]);
  if (random() < 0.6) answers.when = pick(["2025-12-31", "2026-01-01", "2026-01-31", "2026-02-14"]);
  if (random() < 0.8) {
    const grid: Record<string, number> = {};
    if (random() < 0.9) grid.r1 = 1 + Math.floor(random() * 5);
    if (random() < 0.6) grid.r2 = 1 + Math.floor(random() * 5);
    if (Object.keys(grid).length > 0) answers.grid = grid;
  }
  if (answers.topics && (answers.topics as string[]).length === 0) delete answers.topics;
  return answers;
}

describe("result tallies", () => {
  it("after two mixes equal a recount of Response (every question type, two versions); a duplicate is not counted", async () => {
    const studyId = randomUUID();
    const random = seeded(11);
    const days = ["2026-01-10", "2026-01-11", "2026-01-12"];
    for (let i = 0; i < 90; i++) {
      const attributes: Record<string, string> = { language: ["fi", "sv", "en"][i % 3]!, "age-band": ["25-34", "35-44", "unknown"][Math.floor(random() * 3)]! };
      if (i % 7 === 0) attributes.region = "MK01";
      await submit(studyId, days[i % 3]!, randomAnswers(random, i), attributes, i % 4 === 0 ? 2 : 1);
    }
    expect(await pendingCount(studyId)).toBe(90);

    expect(await mixPendingResponses("2026-01-11")).toBe(30);
    expect(await pendingCount(studyId)).toBe(60);
    expectSameTallies(await tallies(studyId), await recount(studyId));

    // A pending row whose key was already mixed (a race the submission check can lose) is not moved, nor counted.
    const [mixed] = await vaultDb().response.findMany({ where: { studyId }, take: 1 });
    await vaultDb().pendingResponse.create({
      data: { dedupeKey: mixed!.dedupeKey!, studyId, surveyVersion: 1, answers: { nps: 10 }, attributes: { language: "fi" }, submittedOn: new Date("2026-01-12T00:00:00Z") },
    });
    expect(await mixPendingResponses("2026-01-13")).toBe(60);
    expect(await pendingCount(studyId)).toBe(0);
    expect(await vaultDb().response.count({ where: { studyId } })).toBe(90);
    const after = await tallies(studyId);
    expectSameTallies(after, await recount(studyId));

    // Text typed into a text field becomes a key only when it looks like an option id (without a phone number's digits) or a date.
    const keys = new Set([...after.keys()].map((k) => JSON.parse(k) as unknown[]).filter((k) => k[3] === "short").map((k) => k[4]));
    for (const key of keys) expect(["", "ok", "hyva", "2026-02"]).toContain(key);
    // No day and no response id anywhere in the table.
    const columns = await vaultDb().$queryRaw<{ column_name: string }[]>`
      SELECT column_name::text FROM information_schema.columns WHERE table_name = 'ResultTally' ORDER BY ordinal_position`;
    expect(columns.map((c) => c.column_name)).toEqual(["studyId", "surveyVersion", "atom", "questionId", "key", "count", "sum"]);
  });

  it("a rebuild from Response gives the same rows as the mixes, for one study and for all", async () => {
    const first = randomUUID();
    const second = randomUUID();
    const random = seeded(23);
    for (let i = 0; i < 40; i++) {
      await submit(i % 2 ? first : second, i % 3 ? "2026-03-01" : "2026-03-02", randomAnswers(random, i), { language: i % 5 ? "fi" : "sv" }, 1 + (i % 2));
    }
    await mixPendingResponses("2026-03-02");
    await mixPendingResponses("2026-03-03");
    const incremental = await tallies();
    expectSameTallies(incremental, await recount());

    await rebuildTallies(first);
    expectSameTallies(await tallies(), incremental);
    await rebuildTallies();
    expectSameTallies(await tallies(), incremental);
  });
});

// ---------------------------------------------------------------------------

const K = 5;

/**
 * 23 respondents: language fi 12, sv 3, en 8; region r1 20, r2 3.
 * Respondent i's answers are fixed by i, so the expected figures are known.
 */
const people: { language: string; region: string }[] = [
  ...Array.from({ length: 10 }, () => ({ language: "fi", region: "r1" })),
  ...Array.from({ length: 2 }, () => ({ language: "fi", region: "r2" })),
  ...Array.from({ length: 3 }, () => ({ language: "sv", region: "r1" })),
  ...Array.from({ length: 7 }, () => ({ language: "en", region: "r1" })),
  { language: "en", region: "r2" },
];

const shortTexts = [
  "Soita 040 123 4567",
  "Kirjoita maija.meikalainen@example.fi",
  "Hetu 131052-308T",
  "Tili FI21 1234 5600 0007 85",
  "ok",
  "Hetu 131052-308A",
];
const lateTexts = new Set([4, 5]);

function fixedAnswers(i: number): Answers {
  const answers: Answers = {
    channel: ["web", "phone", "office"][i % 3]!,
    topics: i % 2 ? ["a", "b"] : ["c"],
    nps: i % 11,
    csat: 1 + (i % 5),
    visits: i,
    when: i < 10 ? "2026-01-05" : "2026-02-15",
    grid: i % 2 === 0 ? { r1: 1 + (i % 5), r2: 5 } : { r1: 1 + (i % 5) },
  };
  if (i < shortTexts.length) answers.short = shortTexts[i]!;
  if (i < 3) answers.long = `Pitkä vastaus ${i}`;
  return answers;
}

const resultsStudy = { id: randomUUID(), minGroupSize: K, analysisAttributes: ["language", "region"] };

async function seedResultsStudy() {
  for (const [i, attributes] of people.entries()) {
    await submit(resultsStudy.id, lateTexts.has(i) ? "2026-01-12" : "2026-01-10", fixedAnswers(i), attributes, i % 2 ? 2 : 1);
  }
}

/** Every count a reader sees in a report: none may be 1..k-1. */
function shownCounts(report: Report): number[] {
  const counts: number[] = [];
  if (report.view?.kind === "all" || report.view?.kind === "filter") counts.push(report.view.respondents);
  if (report.view?.kind === "breakdown") {
    counts.push(report.view.respondents);
    for (const group of report.view.groups) if (group.respondents !== null) counts.push(group.respondents);
  }
  for (const question of report.questions) for (const column of question.columns) if (column.n !== null) counts.push(column.n);
  return counts;
}

const column = (report: Report, questionId: string, group: string | null = null) =>
  report.questions.find((q) => q.question.id === questionId)!.columns.find((c) => c.group === group)!;

describe("study results", () => {
  it("show nothing until k responses exist, and only from the next day's mix", async () => {
    const study = { id: randomUUID(), minGroupSize: K, analysisAttributes: ["language"] };
    const empty = await studyResults(study, survey, { kind: "all" });
    expect(empty).toMatchObject({ state: "empty", view: null, questions: [] });

    for (let i = 0; i < K - 1; i++) await submit(study.id, "2026-01-20", fixedAnswers(i), { language: "fi" });
    expect(await pendingCount(study.id)).toBe(K - 1);
    expect((await studyResults(study, survey, { kind: "all" })).state).toBe("empty");
    await mixPendingResponses("2026-01-21");
    expect(await pendingCount(study.id)).toBe(0);
    const tooFew = await studyResults(study, survey, { kind: "all" });
    expect(tooFew).toMatchObject({ state: "too-few", view: null, questions: [], filters: [] });
    expect(await textAnswers(study, survey, "short", { kind: "all" }, { page: 1, perPage: 10 })).toEqual({ state: "hidden", total: 0, items: [] });

    await submit(study.id, "2026-01-21", fixedAnswers(K - 1), { language: "fi" });
    await mixPendingResponses("2026-01-22");
    const ok = await studyResults(study, survey, { kind: "all" });
    expect(ok.state).toBe("ok");
    expect(ok.view).toEqual({ kind: "all", respondents: K });
  });

  it("compute every question type's figures over both survey versions", async () => {
    await seedResultsStudy();
    await mixPendingResponses("2026-01-13");
    const report = await studyResults(resultsStudy, survey, { kind: "all" });
    expect(report.state).toBe("ok");
    expect(report.view).toEqual({ kind: "all", respondents: 23 });
    const n = 23;
    const all = Array.from({ length: n }, (_, i) => fixedAnswers(i));
    const count = (predicate: (a: Answers) => boolean) => all.filter(predicate).length;

    const channel = column(report, "channel").stats;
    expect(channel).toMatchObject({ kind: "choice", items: [{ key: "web", count: 8 }, { key: "phone", count: 8 }, { key: "office", count: 7 }] });
    const topics = column(report, "topics").stats;
    expect(topics).toMatchObject({ kind: "choice", items: [{ key: "a", count: 11 }, { key: "b", count: 11 }, { key: "c", count: 12 }] });

    const nps = column(report, "nps").stats;
    const promoters = count((a) => (a.nps as number) >= 9);
    const detractors = count((a) => (a.nps as number) <= 6);
    expect(nps?.kind === "choice" && nps.nps).toBeCloseTo(((promoters - detractors) / n) * 100, 9);
    const csat = column(report, "csat").stats;
    expect(csat?.kind === "choice" && csat.csat).toBeCloseTo((count((a) => (a.csat as number) >= 4) / n) * 100, 9);
    expect(csat?.kind === "choice" && csat.mean).toBeCloseTo(all.reduce((s, a) => s + (a.csat as number), 0) / n, 9);

    expect(column(report, "visits").stats).toEqual({ kind: "number", count: n, mean: (n * (n - 1)) / 2 / n });
    expect(column(report, "when").stats).toMatchObject({
      kind: "date",
      items: [
        { key: "2026-01", count: 10 },
        { key: "2026-02", count: 13 },
      ],
    });
    const grid = column(report, "grid").stats;
    expect(grid?.kind).toBe("matrix");
    if (grid?.kind === "matrix") {
      expect(grid.rows.map((r) => [r.key, r.n])).toEqual([
        ["r1", 23],
        ["r2", 12],
      ]);
      expect(grid.rows[1]!.items.find((item) => item.key === "5")!.count).toBe(12);
      expect(grid.rows[0]!.mean).toBeCloseTo(all.reduce((s, a) => s + (a.grid as Record<string, number>).r1!, 0) / n, 9);
    }
    // Text questions give their count of answers only; one answered by 3 (< k) shows nothing.
    expect(column(report, "short")).toMatchObject({ n: 6, stats: { kind: "text" } });
    const long = report.questions.find((q) => q.question.id === "long")!;
    expect(long).toMatchObject({ state: "too-few", columns: [] });
  });

  it("hide a small breakdown cell and its complement, refuse filters that would reveal a small group", async () => {
    const breakdown = await studyResults(resultsStudy, survey, { kind: "breakdown", attribute: "language" });
    expect(breakdown.view).toEqual({
      kind: "breakdown",
      attribute: "language",
      respondents: 23,
      // sv (3) is below k; en (8) is hidden too, or 23 - 12 - 8 would give sv's 3.
      groups: [
        { value: "en", respondents: null },
        { value: "fi", respondents: 12 },
        { value: "sv", respondents: null },
      ],
    });
    expect(column(breakdown, "nps", "sv")).toEqual({ group: "sv", n: null, stats: null });
    expect(column(breakdown, "nps", "en")).toEqual({ group: "en", n: null, stats: null });
    expect(column(breakdown, "nps", "fi").n).toBe(12);

    // Region r2 has 3: both regions are hidden, and neither can be a filter.
    const byRegion = await studyResults(resultsStudy, survey, { kind: "breakdown", attribute: "region" });
    expect(byRegion.view?.kind === "breakdown" && byRegion.view.groups.map((g) => g.respondents)).toEqual([null, null]);
    expect(byRegion.filters).toEqual([
      { attribute: "language", values: ["fi"] },
      { attribute: "region", values: [] },
    ]);
    for (const view of [
      { kind: "filter", attribute: "region", value: "r1" }, // its complement is r2's 3
      { kind: "filter", attribute: "region", value: "r2" },
      { kind: "filter", attribute: "language", value: "sv" },
      { kind: "filter", attribute: "language", value: "en" },
      { kind: "filter", attribute: "gender", value: "female" }, // not declared
    ] as const) {
      const refused = await studyResults(resultsStudy, survey, view);
      expect(refused.view).toEqual({ kind: "refused", attribute: view.attribute, value: view.value });
      expect(refused.questions).toEqual([]);
    }
    const undeclared = await studyResults(resultsStudy, survey, { kind: "breakdown", attribute: "gender" });
    expect(undeclared.view).toEqual({ kind: "refused", attribute: "gender", value: "" });

    const fi = await studyResults(resultsStudy, survey, { kind: "filter", attribute: "language", value: "fi" });
    expect(fi.view).toEqual({ kind: "filter", attribute: "language", value: "fi", respondents: 12 });
    expect(column(fi, "visits", "fi").stats).toEqual({ kind: "number", count: 12, mean: (12 * 11) / 2 / 12 });

    for (const report of [breakdown, byRegion, fi, await studyResults(resultsStudy, survey, { kind: "all" })]) {
      for (const n of shownCounts(report)) expect(n === 0 || n >= K, `shown count ${n}`).toBe(true);
    }
  });

  it("list free text masked, newest day first, only for a group the report shows", async () => {
    const all = await textAnswers(resultsStudy, survey, "short", { kind: "all" }, { page: 1, perPage: 10 });
    expect(all.state).toBe("ok");
    expect(all.total).toBe(6);
    expect(identityCodeValid("131052-308T")).toBe(true);
    expect(identityCodeValid("131052-308A")).toBe(false);
    expect([...all.items].sort()).toEqual(
      [
        `Soita ${maskLabels.phone}`,
        `Kirjoita ${maskLabels.email}`,
        `Hetu ${maskLabels.id}`,
        `Tili ${maskLabels.iban}`,
        "ok",
        "Hetu 131052-308A",
      ].sort(),
    );
    // The two answers of the later day come first; pages do not overlap.
    const first = await textAnswers(resultsStudy, survey, "short", { kind: "all" }, { page: 1, perPage: 2 });
    expect(first.items.sort()).toEqual(["Hetu 131052-308A", "ok"]);
    const pages = [first.items];
    for (let page = 2; page <= 3; page++) pages.push((await textAnswers(resultsStudy, survey, "short", { kind: "all" }, { page, perPage: 2 })).items);
    expect(pages.flat().sort()).toEqual([...all.items].sort());
    expect(await textAnswers(resultsStudy, survey, "short", { kind: "all" }, { page: 4, perPage: 2 })).toEqual({ state: "ok", total: 6, items: [] });

    // Only the texts: nothing else comes back with them.
    expect(Object.keys(all).sort()).toEqual(["items", "state", "total"]);
    for (const item of all.items) expect(typeof item).toBe("string");

    // A breakdown lists everyone's answers; a shown filter its group's.
    expect((await textAnswers(resultsStudy, survey, "short", { kind: "breakdown", attribute: "language" }, { page: 1, perPage: 10 })).total).toBe(6);
    const fi = await textAnswers(resultsStudy, survey, "short", { kind: "filter", attribute: "language", value: "fi" }, { page: 1, perPage: 10 });
    expect(fi).toMatchObject({ state: "ok", total: 6 });

    const hidden = { state: "hidden", total: 0, items: [] };
    expect(await textAnswers(resultsStudy, survey, "long", { kind: "all" }, { page: 1, perPage: 10 })).toEqual(hidden); // 3 answers
    expect(await textAnswers(resultsStudy, survey, "short", { kind: "filter", attribute: "language", value: "sv" }, { page: 1, perPage: 10 })).toEqual(hidden);
    expect(await textAnswers(resultsStudy, survey, "short", { kind: "filter", attribute: "region", value: "r1" }, { page: 1, perPage: 10 })).toEqual(hidden);
    expect(await textAnswers(resultsStudy, survey, "short", { kind: "breakdown", attribute: "gender" }, { page: 1, perPage: 10 })).toEqual(hidden);
    expect(await textAnswers(resultsStudy, survey, "nps", { kind: "all" }, { page: 1, perPage: 10 })).toEqual(hidden);
    expect(await textAnswers(resultsStudy, survey, "missing", { kind: "all" }, { page: 1, perPage: 10 })).toEqual(hidden);
  });
});
