// A real SMTP server (the smtp-server package on 127.0.0.1) for the campaign
// sender's tests: it records every message it accepts, counts every RCPT TO
// it sees, and answers chosen recipients with an SMTP error code, for ever or
// for the next n attempts only (a 451 that passes after two tries).
//
// `parse: false` keeps only the envelope, the Message-ID and the raw text
// (the fault test records thousands of messages while a worker is killed
// under it); `parse()` of a recorded message gives mailparser's view later.
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface Recorded {
  to: string[];
  messageId: string;
  raw: string;
  parsed?: ParsedMail;
}

interface Fault {
  code: number;
  /** attempts left to refuse; undefined: always */
  times?: number;
}

export interface FaultySmtp {
  url: string;
  port: number;
  received: Recorded[];
  /** RCPT TO commands seen per address (refused ones too) */
  attempts: Map<string, number>;
  /** answer `address` with `code` (e.g. 550, 451), `times` times or always */
  fail(address: string, code: number, times?: number): void;
  clear(address: string): void;
  to(address: string): Recorded[];
  close(): Promise<void>;
}

export interface FaultySmtpOptions {
  /** parse each message with mailparser as it arrives (default true) */
  parse?: boolean;
  /** milliseconds to hold each message before answering 250 (a slower server) */
  delayMs?: number;
}

/** The Message-ID header of a raw message ("" when it has none). */
export function messageIdOf(raw: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? "";
  return /^message-id:\s*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? "";
}

/** A header of a raw message, unfolded. */
export function headerOf(raw: string, name: string): string | undefined {
  const head = (raw.split(/\r?\n\r?\n/, 1)[0] ?? "").replace(/\r?\n[ \t]+/g, " ");
  const pattern = new RegExp(`^${name.replace(/[-]/g, "\\-")}:[ \\t]*(.*)$`, "im");
  return pattern.exec(head)?.[1]?.trim();
}

export async function startFaultySmtp(options: FaultySmtpOptions = {}): Promise<FaultySmtp> {
  const received: Recorded[] = [];
  const attempts = new Map<string, number>();
  const faults = new Map<string, Fault>();
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      attempts.set(to, (attempts.get(to) ?? 0) + 1);
      const fault = faults.get(to);
      if (fault && (fault.times === undefined || fault.times > 0)) {
        if (fault.times !== undefined) fault.times--;
        const error = new Error(fault.code >= 500 ? "5.1.1 Mailbox unavailable" : "4.2.0 Try again later") as Error & {
          responseCode: number;
        };
        error.responseCode = fault.code;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const message: Recorded = {
          raw,
          messageId: messageIdOf(raw),
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        };
        const accept = () => {
          received.push(message);
          callback();
        };
        const answer = () => {
          if (options.parse === false) return accept();
          simpleParser(raw)
            .then((parsed) => {
              message.parsed = parsed;
              accept();
            })
            .catch(callback);
        };
        if (options.delayMs) setTimeout(answer, options.delayMs);
        else answer();
      });
    },
  });
  // A client that dies mid-message (a killed worker) is not an error here.
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    attempts,
    fail: (to, code, times) => void faults.set(to.toLowerCase(), { code, times }),
    clear: (to) => void faults.delete(to.toLowerCase()),
    to: (to) => received.filter((m) => m.to.includes(to.toLowerCase())),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
