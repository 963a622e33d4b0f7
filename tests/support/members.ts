// Shortcuts for tests about members: a member who accepted the current terms,
// a signed-in cookie, and same-origin form posts over HTTP.
import { afterAll, beforeAll } from "vitest";
import { createSession } from "~/infra/auth/session.server";
import { db } from "~/infra/db/panel.server";
import type { Language } from "~/infra/i18n/i18n";
import { currentVersion, ensureBaseConsents, recordConsent } from "~/modules/consent/consent.server";
import { MEMBERSHIP_TERMS } from "~/modules/consent/purposes";
import { startAppServer, type AppServer } from "./app-server";
import { startSmtpSink, type SmtpSink } from "./smtp-sink";

export async function createMember(email: string, options: { language?: Language; acceptTerms?: boolean } = {}) {
  await ensureBaseConsents();
  const language = options.language ?? "fi";
  const user = await db.user.create({
    data: { kind: "MEMBER", roles: ["MEMBER"], email, language, profile: { create: {} }, preferences: { create: {} } },
  });
  if (options.acceptTerms !== false) {
    const terms = await currentVersion(MEMBERSHIP_TERMS);
    await db.$transaction((tx) => recordConsent(tx, { userId: user.id, versionId: terms.id, language, channel: "JOIN", action: "GIVEN" }));
  }
  const cookie = (await createSession(user.id, new Request("http://localhost/", { headers: { "User-Agent": "test-agent" } }))).split(";")[0]!;
  return { id: user.id, email, cookie };
}

/** A same-origin form POST (the CSRF check wants an Origin). */
export function postForm(baseUrl: string, path: string, body: URLSearchParams | Record<string, string>, cookie?: string) {
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      Origin: baseUrl,
      "Content-Type": "application/x-www-form-urlencoded",
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: body instanceof URLSearchParams ? body : new URLSearchParams(body),
  });
}

export function getPage(baseUrl: string, path: string, cookie?: string) {
  return fetch(`${baseUrl}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

/** The first 8-digit code in an email's text. */
export function codeIn(text: string | undefined): string {
  const code = /\b(\d{8})\b/.exec(text ?? "")?.[1];
  if (!code) throw new Error(`no code in: ${text}`);
  return code;
}

/** The app server on this file's databases, mailing to a real SMTP sink, for the whole file. */
export function serverWithSink(extraEnv: Record<string, string | undefined> = {}) {
  const context = {} as { server: AppServer; sink: SmtpSink };
  beforeAll(async () => {
    context.sink = await startSmtpSink();
    context.server = await startAppServer({ SMTP_URL: context.sink.url, ...extraEnv });
  });
  afterAll(async () => {
    await context.server?.stop();
    await context.sink?.close();
  });
  return context;
}
