import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/infra/env.server";

let transport: Transporter | undefined;

export function mailTransport(): Transporter {
  if (!transport) {
    const url = new URL(env().SMTP_URL);
    transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === "smtps:" ? 465 : 25)),
      secure: url.protocol === "smtps:",
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      // A local server without TLS (development, tests) is allowed only on loopback.
      ignoreTLS: ["127.0.0.1", "localhost", "::1"].includes(url.hostname),
      pool: true,
      maxConnections: 5,
    });
  }
  return transport;
}

export function closeMailTransport() {
  transport?.close();
  transport = undefined;
}
