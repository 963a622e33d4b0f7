// Sign-in sessions over HTTP: what the cookie looks like, what the table keeps,
// idle and absolute expiry, signing out here and everywhere, and no caching of
// signed-in pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/infra/db/panel.server";
import { sha256Hex } from "~/infra/security/hash.server";
import { startAppServer, type AppServer } from "../support/app-server";
import { createMember, createStaff, getPage, postForm, setCookie } from "../support/helpers-auth";

let server: AppServer;
let secureServer: AppServer;
const HTTPS_URL = "https://panel.example";
const PASSWORD = "a password long enough";

beforeAll(async () => {
  [server, secureServer] = await Promise.all([startAppServer(), startAppServer({ PUBLIC_URL: HTTPS_URL })]);
});
afterAll(async () => {
  await Promise.all([server?.stop(), secureServer?.stop()]);
});

/** Signs in over HTTP; returns the cookie pair, the token and the whole Set-Cookie header. */
async function signIn(email: string, target = server, origin?: string) {
  // Behind a proxy at PUBLIC_URL the browser's Origin is that address, and the proxy passes the host on.
  const headers: Record<string, string> = origin ? { "X-Forwarded-Host": new URL(origin).host } : {};
  const response = await postForm(target.url, "/staff/sign-in", { email, password: PASSWORD }, { origin, headers });
  expect(response.status).toBe(302);
  const cookie = setCookie(response, /panel_session$/);
  expect(cookie).toBeDefined();
  return { ...cookie!, token: cookie!.value };
}

const rowOf = (token: string) => db.session.findUnique({ where: { id: sha256Hex(token) } });
const staffPage = (cookie: string, target = server) => getPage(target.url, "/staff", { cookie });
const minutes = (n: number) => n * 60_000;

describe("sessions", () => {
  it("keep the SHA-256 of the token as the row id, never the token", async () => {
    const staff = await createStaff("hash@sessions.example", PASSWORD);
    const { token } = await signIn(staff.email);
    expect(token.length).toBeGreaterThanOrEqual(43); // 32 random bytes
    const row = await rowOf(token);
    expect(row?.userId).toBe(staff.id);
    expect(await db.session.findUnique({ where: { id: token } })).toBeNull();
    const [raw] = await db.$queryRaw<{ row: string }[]>`SELECT row_to_json(s)::text AS row FROM "Session" s WHERE id = ${row!.id}`;
    expect(raw!.row).not.toContain(token);
  });

  it("set an HttpOnly, SameSite=Lax, Path=/ cookie without Secure on plain http", async () => {
    const staff = await createStaff("flags@sessions.example", PASSWORD);
    const { header } = await signIn(staff.email);
    const attributes = header.split(";").map((part) => part.trim().toLowerCase());
    expect(attributes[0]).toMatch(/^panel_session=/);
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).not.toContain("secure");
    expect(attributes.some((a) => a.startsWith("domain="))).toBe(false);
  });

  it("use the __Host- prefix and Secure when PUBLIC_URL is https", async () => {
    const staff = await createStaff("secure@sessions.example", PASSWORD);
    const { header, pair } = await signIn(staff.email, secureServer, HTTPS_URL);
    const attributes = header.split(";").map((part) => part.trim().toLowerCase());
    expect(attributes[0]).toMatch(/^__host-panel_session=/);
    expect(attributes).toContain("secure");
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes.some((a) => a.startsWith("domain="))).toBe(false);
    // The prefixed cookie is the one that signs in there; the plain name does not.
    expect((await staffPage(pair, secureServer)).status).toBe(200);
    expect((await staffPage(pair.replace("__Host-", ""), secureServer)).status).toBe(302);
  });

  it("slide the idle expiry forward on use (8 hours), never past the absolute limit (7 days)", async () => {
    const staff = await createStaff("sliding@sessions.example", PASSWORD);
    const { token, pair } = await signIn(staff.email);
    const created = (await rowOf(token))!;
    expect(created.expiresAt.getTime() - Date.now()).toBeGreaterThan(minutes(8 * 60 - 1));
    expect(created.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(minutes(8 * 60));
    expect(created.absoluteExpiresAt.getTime() - Date.now()).toBeGreaterThan(minutes(7 * 24 * 60 - 1));

    // Used with an hour of idle time left: extended to a full 8 hours again.
    await db.session.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() + minutes(60)) } });
    expect((await staffPage(pair)).status).toBe(200);
    const slid = (await rowOf(token))!;
    expect(slid.expiresAt.getTime() - Date.now()).toBeGreaterThan(minutes(8 * 60 - 1));

    // With two hours left of the absolute limit, the extension stops there.
    const absolute = new Date(Date.now() + minutes(120));
    await db.session.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() + minutes(60)), absoluteExpiresAt: absolute } });
    expect((await staffPage(pair)).status).toBe(200);
    expect((await rowOf(token))!.expiresAt.getTime()).toBe(absolute.getTime());
  });

  it("end after 8 idle hours: the request is sent to sign in and the row is gone", async () => {
    const staff = await createStaff("idle@sessions.example", PASSWORD);
    const { token, pair } = await signIn(staff.email);
    await db.session.update({ where: { id: sha256Hex(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const response = await staffPage(pair);
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("Location")!, server.url).pathname).toBe("/staff/sign-in");
    expect(await rowOf(token)).toBeNull();
  });

  it("end 7 days after sign-in however active: the request is sent to sign in and the row is gone", async () => {
    const staff = await createStaff("absolute@sessions.example", PASSWORD);
    const { token, pair } = await signIn(staff.email);
    await db.session.update({
      where: { id: sha256Hex(token) },
      data: { expiresAt: new Date(Date.now() + minutes(6 * 60)), absoluteExpiresAt: new Date(Date.now() - 1000) },
    });
    const response = await staffPage(pair);
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("Location")!, server.url).pathname).toBe("/staff/sign-in");
    expect(await rowOf(token)).toBeNull();
  });

  it("stop working when the account is disabled", async () => {
    const staff = await createStaff("disabled@sessions.example", PASSWORD);
    const { pair } = await signIn(staff.email);
    expect((await staffPage(pair)).status).toBe(200);
    await db.user.update({ where: { id: staff.id }, data: { status: "DISABLED" } });
    expect((await staffPage(pair)).status).toBe(302);
  });

  it("sign out deletes this session's row only and clears the cookie; a GET signs no one out", async () => {
    const staff = await createStaff("signout@sessions.example", PASSWORD);
    const here = await signIn(staff.email);
    const elsewhere = await signIn(staff.email);

    const viaGet = await getPage(server.url, "/sign-out", { cookie: here.pair });
    expect(viaGet.status).toBe(302);
    expect(await rowOf(here.token)).not.toBeNull();

    const response = await postForm(server.url, "/sign-out", {}, { cookie: here.pair });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/staff/sign-in");
    const cleared = setCookie(response, "panel_session");
    expect(cleared?.value).toBe("");
    expect(cleared?.header).toMatch(/Max-Age=0/i);
    expect(await rowOf(here.token)).toBeNull();
    expect(await rowOf(elsewhere.token)).not.toBeNull();
    expect((await staffPage(here.pair)).status).toBe(302);
    expect((await staffPage(elsewhere.pair)).status).toBe(200);
  });

  it("sign out everywhere deletes every row of the user and no one else's", async () => {
    const staff = await createStaff("everywhere@sessions.example", PASSWORD);
    const other = await createStaff("bystander@sessions.example", PASSWORD);
    const sessions = [await signIn(staff.email), await signIn(staff.email), await signIn(staff.email)];
    const bystander = await signIn(other.email);
    expect(await db.session.count({ where: { userId: staff.id } })).toBe(3);

    const response = await postForm(server.url, "/sign-out", { intent: "everywhere" }, { cookie: sessions[0]!.pair });
    expect(response.status).toBe(302);
    expect(await db.session.count({ where: { userId: staff.id } })).toBe(0);
    for (const session of sessions) expect((await staffPage(session.pair)).status).toBe(302);
    expect(await rowOf(bystander.token)).not.toBeNull();
    expect((await staffPage(bystander.pair)).status).toBe(200);
  });

  it("mark signed-in pages Cache-Control: no-store", async () => {
    const staff = await createStaff("cache@sessions.example", PASSWORD);
    const { pair } = await signIn(staff.email);
    const dashboard = await staffPage(pair);
    expect(dashboard.status).toBe(200);
    expect(dashboard.headers.get("Cache-Control")).toMatch(/no-store/);

    const member = await createMember("cache.member@sessions.example");
    const { createSession } = await import("~/infra/auth/session.server");
    const memberCookie = (await createSession(member.id, new Request("http://localhost/"))).split(";")[0]!;
    const account = await getPage(server.url, "/account", { cookie: memberCookie });
    expect(account.status).toBe(200);
    expect(account.headers.get("Cache-Control")).toMatch(/no-store/);
    const home = await getPage(server.url, "/", { cookie: memberCookie });
    expect(home.headers.get("Cache-Control")).toMatch(/no-store/);
  });
});
