// `npm run bench:campaign`: recruitment and sending at the size of a large
// panel. A throwaway embedded PostgreSQL (fsync on) gets the panel's
// migrations and 100,000 synthetic members (profiles, consents, a year of
// invitation history) written in SQL. Then, with the app's own functions:
//   - count: countSegment for a segment over age band, region and language
//     (median of RUNS after a warm-up);
//   - draw: drawSample of 10,000 stratified by region and age band;
//   - enqueue: scheduleCampaign for those 10,000 (invitations, outbox rows);
//   - delivery: the campaign sender delivering the 10,000 to a local SMTP
//     sink (the smtp-server package on 127.0.0.1), next to raw nodemailer with
//     a pooled transport sending the same number of similar messages to the
//     same sink in the same run (turns: raw, Panel, raw, Panel; rates summed),
//     after a warm-up of WARM_UP messages each through a small campaign of
//     its own.
// The last line is JSON with count_ms, draw_ms, enqueue_ms, delivery_ratio.
// BENCH_MEMBERS=<n> and BENCH_SAMPLE=<n> run smaller (for trying things out).
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import pg from "pg";
import { SMTPServer } from "smtp-server";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 10_000);
const RUNS = 7;
/** Messages each side sends before the measured turns. */
const WARM_UP = 500;
const TARGETS = { count_ms: 100, draw_ms: 1000, enqueue_ms: 2000, delivery_ratio: 0.8 };

const say = (line: string) => process.stdout.write(`${line}\n`);
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

async function median(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await timed(work)).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** An SMTP sink that only counts what it accepts. */
async function startSink() {
  let received = 0;
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        received++;
        callback();
      });
    },
  });
  server.on("error", () => undefined);
  // Small SMTP replies without Nagle's delay, so the sink is never the bottleneck.
  server.server.on("connection", (socket: import("node:net").Socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// 100,000 members: every one active with the current membership terms; 80 %
// allow the use of their profile; a year of invitations to 20 old studies for
// about a third of them (so "least recently contacted first" has work to do).
const members = `
  WITH n AS (SELECT g AS n, md5('bench' || g) AS h FROM generate_series(1, $1::int) g)
  INSERT INTO "User" (id, kind, roles, status, email, language, "createdAt", "updatedAt")
  SELECT (substr(h,1,8) || '-' || substr(h,9,4) || '-4' || substr(h,14,3) || '-8' || substr(h,18,3) || '-' || substr(h,21,12))::uuid,
         'MEMBER', ARRAY['MEMBER']::"Role"[], 'ACTIVE', 'bench-' || n || '@panel.example',
         (ARRAY['fi','fi','fi','fi','sv','en'])[1 + n % 6]::"Language",
         now() - make_interval(days => (n % 900)), now()
  FROM n`;

async function seed(client: pg.Client, termsVersionId: string, profileVersionId: string) {
  await client.query(members, [MEMBERS]);
  await client.query(`INSERT INTO "MemberPreferences" ("userId", "updatedAt") SELECT id, now() FROM "User" WHERE kind = 'MEMBER'`);
  await client.query(`
    INSERT INTO "MemberProfile" ("userId", "birthYear", region, "lifeSituation", "updatedAt")
    SELECT id, 1935 + (abs(hashtext(id::text)) % 72),
           (ARRAY['MK01','MK02','MK04','MK05','MK06','MK07','MK08','MK09','MK10','MK11','MK12','MK13','MK14','MK15','MK16','MK17','MK18','MK19','MK21'])[1 + abs(hashtext(id::text || 'r')) % 19],
           (ARRAY['studying','working','working','working','retired','retired','unemployed','family-leave','entrepreneur','other'])[1 + abs(hashtext(id::text || 'l')) % 10],
           now()
    FROM "User" WHERE kind = 'MEMBER'`);
  const consent = (versionId: string, purpose: string, share: number) =>
    client.query(
      `INSERT INTO "ConsentEvent" (id, "userId", purpose, "versionId", version, "textHash", language, channel, action, at)
       SELECT gen_random_uuid(), u.id, $2, $1::uuid, v.version, t."textHash", 'fi', 'WEB', 'GIVEN', u."createdAt"
       FROM "User" u, "ConsentVersion" v JOIN "ConsentText" t ON t."versionId" = v.id AND t.language = 'fi'
       WHERE v.id = $1::uuid AND u.kind = 'MEMBER' AND abs(hashtext(u.id::text || $2)) % 100 < $3`,
      [versionId, purpose, share],
    );
  await consent(termsVersionId, "membership-terms", 100);
  await consent(profileVersionId, "profile-use", 80);
  await client.query(`
    INSERT INTO "Study" (id, type, status, title, description, "createdAt")
    SELECT gen_random_uuid(), 'SURVEY', 'CLOSED', jsonb_build_object('fi', 'Vanha kysely ' || g), '{}'::jsonb, now() - make_interval(days => 30 * g)
    FROM generate_series(1, 20) g`);
  await client.query(`
    INSERT INTO "Invitation" (id, "studyId", "userId", "tokenHash", "invitedOn", "completedOn")
    SELECT gen_random_uuid(), s.id, u.id, md5(random()::text) || md5(u.id::text || s.id::text),
           (s."createdAt")::date, CASE WHEN random() < 0.3 THEN (s."createdAt")::date + 2 END
    FROM "User" u CROSS JOIN LATERAL (
      SELECT id, "createdAt" FROM "Study" WHERE status = 'CLOSED' ORDER BY md5(u.id::text || id::text) LIMIT 1 + abs(hashtext(u.id::text)) % 3
    ) s
    WHERE u.kind = 'MEMBER' AND abs(hashtext(u.id::text || 'h')) % 3 = 0 AND s."createdAt" < now() - interval '40 days'`);
  await client.query("ANALYZE");
}

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), "panel-bench-campaign-"));
  // As root, PostgreSQL runs as the postgres user, which must pass through this folder.
  await chmod(dir, 0o711);
  const { startEmbeddedPostgres } = await import("../app/infra/db/embedded-postgres.server");
  const { provisionStores } = await import("../app/infra/db/provision.server");
  const { migrate } = await import("../app/infra/db/migrate.server");
  const postgres = await startEmbeddedPostgres({ dir: path.join(dir, "postgres") });
  const sink = await startSink();
  const stops: (() => Promise<unknown>)[] = [() => rm(dir, { recursive: true, force: true }), () => postgres.stop(), () => sink.close()];
  try {
    const urls = await provisionStores(postgres.adminUrl, {
      panel: { database: "panel", role: "panel", password: "bench-panel-password" },
      vault: { database: "vault", role: "vault", password: "bench-vault-password" },
    });
    await migrate(urls.panelUrl, "panel");
    await migrate(urls.vaultUrl, "vault");
    Object.assign(process.env, {
      DATABASE_URL: urls.panelUrl,
      VAULT_DATABASE_URL: urls.vaultUrl,
      APP_SECRET: "bench-secret-bench-secret-bench-secret-0123",
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      PUBLIC_URL: "https://panel.example",
      MAIL_FROM: "Panel <panel@panel.example>",
      NODE_ENV: "production",
      DEMO_DATA: "false",
    });
    const { db, disconnectPanelDb } = await import("../app/infra/db/panel.server");
    const { ensureBaseConsents, currentVersion } = await import("../app/modules/consent/consent.server");
    const { countSegment } = await import("../app/modules/recruitment/segments.server");
    const { drawSample } = await import("../app/modules/recruitment/sampling.server");
    const campaigns = await import("../app/modules/campaigns/campaigns.server");
    const sender = await import("../app/modules/campaigns/sender.server");
    stops.unshift(() => disconnectPanelDb());

    await ensureBaseConsents();
    const [terms, profileUse] = await Promise.all([currentVersion("membership-terms"), currentVersion("profile-use")]);
    say(`Writing ${MEMBERS.toLocaleString("en")} members with profiles, consents and a year of invitations…`);
    const client = new pg.Client({ connectionString: urls.panelUrl });
    client.on("error", () => undefined);
    await client.connect();
    const seeded = await timed(() => seed(client, terms.id, profileUse.id));
    await client.end();
    say(`  ${round(seeded.ms / 1000)} s`);

    const researcher = await db.user.create({
      data: { kind: "STAFF", roles: ["RESEARCHER"], email: "researcher@bench.example", name: "Bench" },
      select: { id: true, kind: true, roles: true, email: true, name: true, language: true },
    });
    // The study the campaign invites to: the sample survey the tests use, open for answers.
    const { openStudy } = await import("../tests/support/studies");
    const study = await openStudy(researcher);

    const filters = { ageBands: ["25-34", "35-44", "45-54", "55-64", "65-74"], languages: ["fi", "sv"] } as const;
    const count_ms = await median(() => countSegment({ ...filters, ageBands: [...filters.ageBands], languages: [...filters.languages] }, { studyId: study.id, studyType: "SURVEY" }));
    const matching = await countSegment({ ageBands: [...filters.ageBands], languages: [...filters.languages] }, { studyId: study.id, studyType: "SURVEY" });
    say(`count: ${round(count_ms)} ms (median of ${RUNS}; ${matching.toLocaleString("en")} members match)`);

    const spec = { mode: "stratified" as const, by: ["region" as const, "age-band" as const], wanted: SAMPLE, oversample: 1 };
    const draw = await timed(() => drawSample({ studyId: study.id, studyType: "SURVEY", filters: {}, spec, seed: "bench" }));
    say(`draw: ${round(draw.ms)} ms (${draw.value.members.length.toLocaleString("en")} of them in ${draw.value.strata.length} strata)`);

    // A campaign: created, drawn; scheduling it is the enqueue. Nothing sends
    // until the turns below call the sender (no worker runs here).
    const newCampaign = async (studyId: string, name: string, sampleSpec: unknown) => {
      const created = await campaigns.createCampaign(researcher, studyId, {
        name,
        filters: {},
        spec: sampleSpec,
        seed: "bench",
        email: {
          fi: { subject: "Kutsu: {title}", body: "Hei! Vastaa kyselyyn: {link}" },
          sv: { subject: "Inbjudan: {title}", body: "Hej! Svara: {link}" },
          en: { subject: "Invitation: {title}", body: "Hello! Answer: {link}" },
        },
        sendAt: null,
        ratePerMinute: 100_000,
        reminderAfterDays: null,
        maxReminders: 0,
        closesAt: null,
      } as never);
      const id = (created as { id: string }).id;
      await campaigns.drawForCampaign(researcher, id);
      return id;
    };

    // Delivery: raw pooled nodemailer and Panel's sender, to the same sink.
    // Raw: the same rendered invitations (previewEmail: the campaign's text in
    // each language, with sample links) and headers, through a pooled transport on the same
    // kind of socket as Panel's (TCP_NODELAY), so the difference is Panel's work.
    const { noDelaySocket } = await import("../app/modules/campaigns/transport.server");
    let mix: NonNullable<ReturnType<typeof campaigns.previewEmail>>[] = [];
    const raw = async (n: number) => {
      const transport = nodemailer.createTransport({
        host: "127.0.0.1",
        port: sink.port,
        secure: false,
        pool: true,
        maxConnections: 5,
        maxMessages: Infinity,
        getSocket: noDelaySocket,
      } as nodemailer.TransportOptions);
      const before = sink.received();
      const started = process.hrtime.bigint();
      const sends: Promise<unknown>[] = [];
      for (let i = 0; i < n; i++) {
        const sample = mix[i % mix.length]!;
        sends.push(
          transport.sendMail({
            from: "Panel <panel@panel.example>",
            to: `raw-${i}@panel.example`,
            subject: sample.subject,
            text: sample.text,
            html: sample.html,
            messageId: `<raw-${i}@panel.example>`,
            headers: { "List-Unsubscribe": "<https://panel.example/unsubscribe/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
          }),
        );
      }
      await Promise.all(sends);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      transport.close();
      return { sent: sink.received() - before, seconds };
    };
    const panelTurn = async (limit?: number) => {
      const before = sink.received();
      const started = process.hrtime.bigint();
      await sender.deliverCampaignMessages({ limit });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      return { sent: sink.received() - before, seconds };
    };

    // A warm-up for both, not counted: a small campaign of its own to another
    // study, sent whole before the measured one is scheduled, so neither side
    // is timed while its code is still being compiled.
    const warmStudy = await openStudy(researcher);
    const warmId = await newCampaign(warmStudy.id, "Warm-up", { mode: "simple", wanted: WARM_UP, oversample: 1 });
    await campaigns.scheduleCampaign(researcher, warmId);
    // The members' languages come in the seed's mix (fi ×4, sv, en); so do the raw messages.
    const warm = await campaigns.campaignFor(researcher, warmId);
    mix = (["fi", "fi", "fi", "fi", "sv", "en"] as const).map((language) => campaigns.previewEmail(warm!, language)!);
    await raw(WARM_UP);
    await panelTurn();

    // The measured campaign, around the same draw as above.
    const campaignId = await newCampaign(study.id, "Bench", spec);
    const enqueue = await timed(() => campaigns.scheduleCampaign(researcher, campaignId));
    const queued = await db.campaignMessage.count({ where: { campaignId } });
    say(`enqueue: ${round(enqueue.ms)} ms (${queued.toLocaleString("en")} invitations and outbox rows)`);

    const half = Math.floor(queued / 2);
    // Panel's turns: the first half of the campaign, then the rest.
    const turns = [await raw(half), await panelTurn(half), await raw(queued - half), await panelTurn(queued - half)];
    const rawTotal = { sent: turns[0]!.sent + turns[2]!.sent, seconds: turns[0]!.seconds + turns[2]!.seconds };
    const panelTotal = { sent: turns[1]!.sent + turns[3]!.sent, seconds: turns[1]!.seconds + turns[3]!.seconds };
    const rawRate = rawTotal.sent / rawTotal.seconds;
    const panelRate = panelTotal.sent / panelTotal.seconds;
    const sentRows = await db.campaignMessage.count({ where: { campaignId, status: "SENT" } });
    say(`delivery: Panel ${round(panelRate)} messages/s (${panelTotal.sent} in ${round(panelTotal.seconds, 2)} s, ${sentRows} rows marked sent)`);
    say(`          raw pooled nodemailer ${round(rawRate)} messages/s (${rawTotal.sent} in ${round(rawTotal.seconds, 2)} s)`);

    const result = {
      members: MEMBERS,
      count_ms: round(count_ms),
      draw_ms: round(draw.ms),
      enqueue_ms: round(enqueue.ms),
      delivery_ratio: round(panelRate / rawRate, 3),
      panel_per_second: round(panelRate),
      raw_per_second: round(rawRate),
      consistent: sentRows === queued && panelTotal.sent === queued,
    };
    const met = {
      count: result.count_ms <= TARGETS.count_ms,
      draw: result.draw_ms <= TARGETS.draw_ms,
      enqueue: result.enqueue_ms <= TARGETS.enqueue_ms,
      delivery: result.delivery_ratio >= TARGETS.delivery_ratio,
    };
    say(
      `targets: count ≤ ${TARGETS.count_ms} ms ${met.count ? "met" : "NOT met"}, draw ≤ ${TARGETS.draw_ms} ms ${met.draw ? "met" : "NOT met"}, ` +
        `enqueue ≤ ${TARGETS.enqueue_ms} ms ${met.enqueue ? "met" : "NOT met"}, delivery ≥ ${TARGETS.delivery_ratio} of raw ${met.delivery ? "met" : "NOT met"}`,
    );
    say(JSON.stringify({ ...result, targets: TARGETS, met }));
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:campaign failed: ${(error as Error)?.stack ?? error}\n`);
    process.exit(1);
  },
);
