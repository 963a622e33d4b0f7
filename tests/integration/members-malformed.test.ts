// Whatever a client sends to the member actions (wrong types, huge or odd
// strings, unknown fields, broken encodings), the answer is never a 5xx.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/infra/db/panel.server";
import { consentLinkToken } from "~/infra/mail/links.server";
import { CookieJar, startAppServer, type AppServer } from "../support/app-server";
import { createMember, postForm } from "../support/members";

let server: AppServer;
let memberCookie: string;
let joinCookie: string;
let consentPath: string;

beforeAll(async () => {
  server = await startAppServer();
  const member = await createMember("fuzz@malformed.example");
  memberCookie = member.cookie;
  consentPath = `/consents/${consentLinkToken(member.id)}`;
  const jar = new CookieJar();
  const html = await (await fetch(`${server.url}/join`)).text();
  const termsVersionId = /name="termsVersionId" value="([^"]+)"/.exec(html)![1]!;
  jar.store(
    await postForm(server.url, "/join", { email: "fuzz-join@malformed.example", language: "fi", birthYear: "1990", acceptTerms: "yes", termsVersionId }),
  );
  joinCookie = jar.header();
});
afterAll(async () => server?.stop());

const fieldNames = ["email", "language", "birthYear", "acceptTerms", "profileUse", "termsVersionId", "code", "purpose", "intent", "confirm", "redirectTo"];
const value = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ minLength: 5000, maxLength: 30_000 }),
  fc.constantFrom("", "yes", "no", "1985", "-1", "1e9", "NaN", "fi", "xx", "membership-terms", "withdraw", "give", "//evil.example", "\u0000", "😀".repeat(100)),
);
const body = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...fieldNames), fc.string({ maxLength: 20 })), value), { maxLength: 12 });
const contentType = fc.constantFrom(
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=zzz",
  "multipart/form-data",
  "text/plain",
  "application/json",
);

const targets = () => [
  { path: "/join", cookie: undefined },
  { path: "/join/code", cookie: joinCookie },
  { path: "/join/confirm/abcdefghijklmnopqrstuvwxyz", cookie: undefined },
  { path: "/account/terms", cookie: memberCookie },
  { path: "/account/consents", cookie: memberCookie },
  { path: consentPath, cookie: undefined },
  { path: "/account/leave", cookie: memberCookie },
];

describe("malformed input to member actions", () => {
  it("never answers 5xx", async () => {
    for (const target of targets()) {
      await fc.assert(
        fc.asyncProperty(body, contentType, async (fields, type) => {
          // Never confirm leaving by chance: that would end the fuzzing member.
          const safe = target.path === "/account/leave" ? fields.filter(([name]) => name !== "confirm") : fields;
          const encoded = type.startsWith("application/x-www-form-urlencoded")
            ? new URLSearchParams(safe).toString()
            : type === "application/json"
              ? JSON.stringify(Object.fromEntries(safe))
              : safe.map(([k, v]) => `${k}=${v}`).join("&");
          const response = await fetch(`${server.url}${target.path}`, {
            method: "POST",
            redirect: "manual",
            headers: { Origin: server.url, "Content-Type": type, ...(target.cookie ? { Cookie: target.cookie } : {}) },
            body: encoded,
          });
          await response.arrayBuffer();
          expect(response.status, `${target.path} ${type}`).toBeLessThan(500);
        }),
        { numRuns: 25 },
      );
    }
  });

  it("a NUL in the text of an otherwise valid form is dropped, not a 5xx", async () => {
    // The public feedback form as its page renders it, every choice at its
    // first option and every text field holding a NUL: it passes the checks
    // and reaches the store (every form reads its fields through readForm).
    const fixed: Record<string, string> = { website: "", contactPhone: "040 123 4567" };
    const form = formFields(await (await fetch(`${server.url}/feedback`)).text()).map(([name, value]): [string, string] => [name, fixed[name] ?? value]);
    expect(form.map(([name]) => name)).toEqual(expect.arrayContaining(["text", "contactName"]));
    const response = await fetch(`${server.url}/feedback`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
    expect(response.status).toBe(302);
    const stored = await db.feedback.findFirstOrThrow({ where: { contactEmail: "nul@malformed.example" } });
    expect([stored.text, stored.contactName]).toEqual(["Hyvä palvelu", "Hyvä palvelu"]);
  });
});

/** The fields of the page's forms: hidden values kept, the first option of each choice, "Hyvä\u0000 palvelu" in text. */
function formFields(html: string): [string, string][] {
  const fields: [string, string][] = [];
  const seen = new Set<string>();
  const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  for (const [tag, kind] of html.matchAll(/<(input|textarea|select)\b[^>]*>/g)) {
    const name = attribute(tag, "name");
    if (!name || seen.has(name)) continue;
    const type = kind === "input" ? (attribute(tag, "type") ?? "text") : kind;
    if (type === "submit" || type === "button") continue;
    seen.add(name);
    if (type === "hidden" || type === "radio" || type === "checkbox") fields.push([name, attribute(tag, "value") ?? "yes"]);
    else if (type === "select") {
      const options = html.slice(html.indexOf(tag)).split("</select>")[0]!;
      fields.push([name, [...options.matchAll(/<option[^>]*value="([^"]+)"/g)][0]?.[1] ?? ""]);
    } else if (type === "email") fields.push([name, "nul@malformed.example"]);
    else if (type === "number") fields.push([name, "1990"]);
    else fields.push([name, "Hyvä\u0000 palvelu"]);
  }
  return fields;
}
