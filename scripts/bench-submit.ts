// `npm run bench:submit`: how many complete survey submissions Panel takes per
// second, next to a bare node:http + pg server doing the same two writes.
//
// One complete survey submission is the POST of the survey's last section to
// /s/<token>/answer: Panel checks the link and the section, copies the
// declared attributes from the profile, writes the answers to the vault
// (PendingResponse), marks the invitation completed in the panel, deletes the
// draft and redirects to the thank-you page. The earlier section is prepared
// beforehand as the answering pages leave it (a draft at the last section), so
// both servers are measured on the unit that makes a submission: the vault
// INSERT and the panel UPDATE. Panel runs as `npm start` runs it (production
// build, NODE_ENV=production, one process) with every check on; the bare
// server does only the two writes, as named statements like Panel's, each
// request's alone (Panel groups the statements of concurrent submissions,
// docs/decisions/0014; that is part of what is measured). Each
// gets 2 s of warm-up, then 20 s at 32 keep-alive connections, taken in
// alternating turns (see `turn`); both use one embedded PostgreSQL on this
// machine (fsync on), each with pools of 10 connections per database.
//
// Besides throughput and latency it prints the CPU time per submission of
// each server process, of PostgreSQL and of the load generator (from /proc):
// on a small shared machine that says where the cost is better than req/s.
// BENCH_CPU_PROFILE=<folder> also writes a V8 CPU profile of Panel's server.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { SurveyDefinition } from "../app/modules/surveys/definition";

const CONNECTIONS = 32;
const SECONDS = 20;
const SLICES = 4;
const WARM_UP_SECONDS = 2;
const LEAD_IN_MS = 500;
const TARGET_RATIO = 0.4;
const TARGET_P99_MS = 50;
const MEMBERS = 10_000;
const PANEL_STUDIES = 16;
const BARE_STUDIES = 24;

const lastSection = "intent=next&q_q4=Nopea+palvelu&q_q5=3&q_q7__r1=4&q_q7__r2=5";
const firstSectionAnswers = { q1: "web", q3: 9 };

const text = (fi: string) => ({ fi, sv: `${fi} (sv)`, en: `${fi} (en)` });
const survey: SurveyDefinition = {
  sections: [
    {
      id: "s1",
      title: text("Asiointi"),
      questions: [
        { id: "q1", type: "single", text: text("Kanava?"), required: true, options: [{ id: "web", text: text("Verkko") }, { id: "phone", text: text("Puhelin") }] },
        { id: "q3", type: "nps", text: text("Suosittelisitko?"), required: true },
      ],
    },
    {
      id: "s2",
      title: text("Kokemus"),
      questions: [
        { id: "q4", type: "shortText", text: text("Mikä toimi?"), required: false },
        { id: "q5", type: "number", text: text("Montako kertaa?"), required: false, min: 0, max: 100 },
        { id: "q7", type: "matrix", text: text("Arvioi"), required: true, scale: 5, rows: [{ id: "r1", text: text("Selkeys") }, { id: "r2", text: text("Nopeus") }] },
      ],
    },
  ],
};

const say = (line: string) => process.stdout.write(`${line}\n`);
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

// ---------------------------------------------------------------------------
// The bare server: node:http and pg, the same two statements Panel runs.

async function bareServer() {
  const panel = new pg.Pool({ connectionString: process.env.BARE_PANEL_URL, max: 10 });
  const vault = new pg.Pool({ connectionString: process.env.BARE_VAULT_URL, max: 10 });
  const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki", year: "numeric", month: "2-digit", day: "2-digit" });
  const server = http.createServer((req, res) => {
    const match = /^\/s\/([A-Za-z0-9_-]{20,64})\/answer$/.exec(req.url ?? "");
    if (req.method !== "POST" || !match) {
      res.writeHead(req.url === "/healthz" ? 200 : 404).end();
      return;
    }
    const token = match[1]!;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      const answers = {
        ...firstSectionAnswers,
        q4: form.get("q_q4") ?? "",
        q5: Number(form.get("q_q5")),
        q7: { r1: Number(form.get("q_q7__r1")), r2: Number(form.get("q_q7__r2")) },
      };
      const day = dayFormat.format(new Date());
      const key = sha256(`vault:${token}`);
      // Named (prepared) statements, as Panel's submission path uses.
      vault
        .query({
          name: "bare.insert",
          text: `INSERT INTO "PendingResponse" ("dedupeKey", "studyId", "surveyVersion", answers, attributes, "submittedOn")
                 SELECT $1, $2::uuid, 1, $3::jsonb, $4::jsonb, $5::date
                 WHERE NOT EXISTS (SELECT 1 FROM "Response" WHERE "dedupeKey" = $1)
                 ON CONFLICT ("dedupeKey") DO NOTHING`,
          values: [key, process.env.BARE_STUDY_ID, JSON.stringify(answers), JSON.stringify({ language: "fi" }), day],
        })
        .then(() =>
          panel.query({
            name: "bare.mark",
            text: `UPDATE "Invitation" SET "completedOn" = $1::date WHERE "tokenHash" = $2 AND "completedOn" IS NULL`,
            values: [day, sha256(`panel:${token}`)],
          }),
        )
        .then(
          () => res.writeHead(302, { Location: `/s/${token}/thanks` }).end(),
          (error: Error) => res.writeHead(500).end(error.message),
        );
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT), "127.0.0.1");
  process.on("SIGTERM", () => {
    server.close();
    void Promise.all([panel.end(), vault.end()]).then(() => process.exit(0));
  });
}

// ---------------------------------------------------------------------------
// The load: 32 keep-alive connections, each posting the next token's last
// section. Both servers run side by side (an idle one costs nothing) and take
// turns in slices, in the order Panel, bare, bare, Panel, Panel, bare, bare,
// Panel: a steady change in the machine's other load then weighs on both
// alike, and so does each turn's fresh set of connections.

interface Side {
  name: string;
  port: number;
  tokens: string[];
  next: number;
  meter: CpuMeter;
  latencies: number[];
  errors: number;
  firstError?: string;
  seconds: number;
  cpu: { server: number; postgres: number; client: number };
}

interface LoadResult {
  name: string;
  submissions: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  firstError?: string;
  /** CPU ms per stored submission during the measured seconds */
  cpu: { server: number; postgres: number; client: number };
}

function post(agent: http.Agent, port: number, token: string, origin = `http://127.0.0.1:${port}`) {
  const started = process.hrtime.bigint();
  return new Promise<{ status: number; location: string; headers: http.IncomingHttpHeaders; ms: number }>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: `/s/${token}/answer`,
        method: "POST",
        agent,
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(lastSection),
          Origin: origin,
          "Accept-Language": "fi",
        },
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            location: String(res.headers.location ?? ""),
            headers: res.headers,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(lastSection);
  });
}

/**
 * One turn of `seconds` on one server, measured unless it is the warm-up. A
 * measured turn first runs half a second unmeasured on the same connections,
 * so that it starts warm (HTTP keep-alive and the database pools, whose idle
 * connections close while the other server has its turn).
 */
async function turn(side: Side, seconds: number, measured: boolean) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const run = async (until: number, measure: boolean) => {
    let last = Date.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < until) {
          if (side.next >= side.tokens.length) throw new Error(`${side.name} ran out of prepared tokens`);
          const token = side.tokens[side.next++]!;
          try {
            const result = await post(agent, side.port, token);
            last = Date.now();
            if (!measure) continue;
            if (result.status === 302 && result.location === `/s/${token}/thanks`) side.latencies.push(result.ms);
            else {
              side.errors++;
              side.firstError ??= `${result.status} ${result.location}`;
            }
          } catch (error) {
            if (!measure) continue;
            side.errors++;
            side.firstError ??= (error as Error).message;
          }
        }
      }),
    );
    return last;
  };
  if (!measured) {
    await run(Date.now() + seconds * 1000, false);
    agent.destroy();
    return;
  }
  await run(Date.now() + LEAD_IN_MS, false);
  const from = Date.now();
  side.meter.start();
  const to = await run(from + seconds * 1000, true);
  const cpu = side.meter.stop();
  agent.destroy();
  side.cpu.server += cpu.server;
  side.cpu.postgres += cpu.postgres;
  side.cpu.client += cpu.client;
  side.seconds += (to - from) / 1000;
}

function result(side: Side): LoadResult {
  const latencies = [...side.latencies].sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const each = (ms: number) => ms / Math.max(1, latencies.length);
  return {
    name: side.name,
    submissions: latencies.length,
    errors: side.errors,
    seconds: side.seconds,
    perSecond: latencies.length / side.seconds,
    p50: at(0.5),
    p99: at(0.99),
    firstError: side.firstError,
    cpu: { server: each(side.cpu.server), postgres: each(side.cpu.postgres), client: each(side.cpu.client) },
  };
}

// ---------------------------------------------------------------------------
// CPU time from /proc (Linux): where each submission's cost lands, which the
// machine's other load disturbs far less than throughput.

const TICK_MS = 10; // USER_HZ = 100 on Linux

function procStat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // state ppid … utime(14) stime(15) cutime(16) cstime(17), counted from 1 with pid and comm
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) };
  } catch {
    return null;
  }
}

/** CPU milliseconds used so far by a process and its live descendants (exited ones count through their parent). */
function treeCpuMs(root: number): number {
  const children = new Map<number, number[]>();
  let total = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(Number(name));
    if (!stat) continue;
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(name)]);
  }
  const visit = (pid: number) => {
    total += procStat(pid)?.ticks ?? 0;
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return total * TICK_MS;
}

interface CpuMeter {
  start(): void;
  /** CPU ms since start(), per process group */
  stop(): { server: number; postgres: number; client: number };
}

function cpuMeter(serverPid: number, postmasterPid: number): CpuMeter {
  let server = 0;
  let postgres = 0;
  let client = process.cpuUsage();
  return {
    start() {
      server = treeCpuMs(serverPid);
      postgres = treeCpuMs(postmasterPid);
      client = process.cpuUsage();
    },
    stop() {
      const used = process.cpuUsage(client);
      return {
        server: treeCpuMs(serverPid) - server,
        postgres: treeCpuMs(postmasterPid) - postgres,
        client: (used.user + used.system) / 1000,
      };
    },
  };
}

// ---------------------------------------------------------------------------

async function freePort(): Promise<number> {
  const { freePort } = await import("../app/infra/db/embedded-postgres.server");
  return freePort();
}

async function waitForHealth(child: ChildProcess, port: number, output: () => string) {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 60_000) throw new Error(`server did not start:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startChild(args: string[], env: NodeJS.ProcessEnv) {
  let output = "";
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { child, output: () => output, stop };
}

async function main() {
  say("Building…");
  const build = spawnSync("npx", ["remix", "vite:build"], { encoding: "utf8" });
  if (build.status !== 0) throw new Error(`the build failed:\n${build.stdout}\n${build.stderr}`);

  const dir = await mkdtemp(path.join(tmpdir(), "panel-bench-"));
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
    await migrate(urls.panelUrl, "panel");
    await migrate(urls.vaultUrl, "vault");
    const appEnv = {
      DATABASE_URL: urls.panelUrl,
      VAULT_DATABASE_URL: urls.vaultUrl,
      APP_SECRET: "bench-secret-bench-secret-bench-secret-0123",
      SMTP_URL: "smtp://127.0.0.1:9",
      NODE_ENV: "production" as const,
      DEMO_DATA: "false",
    };
    Object.assign(process.env, appEnv);

    say("Preparing studies, members, invitations and drafts…");
    const prepared = await prepare(urls.panelUrl, urls.vaultUrl);

    const postmasterPid = Number(readFileSync(path.join(dir, "postgres", "cluster", "postmaster.pid"), "utf8").split("\n")[0]);
    const panelPort = await freePort();
    // BENCH_CPU_PROFILE=<folder> writes a V8 CPU profile of the Panel server there (where the time goes).
    const profile = process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROFILE)}`] : [];
    const app = startChild([...profile, "--import", "tsx", "server/main.ts"], {
      ...process.env,
      ...appEnv,
      PORT: String(panelPort),
      PUBLIC_URL: `http://127.0.0.1:${panelPort}`,
    });
    stops.push(app.stop);
    const barePort = await freePort();
    const bare = startChild(["--import", "tsx", "scripts/bench-submit.ts", "--bare"], {
      ...process.env,
      PORT: String(barePort),
      BARE_PANEL_URL: urls.panelUrl,
      BARE_VAULT_URL: urls.vaultUrl,
      BARE_STUDY_ID: prepared.bareStudyId,
    });
    stops.push(bare.stop);
    await waitForHealth(app.child, panelPort, app.output);
    await waitForHealth(bare.child, barePort, bare.output);

    const side = (name: string, port: number, tokens: string[], pid: number): Side => ({
      name, port, tokens, next: 0, meter: cpuMeter(pid, postmasterPid), latencies: [], errors: 0, seconds: 0, cpu: { server: 0, postgres: 0, client: 0 },
    });
    const panel = side("Panel", panelPort, prepared.panelTokens, app.child.pid!);
    const bareSide = side("bare", barePort, prepared.bareTokens, bare.child.pid!);

    // Panel's real checks are on in the server measured: a cross-site POST is
    // refused (and changes nothing), a submission answers with the security headers.
    const probe = new http.Agent({ keepAlive: false });
    const crossSite = await post(probe, panelPort, panel.tokens[panel.next]!, "https://elsewhere.example");
    if (crossSite.status !== 403) throw new Error(`Panel took a cross-site POST (${crossSite.status})`);
    const first = await post(probe, panelPort, panel.tokens[panel.next++]!);
    for (const header of ["content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"]) {
      if (!first.headers[header]) throw new Error(`Panel's submission answered without ${header}`);
    }
    if (first.status !== 302 || !first.location.endsWith("/thanks")) throw new Error(`Panel's probe submission answered ${first.status} ${first.location}`);

    say(`Warm-up: ${WARM_UP_SECONDS} s each; then ${SECONDS} s each at ${CONNECTIONS} connections, in ${SLICES} turns of ${SECONDS / SLICES} s…`);
    await turn(panel, WARM_UP_SECONDS, false);
    await turn(bareSide, WARM_UP_SECONDS, false);
    for (let i = 0; i < SLICES; i++) {
      const order = i % 2 === 0 ? [panel, bareSide] : [bareSide, panel];
      for (const s of order) await turn(s, SECONDS / SLICES, true);
    }
    await app.stop();
    await bare.stop();

    const panelResult = result(panel);
    const bareResult = result(bareSide);
    const written = await check(urls.panelUrl, urls.vaultUrl, prepared);
    const ratio = panelResult.perSecond / bareResult.perSecond;
    say("");
    for (const r of [panelResult, bareResult]) {
      say(
        `${r.name.padEnd(6)} ${r.perSecond.toFixed(0).padStart(6)} submissions/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms` +
          `  (${r.submissions} in ${r.seconds.toFixed(1)} s, ${r.errors} errors${r.firstError ? `, first: ${r.firstError}` : ""})`,
      );
    }
    say("CPU ms per submission: server process / PostgreSQL (all its processes) / load generator");
    for (const r of [panelResult, bareResult]) {
      say(`  ${r.name.padEnd(6)} ${r.cpu.server.toFixed(3)} / ${r.cpu.postgres.toFixed(3)} / ${r.cpu.client.toFixed(3)}`);
    }
    say(
      `stored (warm-up and probe included): Panel ${written.panelPending} pending responses, ${written.panelCompleted} completion marks, ` +
        `${written.draftsDeleted} drafts removed; bare ${written.barePending} / ${written.bareCompleted}` +
        (written.consistent ? "" : "  ! NOT CONSISTENT"),
    );
    const ratioMet = ratio >= TARGET_RATIO;
    const p99Met = panelResult.p99 <= TARGET_P99_MS;
    say(
      `ratio (Panel/bare): ${ratio.toFixed(2)}   targets: ratio ≥ ${TARGET_RATIO} ${ratioMet ? "met" : "NOT met"}, ` +
        `p99 ≤ ${TARGET_P99_MS} ms ${p99Met ? "met" : "NOT met"} (${panelResult.p99.toFixed(1)} ms)`,
    );
    say(
      JSON.stringify({
        panel: summary(panelResult),
        bare: summary(bareResult),
        ratio: round(ratio, 3),
        p99_ms: round(panelResult.p99),
        targets: { ratio: TARGET_RATIO, p99_ms: TARGET_P99_MS, ratio_met: ratioMet, p99_met: p99Met },
        consistent: written.consistent,
      }),
    );
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  }
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

const summary = (r: LoadResult) => ({
  per_second: round(r.perSecond),
  p50_ms: round(r.p50),
  p99_ms: round(r.p99),
  errors: r.errors,
  cpu_ms_per_submission: { server: round(r.cpu.server, 3), postgres: round(r.cpu.postgres, 3), load: round(r.cpu.client, 3) },
});

/**
 * Studies opened the app's way; members, invitations and drafts in bulk (the
 * same rows the app writes: the panel keeps sha256("panel:" + token), the
 * draft is keyed by sha256("draft:" + token)).
 */
async function prepare(panelUrl: string, vaultUrl: string) {
  const { db, disconnectPanelDb } = await import("../app/infra/db/panel.server");
  const { ensureBaseConsents } = await import("../app/modules/consent/consent.server");
  const { changeStatus, createStudy, saveDefinition } = await import("../app/modules/studies/studies.server");
  const { randomToken } = await import("../app/infra/security/hash.server");
  const { helsinkiDay } = await import("../app/modules/studies/days");
  await ensureBaseConsents();
  const staff = await db.user.create({ data: { kind: "STAFF", roles: ["RESEARCHER"], email: "bench@panel.example", name: "Bench" } });
  const owner = { id: staff.id, kind: "STAFF" as const, roles: staff.roles, email: staff.email, name: staff.name, language: "fi" as const };
  const studies: string[] = [];
  for (let i = 0; i < PANEL_STUDIES + BARE_STUDIES; i++) {
    const study = await createStudy(owner, {
      type: "SURVEY",
      title: text(`Kysely ${i + 1}`),
      description: text("Kerro kokemuksestasi."),
      analysisAttributes: ["language", "age-band", "region"],
      minGroupSize: 5,
      closesAt: null,
      responseQuota: null,
      teamIds: [],
    });
    await saveDefinition(owner, study.id, survey);
    await changeStatus(owner, study.id, "RECRUITING");
    studies.push(study.id);
  }
  await disconnectPanelDb();

  const panel = new pg.Client({ connectionString: panelUrl });
  const vault = new pg.Client({ connectionString: vaultUrl });
  await panel.connect();
  await vault.connect();
  try {
    await panel.query(
      `INSERT INTO "User" (id, kind, roles, email, language, "updatedAt")
       SELECT gen_random_uuid(), 'MEMBER', ARRAY['MEMBER']::"Role"[], 'member' || n || '@bench.example', 'fi', now()
       FROM generate_series(1, $1) AS n`,
      [MEMBERS],
    );
    await panel.query(
      `INSERT INTO "MemberProfile" ("userId", "birthYear", region, "lifeSituation", "updatedAt")
       SELECT id, 1940 + (random() * 65)::int, 'MK0' || (1 + (random() * 8)::int), 'working', now() FROM "User" WHERE kind = 'MEMBER'`,
    );
    await panel.query(`INSERT INTO "MemberPreferences" ("userId", "updatedAt") SELECT id, now() FROM "User" WHERE kind = 'MEMBER'`);
    await panel.query(
      `INSERT INTO "ConsentEvent" (id, "userId", purpose, "versionId", version, "textHash", language, channel, action, at)
       SELECT gen_random_uuid(), u.id, v.purpose, v.id, v.version, t."textHash", 'fi', 'JOIN', 'GIVEN', now()
       FROM "User" u, "ConsentVersion" v JOIN "ConsentText" t ON t."versionId" = v.id AND t.language = 'fi'
       WHERE u.kind = 'MEMBER'`,
    );
    const members = (await panel.query<{ id: string }>(`SELECT id FROM "User" WHERE kind = 'MEMBER' ORDER BY random()`)).rows.map((r) => r.id);
    const today = helsinkiDay();
    const invite = async (studyId: string) => {
      const tokens = members.map(() => randomToken(24));
      await panel.query(
        `INSERT INTO "Invitation" (id, "studyId", "userId", "tokenHash", "invitedOn")
         SELECT gen_random_uuid(), $1::uuid, m, h, $4::date FROM unnest($2::uuid[], $3::text[]) AS i(m, h)`,
        [studyId, members, tokens.map((t) => sha256(`panel:${t}`)), today],
      );
      return tokens;
    };
    const panelTokens: string[] = [];
    for (const studyId of studies.slice(0, PANEL_STUDIES)) {
      const tokens = await invite(studyId);
      await vault.query(
        `INSERT INTO "Draft" (key, "studyId", "surveyVersion", answers, section, "savedOn")
         SELECT k, $1::uuid, 1, $3::jsonb, 1, $4::date FROM unnest($2::text[]) AS k`,
        [studyId, tokens.map((t) => sha256(`draft:${t}`)), JSON.stringify(firstSectionAnswers), today],
      );
      panelTokens.push(...tokens);
    }
    const bareTokens: string[] = [];
    for (const studyId of studies.slice(PANEL_STUDIES)) bareTokens.push(...(await invite(studyId)));
    await panel.query("VACUUM ANALYZE");
    await vault.query("VACUUM ANALYZE");
    shuffle(panelTokens);
    shuffle(bareTokens);
    return {
      panelTokens,
      bareTokens,
      bareStudyId: studies[PANEL_STUDIES]!,
      panelStudyIds: studies.slice(0, PANEL_STUDIES),
      draftsPrepared: panelTokens.length,
    };
  } finally {
    await panel.end();
    await vault.end();
  }
}

function shuffle<T>(items: T[]) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

/** What the two servers wrote, per side, and whether Panel's three effects agree with each other. */
async function check(panelUrl: string, vaultUrl: string, prepared: { panelStudyIds: string[]; draftsPrepared: number }) {
  const count = async (url: string, sql: string, values: unknown[]) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>(sql, values)).rows[0]!.n);
    } finally {
      await client.end();
    }
  };
  const ids = [prepared.panelStudyIds];
  const panelPending = await count(vaultUrl, `SELECT count(*) AS n FROM "PendingResponse" WHERE "studyId" = ANY($1::uuid[])`, ids);
  const barePending = await count(vaultUrl, `SELECT count(*) AS n FROM "PendingResponse" WHERE NOT "studyId" = ANY($1::uuid[])`, ids);
  const panelCompleted = await count(
    panelUrl,
    `SELECT count(*) AS n FROM "Invitation" WHERE "completedOn" IS NOT NULL AND "studyId" = ANY($1::uuid[])`,
    ids,
  );
  const bareCompleted = await count(
    panelUrl,
    `SELECT count(*) AS n FROM "Invitation" WHERE "completedOn" IS NOT NULL AND NOT "studyId" = ANY($1::uuid[])`,
    ids,
  );
  const draftsDeleted = prepared.draftsPrepared - (await count(vaultUrl, `SELECT count(*) AS n FROM "Draft"`, []));
  return {
    panelPending,
    panelCompleted,
    barePending,
    bareCompleted,
    draftsDeleted,
    consistent: panelPending === panelCompleted && panelCompleted === draftsDeleted && barePending === bareCompleted,
  };
}

if (process.argv.includes("--bare")) {
  void bareServer();
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`bench:submit failed: ${(error as Error)?.stack ?? error}\n`);
      process.exit(1);
    },
  );
}
