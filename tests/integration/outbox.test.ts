// The outbox: written in the caller's transaction, delivered by the worker to
// a real SMTP server, retried on temporary errors only, re-claimed after a
// crash, and shared safely by several worker processes.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startSmtpSink } from "../support/smtp-sink";
import { messagesTo } from "../support/helpers-auth";

// The worker reads SMTP_URL on first use, which is after this line.
const sink = await startSmtpSink();
process.env.SMTP_URL = sink.url;

const { db } = await import("~/infra/db/panel.server");
const { enqueueEmail } = await import("~/infra/mail/outbox.server");
const { deliverDueEmails } = await import("~/infra/mail/worker.server");
const { closeMailTransport } = await import("~/infra/mail/transport.server");

afterAll(async () => {
  closeMailTransport();
  await sink.close();
});

function enqueueCode(to: string, options: { dedupeKey?: string; language?: "fi" | "sv" | "en"; code?: string } = {}) {
  return db.$transaction((tx) =>
    enqueueEmail(tx, {
      template: "sign-in-code",
      to,
      language: options.language ?? "fi",
      data: { code: options.code ?? "12345678" },
      dedupeKey: options.dedupeKey,
    }),
  );
}

const row = (id: string) => db.outboxEmail.findUniqueOrThrow({ where: { id } });
const secondsFromNow = (date: Date) => (date.getTime() - Date.now()) / 1000;

describe("the outbox", () => {
  it("sends nothing for a transaction that rolls back", async () => {
    const to = "rollback@outbox.example";
    await expect(
      db.$transaction(async (tx) => {
        await enqueueEmail(tx, { template: "sign-in-code", to, language: "fi", data: { code: "11112222" } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.outboxEmail.count({ where: { toAddress: to } })).toBe(0);
    await deliverDueEmails();
    expect(messagesTo(sink, to)).toHaveLength(0);
  });

  it("keeps one row per dedupeKey, before and after delivery", async () => {
    const to = "dedupe@outbox.example";
    const first = await enqueueCode(to, { dedupeKey: "test:dedupe:1" });
    const second = await enqueueCode(to, { dedupeKey: "test:dedupe:1" });
    expect(second).toBe(first);
    expect(await db.outboxEmail.count({ where: { dedupeKey: "test:dedupe:1" } })).toBe(1);
    await deliverDueEmails();
    expect(await enqueueCode(to, { dedupeKey: "test:dedupe:1" })).toBe(first);
    await deliverDueEmails();
    expect(messagesTo(sink, to)).toHaveLength(1);
    // The database itself refuses a second row with the key.
    await expect(
      db.outboxEmail.create({ data: { template: "x", dedupeKey: "test:dedupe:1", toAddress: to, language: "fi", subject: "x" } }),
    ).rejects.toMatchObject({ code: "P2002" });
  });

  it("delivers HTML and plain text with a Message-ID, then marks the row SENT and erases the bodies", async () => {
    const to = "deliver@outbox.example";
    const id = await enqueueCode(to, { language: "sv", code: "87654321" });
    const queued = await row(id);
    expect(queued.status).toBe("PENDING");
    expect(queued.html).toContain("87654321");

    await deliverDueEmails();
    const [message, ...more] = messagesTo(sink, to);
    expect(more).toHaveLength(0);
    expect(message!.parsed.subject).toBe("Din inloggningskod till kundpanelen");
    expect(message!.parsed.html).toContain("87654321");
    expect(message!.parsed.html).toContain('lang="sv"');
    expect(message!.parsed.text).toContain("87654321");
    expect(message!.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(message!.raw).toMatch(/Content-Type: text\/plain/i);
    expect(message!.raw).toMatch(/Content-Type: text\/html/i);
    expect(message!.parsed.messageId).toBe(`<${id}@localhost>`);

    const sent = await row(id);
    expect(sent).toMatchObject({ status: "SENT", html: null, text: null, lockedUntil: null, attempts: 1, maybeDuplicate: false, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(sent.smtpResponse).toMatch(/^250/);
  });

  it("gives up at once on a permanent refusal (550): FAILED, bodies erased, never retried", async () => {
    const to = "bounce@outbox.example";
    sink.reject.set(to, 550);
    const id = await enqueueCode(to);
    await deliverDueEmails();
    const failed = await row(id);
    expect(failed).toMatchObject({ status: "FAILED", attempts: 1, html: null, text: null, lockedUntil: null });
    expect(failed.lastError).toMatch(/550/);

    // Even when due by time, a failed row is not claimed again.
    await db.outboxEmail.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 60_000) } });
    sink.reject.delete(to);
    await deliverDueEmails();
    expect(await row(id)).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(messagesTo(sink, to)).toHaveLength(0);
  });

  it("retries a temporary refusal (451) later, backing off 30 s then 60 s, and delivers once it passes", async () => {
    const to = "greylisted@outbox.example";
    sink.reject.set(to, 451);
    const id = await enqueueCode(to);
    await deliverDueEmails();
    const first = await row(id);
    expect(first).toMatchObject({ status: "PENDING", attempts: 1, lockedUntil: null });
    expect(first.html).not.toBeNull();
    expect(first.lastError).toMatch(/451/);
    expect(secondsFromNow(first.nextAttemptAt)).toBeGreaterThan(25);
    expect(secondsFromNow(first.nextAttemptAt)).toBeLessThanOrEqual(30);

    // Not due yet: the worker leaves it alone.
    await deliverDueEmails();
    expect((await row(id)).attempts).toBe(1);

    await db.outboxEmail.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    await deliverDueEmails();
    const second = await row(id);
    expect(second).toMatchObject({ status: "PENDING", attempts: 2 });
    expect(secondsFromNow(second.nextAttemptAt)).toBeGreaterThan(55);
    expect(secondsFromNow(second.nextAttemptAt)).toBeLessThanOrEqual(60);

    sink.reject.delete(to);
    await db.outboxEmail.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    await deliverDueEmails();
    expect(await row(id)).toMatchObject({ status: "SENT", attempts: 3, maybeDuplicate: false });
    expect(messagesTo(sink, to)).toHaveLength(1);
  });

  it("re-claims a row whose worker died mid-send (lease expired) and flags it maybeDuplicate; a live lease is left alone", async () => {
    const crashed = await enqueueCode("crashed@outbox.example");
    const busy = await enqueueCode("busy@outbox.example");
    await db.outboxEmail.update({
      where: { id: crashed },
      data: { status: "SENDING", attempts: 1, lockedUntil: new Date(Date.now() - 1000) },
    });
    await db.outboxEmail.update({
      where: { id: busy },
      data: { status: "SENDING", attempts: 1, lockedUntil: new Date(Date.now() + 60_000) },
    });
    await deliverDueEmails();
    expect(await row(crashed)).toMatchObject({ status: "SENT", attempts: 2, maybeDuplicate: true });
    expect(messagesTo(sink, "crashed@outbox.example")).toHaveLength(1);
    expect(await row(busy)).toMatchObject({ status: "SENDING", attempts: 1, maybeDuplicate: false });
    expect(messagesTo(sink, "busy@outbox.example")).toHaveLength(0);
    // Out of the way of the next test.
    await db.outboxEmail.update({ where: { id: busy }, data: { status: "CANCELLED", lockedUntil: null } });
  });

  it("lets two worker processes share 50 due rows: each email delivered exactly once", async () => {
    const workers = [startWorkerProcess(), startWorkerProcess()];
    try {
      await Promise.all(workers.map((w) => w.ready));
      const addresses = Array.from({ length: 50 }, (_, i) => `many-${i}@outbox.example`);
      await db.$transaction(async (tx) => {
        for (const to of addresses) await enqueueEmail(tx, { template: "sign-in-code", to, language: "en", data: { code: "55556666" } });
      });
      for (const worker of workers) worker.go();
      const handled = await Promise.all(workers.map((w) => w.done));
      expect(handled[0]! + handled[1]!).toBe(50);
      // Both took part (each paces itself, so neither can finish all 50 before the other starts).
      expect(handled[0]).toBeGreaterThan(0);
      expect(handled[1]).toBeGreaterThan(0);

      for (const to of addresses) expect(messagesTo(sink, to), to).toHaveLength(1);
      const ids = new Set(addresses.flatMap((to) => messagesTo(sink, to).map((m) => m.parsed.messageId)));
      expect(ids.size).toBe(50);
      const rows = await db.outboxEmail.findMany({ where: { toAddress: { in: addresses } } });
      expect(rows.every((r) => r.status === "SENT" && r.attempts === 1 && !r.maybeDuplicate)).toBe(true);
    } finally {
      for (const worker of workers) worker.process.kill();
    }
  }, 30_000);
});

/** A second app instance's worker: loads the worker module, then delivers once told to. */
function startWorkerProcess() {
  const module = (file: string) => JSON.stringify(path.resolve(file));
  const script = `
    import { deliverDueEmails } from ${module("app/infra/mail/worker.server.ts")};
    await deliverDueEmails(); // opens the database and warms up; nothing is due yet
    process.stdout.write("ready\\n");
    process.stdin.once("data", async () => {
      const handled = await deliverDueEmails();
      process.stdout.write("handled " + handled + "\\n");
      process.exit(0);
    });`;
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    // 5 ms between messages in each worker.
    env: { ...process.env, MAIL_RATE_PER_SECOND: "200" },
  });
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output);
        if (match) resolve(match);
      };
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        check();
      });
      child.once("exit", (code) => setTimeout(() => reject(new Error(`worker exited ${code} before ${pattern}:\n${output}`)), 50));
    });
  const ready = waitFor(/ready/);
  const done = waitFor(/handled (\d+)/).then((match) => Number(match[1]));
  return { process: child, ready, done, go: () => child.stdin.write("go\n") };
}
