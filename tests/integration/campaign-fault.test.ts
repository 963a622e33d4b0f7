// The crash test of the campaign outbox (docs/decisions/0015): a campaign of
// 2,000 invitations sent by the standalone worker (`tsx server/worker.ts`) as
// a child process, killed with SIGKILL several times while it sends and
// started again, against a local SMTP server that records everything it
// accepts. Every due invitation must arrive; a second copy may only be of a
// row flagged maybeDuplicate (accepted by SMTP, the worker killed before
// marking it); the counts must match; no token may be left in clear.
import { spawn, type ChildProcess } from "node:child_process";
import { simpleParser } from "mailparser";
import { afterAll, expect, it } from "vitest";
import { startFaultySmtp, type Recorded } from "../support/smtp-faults";

// Each message held 4 ms by the server: the worker sends for a few seconds,
// long enough to be killed in the middle more than once.
const smtp = await startFaultySmtp({ parse: false, delayMs: 4 });
process.env.SMTP_URL = smtp.url;

const { db, panelPool } = await import("~/infra/db/panel.server");
const { panelTokenHash } = await import("~/modules/studies/invitations.server");
const { campaignProgress } = await import("~/modules/campaigns/campaigns.server");
const { createResearcher, openStudy } = await import("../support/studies");
const { bulkMembers, queuedCampaign } = await import("../support/campaign-sending");

const COUNT = 2000;
/** kill the worker after roughly these many messages arrived (each with a little jitter) */
const KILL_AFTER = [350, 900, 1450];

const workers: ChildProcess[] = [];
let output = "";

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
  await smtp.close();
});

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "server/worker.ts"], {
    env: { ...process.env, SMTP_URL: smtp.url, MAIL_LEASE_SECONDS: "2", LOG_LEVEL: "info", NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  workers.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
  });

async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 40_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}; worker output:\n${output.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it(
  "loses no invitation when the worker is killed with SIGKILL while sending, again and again",
  async () => {
    const { user: researcher } = await createResearcher("fault-researcher@panel.example");
    const study = await openStudy(researcher);
    const members = await bulkMembers("fault", COUNT);
    const campaignId = await queuedCampaign(researcher, study.id, members);
    const queued = await db.campaignMessage.findMany({ where: { campaignId }, select: { id: true, userId: true } });
    expect(queued).toHaveLength(COUNT);

    let worker = startWorker();
    const kills: { received: number; sending: number }[] = [];
    for (const after of KILL_AFTER) {
      const at = after + Math.floor(Math.random() * 100);
      await waitUntil(() => smtp.received.length >= at, `${at} messages`);
      worker.kill("SIGKILL");
      await exited(worker);
      const { rows } = await panelPool().query(`SELECT count(*)::int AS n FROM "CampaignMessage" WHERE "campaignId" = $1 AND status = 'SENDING'`, [
        campaignId,
      ]);
      kills.push({ received: smtp.received.length, sending: rows[0].n });
      worker = startWorker();
    }
    // The last worker finishes the campaign (and marks it done); then it is stopped gently.
    await waitUntil(
      async () => (await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status === "DONE",
      "the campaign to be done",
    );
    worker.kill("SIGTERM");
    expect(await exited(worker)).toBe(0);

    // Every kill came while the campaign was being sent, with rows held by the dead worker.
    expect(kills).toHaveLength(KILL_AFTER.length);
    for (const kill of kills) expect(kill.received).toBeLessThan(COUNT);
    expect(kills.some((kill) => kill.sending > 0)).toBe(true);

    const rows = await db.campaignMessage.findMany({ where: { campaignId } });
    const copies = new Map<string, Recorded[]>();
    for (const mail of smtp.received) copies.set(mail.messageId, [...(copies.get(mail.messageId) ?? []), mail]);
    const emailOf = new Map(members.map((m) => [m.id, m.email]));
    const invitations = await db.invitation.findMany({ where: { campaignId }, select: { userId: true, tokenHash: true } });
    const tokenHashOf = new Map(invitations.map((i) => [i.userId, i.tokenHash]));

    // Every due invitation arrived, to its member, with a link that opens their invitation.
    for (const row of rows) {
      const received = copies.get(`<${row.id}@localhost>`) ?? [];
      expect(received.length, `copies of ${row.id}`).toBeGreaterThanOrEqual(1);
      const tokens = new Set<string>();
      for (const mail of received) {
        expect(mail.to).toEqual([emailOf.get(row.userId)]);
        const text = (await simpleParser(mail.raw)).text ?? "";
        tokens.add(/\/s\/([A-Za-z0-9_-]{20,64})/.exec(text)![1]!);
      }
      // A second copy is the same message: the same link.
      expect(tokens.size).toBe(1);
      expect(panelTokenHash([...tokens][0]!)).toBe(tokenHashOf.get(row.userId));
      // Duplicates only among the rows flagged as possible duplicates.
      if (received.length > 1) expect(row.maybeDuplicate, `${row.id} arrived ${received.length} times`).toBe(true);
      // Sent, and no token left in clear.
      expect(row).toMatchObject({ status: "SENT", token: null, unsubscribeToken: null, lockedUntil: null });
      // No log line of the worker holds a token.
      for (const token of tokens) expect(output.includes(token)).toBe(false);
    }

    // The counts match: what the server took, what the rows say, what the campaign shows.
    const duplicates = [...copies.values()].filter((c) => c.length > 1).length;
    const extra = [...copies.values()].reduce((sum, c) => sum + c.length - 1, 0);
    expect(copies.size).toBe(COUNT);
    expect(smtp.received.length).toBe(COUNT + extra);
    const progress = (await campaignProgress(researcher, campaignId))!;
    expect(progress).toMatchObject({ status: "DONE", queued: 0, sending: 0, sent: COUNT, failed: 0, bounced: 0, blocked: 0, cancelled: 0 });
    expect(progress.maybeDuplicate).toBeGreaterThanOrEqual(duplicates);
    expect(progress.maybeDuplicate).toBeGreaterThan(0);
    expect(await db.campaignRecipient.count({ where: { campaignId, state: "SENT" } })).toBe(COUNT);
    const { rows: clear } = await panelPool().query(
      `SELECT count(*)::int AS n FROM "CampaignMessage" WHERE "campaignId" = $1 AND (token IS NOT NULL OR "unsubscribeToken" IS NOT NULL)`,
      [campaignId],
    );
    expect(clear[0].n).toBe(0);
  },
  60_000,
);
