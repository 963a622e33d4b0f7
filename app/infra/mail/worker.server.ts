// Delivers the outbox. Rows are claimed with FOR UPDATE SKIP LOCKED so several
// app instances can send together. Claiming marks a row SENDING with a lease;
// a row found SENDING with an expired lease was claimed by a process that died,
// possibly after the SMTP server accepted it: it is sent again and flagged
// maybeDuplicate (docs/decisions/0006). Bodies are erased once delivered.
import { hostname } from "node:os";
import { Prisma } from "~/generated/panel/client";
import { db } from "~/infra/db/panel.server";
import { env } from "~/infra/env.server";
import { mailTransport } from "./transport.server";

/** Written where an address was erased (a member left). */
export const ERASED_ADDRESS = "erased";

/** Emails to people no longer known (the goodbye after leaving) keep no address once done. */
const forgetsRecipient = (template: string) => template === "left";

const LEASE_SECONDS = 120;
const MAX_ATTEMPTS = 8;
const BATCH = 20;

interface ClaimedRow {
  id: string;
  template: string;
  toAddress: string;
  subject: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string> | null;
  calendar: { method: "REQUEST" | "CANCEL"; content: string } | null;
  attempts: number;
}

let running = false;
let timer: NodeJS.Timeout | undefined;
let wake: (() => void) | undefined;

export function wakeMailWorker() {
  wake?.();
}

/** Claims and sends due rows until none are left; returns how many it handled. */
export async function deliverDueEmails(): Promise<number> {
  let handled = 0;
  for (;;) {
    const rows = await db.$queryRaw<ClaimedRow[]>`
      UPDATE "OutboxEmail" o SET
        "status" = 'SENDING',
        "maybeDuplicate" = o."maybeDuplicate" OR o."status" = 'SENDING',
        "lockedUntil" = now() + make_interval(secs => ${LEASE_SECONDS}),
        "attempts" = o."attempts" + 1
      FROM (
        SELECT id FROM "OutboxEmail"
        WHERE ("status" = 'PENDING' AND "nextAttemptAt" <= now())
           OR ("status" = 'SENDING' AND "lockedUntil" < now())
        ORDER BY "nextAttemptAt"
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED
      ) due
      WHERE o.id = due.id
      RETURNING o.id, o.template, o."toAddress", o.subject, o.html, o.text, o.headers, o.calendar, o.attempts`;
    if (rows.length === 0) return handled;
    for (const row of rows) {
      await deliver(row);
      handled++;
      await pace();
    }
  }
}

async function pace() {
  const ms = 1000 / env().MAIL_RATE_PER_SECOND;
  if (ms >= 1) await new Promise((resolve) => setTimeout(resolve, ms));
}

async function deliver(row: ClaimedRow) {
  const domain = new URL(env().PUBLIC_URL).hostname || hostname();
  try {
    const info = await mailTransport().sendMail({
      from: env().MAIL_FROM,
      to: row.toAddress,
      subject: row.subject,
      html: row.html ?? undefined,
      text: row.text ?? undefined,
      headers: row.headers ?? undefined,
      // A calendar entry: nodemailer adds it as a text/calendar alternative
      // (calendar apps read the METHOD) and as an invite.ics attachment.
      ...(row.calendar ? { icalEvent: { method: row.calendar.method, content: row.calendar.content, filename: "invite.ics" } } : {}),
      messageId: `<${row.id}@${domain}>`,
    });
    await db.outboxEmail.update({
      where: { id: row.id },
      data: {
        status: "SENT",
        sentAt: new Date(),
        html: null,
        text: null,
        calendar: Prisma.DbNull,
        lockedUntil: null,
        smtpResponse: String(info.response).slice(0, 500),
        lastError: null,
        ...(forgetsRecipient(row.template) ? { toAddress: ERASED_ADDRESS, subject: "" } : {}),
      },
    });
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    const permanent = typeof code === "number" && code >= 500 && code < 600;
    const giveUp = permanent || row.attempts >= MAX_ATTEMPTS;
    const backoffSeconds = Math.min(3600, 30 * 2 ** (row.attempts - 1));
    await db.outboxEmail.update({
      where: { id: row.id },
      data: {
        status: giveUp ? "FAILED" : "PENDING",
        lockedUntil: null,
        nextAttemptAt: new Date(Date.now() + backoffSeconds * 1000),
        lastError: String((error as Error).message).slice(0, 500),
        ...(giveUp ? { html: null, text: null } : {}),
        ...(giveUp && forgetsRecipient(row.template) ? { toAddress: ERASED_ADDRESS, subject: "" } : {}),
      },
    });
  }
}

/** Runs the worker loop in this process: on wake-ups and every few seconds. */
export function startMailWorker(options: { intervalMs?: number; onError?: (error: unknown) => void } = {}) {
  if (running) return stopMailWorker;
  running = true;
  const interval = options.intervalMs ?? 2000;
  let busy = false;
  const tick = async () => {
    if (!running || busy) return;
    busy = true;
    try {
      await deliverDueEmails();
    } catch (error) {
      options.onError?.(error);
    } finally {
      busy = false;
    }
  };
  wake = () => void tick();
  timer = setInterval(() => void tick(), interval);
  void tick();
  return stopMailWorker;
}

export function stopMailWorker() {
  running = false;
  wake = undefined;
  if (timer) clearInterval(timer);
  timer = undefined;
}
