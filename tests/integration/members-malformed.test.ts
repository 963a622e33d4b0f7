// Whatever a client sends to the member actions (wrong types, huge or odd
// strings, unknown fields, broken encodings), the answer is never a 5xx.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
});
