// Small helpers for the sign-in, session and HTTP tests: people made straight
// in the panel store, form POSTs that look like the browser's, and the code
// read back from the email the SMTP sink caught.
import { db } from "../../app/infra/db/panel.server";
import { currentVersion, recordConsent } from "../../app/modules/consent/consent.server";
import { MEMBERSHIP_TERMS } from "../../app/modules/consent/purposes";
import { hashPassword } from "../../app/modules/staff/password.server";
import type { SinkMessage, SmtpSink } from "./smtp-sink";

type Language = "fi" | "sv" | "en";

/**
 * A member who has accepted the current membership terms, so a sign-in lands
 * on /account. Call after the server has booted (it publishes the terms).
 */
export async function createMember(
  email: string,
  options: { language?: Language; status?: "ACTIVE" | "PENDING" | "DISABLED" } = {},
) {
  const user = await db.user.create({
    data: { kind: "MEMBER", roles: ["MEMBER"], email, language: options.language ?? "fi", status: options.status ?? "ACTIVE" },
  });
  const terms = await currentVersion(MEMBERSHIP_TERMS);
  await db.$transaction((tx) =>
    recordConsent(tx, { userId: user.id, versionId: terms.id, language: user.language, channel: "JOIN", action: "GIVEN" }),
  );
  return user;
}

export async function createStaff(
  email: string,
  password: string,
  options: { roles?: ("RESEARCHER" | "FACILITATOR" | "FEEDBACK_HANDLER" | "ADMIN")[]; status?: "ACTIVE" | "DISABLED"; language?: Language } = {},
) {
  return db.user.create({
    data: {
      kind: "STAFF",
      roles: options.roles ?? ["RESEARCHER"],
      email,
      name: email,
      status: options.status ?? "ACTIVE",
      language: options.language ?? "fi",
      passwordHash: await hashPassword(password),
    },
  });
}

let ipCounter = 0;
/** A client address of its own, so per-IP counters of one test do not touch another's. */
export function freshIp(): string {
  ipCounter++;
  return `10.0.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

export interface PostOptions {
  cookie?: string;
  /** the browser's Origin header; null sends none */
  origin?: string | null;
  /** sent as X-Forwarded-For (the server under test trusts its proxy) */
  ip?: string;
  headers?: Record<string, string>;
}

/** A form POST as a browser on the same site sends it; redirects are not followed. */
export function postForm(baseUrl: string, path: string, body: URLSearchParams | Record<string, string>, options: PostOptions = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", ...options.headers };
  if (options.origin !== null) headers.Origin = options.origin ?? baseUrl;
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.ip) headers["X-Forwarded-For"] = options.ip;
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers,
    body: body instanceof URLSearchParams ? body : new URLSearchParams(body),
  });
}

export function getPage(baseUrl: string, path: string, options: { cookie?: string; headers?: Record<string, string> } = {}) {
  return fetch(`${baseUrl}${path}`, {
    redirect: "manual",
    headers: { ...(options.cookie ? { Cookie: options.cookie } : {}), ...options.headers },
  });
}

/** name=value of the Set-Cookie header whose cookie name matches, or undefined. */
export function setCookie(response: Response, name: string | RegExp): { pair: string; header: string; value: string } | undefined {
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(";")[0]!;
    const cookieName = pair.slice(0, pair.indexOf("="));
    if (typeof name === "string" ? cookieName === name : name.test(cookieName)) {
      return { pair, header, value: pair.slice(pair.indexOf("=") + 1) };
    }
  }
  return undefined;
}

/** Waits for the next message to `address` after the first `seen` ones to it. */
export async function nextMessageTo(sink: SmtpSink, address: string, seen: number, timeoutMs = 10_000): Promise<SinkMessage> {
  const started = Date.now();
  for (;;) {
    const mine = sink.messages.filter((m) => m.to.includes(address.toLowerCase()));
    if (mine.length > seen) return mine[seen]!;
    if (Date.now() - started > timeoutMs) throw new Error(`no new email to ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function messagesTo(sink: SmtpSink, address: string) {
  return sink.messages.filter((m) => m.to.includes(address.toLowerCase()));
}

/** The 8-digit code in a sign-in email's plain-text part. */
export function codeIn(message: SinkMessage): string {
  const match = /(?:^|\s)(\d{8})(?:\s|$)/.exec(message.parsed.text ?? "");
  if (!match) throw new Error(`no 8-digit code in:\n${message.parsed.text}`);
  return match[1]!;
}

/**
 * The throttles count in fixed windows. A test that must see several hits in
 * one window waits for the next window when too little of this one is left.
 */
export async function awayFromWindowEdge(windowSeconds: number, needMs = 15_000) {
  const windowMs = windowSeconds * 1000;
  const left = windowMs - (Date.now() % windowMs);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 250));
}

/** A page's HTML with the per-request CSP nonce and the given strings blanked out, for comparison. */
export function comparable(html: string, blank: string[] = []) {
  let out = html.replace(/nonce="[^"]*"/g, 'nonce=""');
  for (const value of blank) out = out.split(value).join("…");
  return out;
}
