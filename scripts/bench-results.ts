// `npm run bench:results`: how long a survey's results page takes to compute
// with 1,000,000 responses, next to a bare count(*) over the same rows.
//
// A throwaway embedded PostgreSQL (fsync on) gets the vault's migrations and
// one survey with every question type (two versions, merged in the results).
// 1,000,000 synthetic submissions spread over a year and over 3 × 8 × 20
// attribute combinations are written to PendingResponse in SQL, then the
// app's daily mix (mixPendingResponses) moves them into Response and adds
// their tallies, as it does every night. Measured after one warm-up, median of
// RUNS: studyResults for the "all" view and for a breakdown by region, the
// first page of a free-text question (textAnswers), and a bare count(*) of the
// study's responses. Also printed: the mix, and a full rebuild of the tallies
// from Response (the same statement). The last line is JSON.
// BENCH_RESPONSES=<n> runs with fewer responses (for trying things out).
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { SurveyDefinition } from "../app/modules/surveys/definition";

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
const RUNS = 7;
const TARGET_MS = 300;
const STUDY_ID = "5e1f7c1e-0b5a-4d2a-9c51-3b0f2d6a7e10";

const text = (fi: string) => ({ fi, sv: `${fi} (sv)`, en: `${fi} (en)` });
const options = (...ids: string[]) => ids.map((id) => ({ id, text: text(id) }));
const survey: SurveyDefinition = {
  sections: [
    {
      id: "s1",
      title: text("Asiointi"),
      questions: [
        { id: "channel", type: "single", text: text("Kanava?"), required: true, options: options("web", "phone", "office", "chat") },
        { id: "topics", type: "multiple", text: text("Aihe?"), required: false, min: 1, max: 3, options: options("benefit", "advice", "change", "complaint", "other") },
        { id: "nps", type: "nps", text: text("Suosittelisitko?"), required: true },
        { id: "csat", type: "csat", text: text("Tyytyväisyys?"), required: true },
        { id: "clear", type: "likert5", text: text("Selkeää?"), required: false },
        { id: "easy", type: "likert7", text: text("Helppoa?"), required: false },
      ],
    },
    {
      id: "s2",
      title: text("Kokemus"),
      questions: [
        { id: "aspects", type: "matrix", text: text("Arvioi"), required: false, scale: 5, rows: options("speed", "staff", "info") },
        { id: "visits", type: "number", text: text("Montako kertaa?"), required: false, min: 0, max: 365 },
        { id: "when", type: "date", text: text("Milloin?"), required: false },
        { id: "best", type: "shortText", text: text("Mikä toimi?"), required: false },
        { id: "improve", type: "longText", text: text("Mitä parantaa?"), required: false, showIf: { questionId: "channel", anyOf: ["phone", "office"] } },
      ],
    },
  ],
};

const say = (line: string) => process.stdout.write(`${line}\n`);
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

/** One warm-up, then the median of RUNS. */
async function median(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await timed(work)).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

// Every question type; optional questions left out at realistic rates. Texts
// include personal details (masked when read). Days: the year before today.
const generate = `
  INSERT INTO "PendingResponse" ("dedupeKey", "studyId", "surveyVersion", answers, attributes, "submittedOn")
  SELECT 'bench:' || n, $1::uuid, CASE WHEN n % 10 = 0 THEN 2 ELSE 1 END,
    jsonb_strip_nulls(jsonb_build_object(
      'channel', (ARRAY['web', 'phone', 'office', 'chat'])[1 + floor(r.a * 4)::int],
      'topics', (SELECT jsonb_agg(o.id) FROM unnest(ARRAY['benefit', 'advice', 'change', 'complaint', 'other']) WITH ORDINALITY o(id, i)
                 WHERE (r.bits >> (o.i::int - 1)) & 1 = 1 AND r.b < 0.9),
      'nps', (r.c * 11)::int % 11,
      'csat', 1 + (r.d * 5)::int % 5,
      'clear', CASE WHEN r.e < 0.8 THEN 1 + (r.e * 100)::int % 5 END,
      'easy', CASE WHEN r.f < 0.7 THEN 1 + (r.f * 100)::int % 7 END,
      'aspects', CASE WHEN r.g < 0.85 THEN jsonb_strip_nulls(jsonb_build_object(
        'speed', 1 + (r.g * 1000)::int % 5, 'staff', 1 + (r.h * 5)::int % 5, 'info', CASE WHEN r.h < 0.6 THEN 1 + (r.h * 1000)::int % 5 END)) END,
      'visits', CASE WHEN r.i < 0.75 THEN CASE WHEN r.i < 0.05 THEN round((r.i * 1000)::numeric, 1) ELSE (r.i * 40)::int END END,
      'when', CASE WHEN r.j < 0.6 THEN to_char(current_date - (r.j * 600)::int, 'YYYY-MM-DD') END,
      'best', CASE WHEN r.k < 0.3 THEN (ARRAY['Nopea vastaus', 'Ystävällinen palvelu', 'Soittakaa 040 123 4567', 'ok',
               'Selkeät ohjeet', 'maija@example.fi vastasi heti', 'Snabbt svar', 'Friendly staff', 'Tilini FI21 1234 5600 0007 85'])[1 + (r.k * 1000)::int % 9] END,
      'improve', CASE WHEN floor(r.a * 4)::int IN (1, 2) AND r.l < 0.4 THEN 'Jonotus kesti liian kauan, kerta ' || n END
    )),
    jsonb_build_object(
      'language', CASE WHEN r.m < 0.8 THEN 'fi' WHEN r.m < 0.92 THEN 'sv' ELSE 'en' END,
      'age-band', (ARRAY['16-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+', 'unknown'])[1 + (r.n2 * 8)::int % 8],
      'region', CASE WHEN r.o < 0.05 THEN 'unknown' ELSE 'MK' || lpad((1 + (r.o * 1000)::int % 19)::text, 2, '0') END
    ),
    current_date - 1 - (r.p * 365)::int
  FROM generate_series(1, $2::int) AS n
  CROSS JOIN LATERAL (
    SELECT random() AS a, random() AS b, floor(random() * 31)::int + 1 + 0 * n AS bits, random() AS c, random() AS d, random() AS e, random() AS f,
           random() AS g, random() AS h, random() AS i, random() AS j, random() AS k, random() AS l, random() AS m, random() AS n2,
           random() AS o, random() AS p
  ) r`;

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), "panel-bench-results-"));
  // As root, PostgreSQL runs as the postgres user, which must pass through this folder.
  await chmod(dir, 0o711);
  const { startEmbeddedPostgres } = await import("../app/infra/db/embedded-postgres.server");
  const { provisionStores } = await import("../app/infra/db/provision.server");
  const { migrate } = await import("../app/infra/db/migrate.server");
  const postgres = await startEmbeddedPostgres({ dir: path.join(dir, "postgres") });
  const stops: (() => Promise<unknown>)[] = [() => rm(dir, { recursive: true, force: true }), () => postgres.stop()];
  try {
    const urls = await provisionStores(postgres.adminUrl, {
      panel: { database: "panel", role: "panel", password: "bench-panel-password" },
      vault: { database: "vault", role: "vault", password: "bench-vault-password" },
    });
    await migrate(urls.vaultUrl, "vault");
    Object.assign(process.env, {
      DATABASE_URL: urls.panelUrl,
      VAULT_DATABASE_URL: urls.vaultUrl,
      APP_SECRET: "bench-secret-bench-secret-bench-secret-0123",
      SMTP_URL: "smtp://127.0.0.1:9",
      NODE_ENV: "production",
      DEMO_DATA: "false",
    });
    const { mixPendingResponses } = await import("../app/modules/vault/responses.server");
    const { rebuildTallies } = await import("../app/modules/vault/tallies.server");
    const { studyResults, textAnswers } = await import("../app/modules/vault/results.server");
    const { disconnectVaultDb } = await import("../app/modules/vault/db.server");
    const { helsinkiDay } = await import("../app/modules/studies/days");
    stops.push(() => disconnectVaultDb());

    const vault = new pg.Client({ connectionString: urls.vaultUrl });
    await vault.connect();
    stops.push(() => vault.end());

    say(`Writing ${RESPONSES.toLocaleString("en")} submissions to PendingResponse…`);
    const generated = await timed(() => vault.query(generate, [STUDY_ID, RESPONSES]));
    say(`  ${(generated.ms / 1000).toFixed(1)} s`);
    say("The daily mix: into Response, shuffled, with the tallies…");
    const mix = await timed(() => mixPendingResponses(helsinkiDay()));
    if (mix.value !== RESPONSES) throw new Error(`the mix moved ${mix.value} rows, not ${RESPONSES}`);
    say(`  ${(mix.ms / 1000).toFixed(1)} s`);
    await vault.query(`VACUUM ANALYZE`);
    say("Rebuilding the tallies from Response (the same statement)…");
    const rebuild = await timed(() => rebuildTallies(STUDY_ID));
    say(`  ${(rebuild.ms / 1000).toFixed(1)} s`);
    await vault.query(`VACUUM ANALYZE "ResultTally"`);
    const tallyRows = Number((await vault.query<{ n: string }>(`SELECT count(*) AS n FROM "ResultTally"`)).rows[0]!.n);

    const study = { id: STUDY_ID, minGroupSize: 5, analysisAttributes: ["language", "age-band", "region"] };
    let respondents = 0;
    const allMs = await median(async () => {
      const report = await studyResults(study, survey, { kind: "all" });
      respondents = report.view?.kind === "all" ? report.view.respondents : -1;
    });
    if (respondents !== RESPONSES) throw new Error(`the results count ${respondents} respondents, not ${RESPONSES}`);
    const breakdownMs = await median(() => studyResults(study, survey, { kind: "breakdown", attribute: "region" }));
    let firstText = "";
    const textMs = await median(async () => {
      const page = await textAnswers(study, survey, "best", { kind: "all" }, { page: 1, perPage: 20 });
      firstText = page.items.join(" | ");
    });
    const countMs = await median(() => vault.query(`SELECT count(*) FROM "Response" WHERE "studyId" = $1::uuid`, [STUDY_ID]));

    say("");
    say(`responses                      ${RESPONSES.toLocaleString("en").padStart(12)}`);
    say(`tally rows                     ${tallyRows.toLocaleString("en").padStart(12)}`);
    say(`daily mix (move + tallies)     ${(mix.ms / 1000).toFixed(1).padStart(10)} s`);
    say(`tally rebuild from Response    ${(rebuild.ms / 1000).toFixed(1).padStart(10)} s`);
    say(`results, all                   ${allMs.toFixed(1).padStart(9)} ms   (target ≤ ${TARGET_MS} ms)`);
    say(`results, breakdown by region   ${breakdownMs.toFixed(1).padStart(9)} ms`);
    say(`free text, first page          ${textMs.toFixed(1).padStart(9)} ms`);
    say(`bare count(*) of the rows      ${countMs.toFixed(1).padStart(9)} ms`);
    say(`ratio results/count(*)         ${(allMs / countMs).toFixed(2).padStart(12)}`);
    say(`first page of free text: ${firstText.slice(0, 200)}…`);
    say(
      JSON.stringify({
        responses: RESPONSES,
        results_ms: round(allMs),
        breakdown_ms: round(breakdownMs),
        text_ms: round(textMs),
        tally_build_ms: round(rebuild.ms, 0),
        mix_ms: round(mix.ms, 0),
        baseline_count_ms: round(countMs),
        ratio: round(allMs / countMs, 3),
        tally_rows: tallyRows,
        target_ms: TARGET_MS,
      }),
    );
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:results failed: ${(error as Error)?.stack ?? error}\n`);
    process.exit(1);
  },
);
