import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/infra/env.server";

let transport: Transporter | undefined;

/** Pooled connection settings for the server in SMTP_URL (shared with the campaign pool). */
export function smtpPoolOptions() {
  const url = new URL(env().SMTP_URL);
  return {
    host: url.hostname,
    port: Number(url.port || (url.protocol === "smtps:" ? 465 : 25)),
    secure: url.protocol === "smtps:",
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    // A local server without TLS (development, tests) is allowed only on loopback.
    ignoreTLS: ["127.0.0.1", "localhost", "::1"].includes(url.hostname),
    pool: true as const,
    maxConnections: 5,
  };
}

export function mailTransport(): Transporter {
  if (!transport) transport = nodemailer.createTransport(smtpPoolOptions());
  return transport;
}

export function closeMailTransport() {
  transport?.close();
  transport = undefined;
}
