// The SMTP pool campaign mail goes through: the same server and settings as
// the generic outbox's (app/infra/mail/transport.server.ts, SMTP_URL), but a
// pool of its own, so a sign-in code never waits behind a campaign's queue.
//
// Its sockets set TCP_NODELAY. nodemailer 6 leaves Nagle's algorithm on, and
// the last small write of each message (the "." ending DATA) then waits for
// the server to acknowledge the previous one, which a Linux peer delays by up
// to 40 ms: one connection manages about 20 messages a second however fast
// the server is. (Newer nodemailer sets it too.)
import net from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import { smtpPoolOptions } from "~/infra/mail/transport.server";

const CONNECT_TIMEOUT_MS = 30_000;

let transport: Transporter | undefined;

/** A connected TCP socket without Nagle's delay; TLS, when wanted, is set up on it by nodemailer. */
export function noDelaySocket(options: { host: string; port: number }, callback: (error: Error | null, socket?: { connection: net.Socket }) => void) {
  const socket = net.connect({ host: options.host, port: options.port });
  socket.setNoDelay(true);
  socket.setTimeout(CONNECT_TIMEOUT_MS);
  const fail = (error: Error) => {
    socket.destroy();
    callback(error);
  };
  const timeout = () => fail(Object.assign(new Error("Connection timeout"), { code: "ETIMEDOUT" }));
  socket.once("error", fail);
  socket.once("timeout", timeout);
  socket.once("connect", () => {
    socket.off("error", fail);
    socket.off("timeout", timeout);
    socket.setTimeout(0);
    callback(null, { connection: socket });
  });
}

export function campaignTransport(): Transporter {
  if (!transport) {
    transport = nodemailer.createTransport({
      ...smtpPoolOptions(),
      // A connection carries many messages before it is renewed.
      maxMessages: 1000,
      getSocket: noDelaySocket,
    } as nodemailer.TransportOptions);
  }
  return transport;
}

export function closeCampaignTransport() {
  transport?.close();
  transport = undefined;
}
