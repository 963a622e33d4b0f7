// Staff sign in with a password: argon2id hashes, one answer for every kind of
// failure, and throttling per address and per client address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/infra/db/panel.server";
import { createStaffAccount } from "~/modules/staff/accounts.server";
import { verifyPassword } from "~/modules/staff/password.server";
import { startAppServer, type AppServer } from "../support/app-server";
import { awayFromWindowEdge, comparable, createStaff, freshIp, getPage, postForm, setCookie } from "../support/helpers-auth";

let server: AppServer;
beforeAll(async () => {
  server = await startAppServer({ TRUST_PROXY: "true" });
});
afterAll(async () => server?.stop());

const PASSWORD = "correct horse battery staple";
const INVALID_FI = "Sähköpostiosoite tai salasana on väärin.";

function signIn(email: string, password: string, ip = freshIp()) {
  return postForm(server.url, "/staff/sign-in", { email, password }, { ip });
}

describe("staff passwords", () => {
  it("are stored as salted argon2id hashes (OWASP minimum parameters)", async () => {
    const admin = await createStaff("admin@password.example", PASSWORD, { roles: ["ADMIN"] });
    const input = { name: "Hash", language: "fi" as const, roles: ["RESEARCHER" as const], password: PASSWORD };
    const one = await createStaffAccount({ ...input, email: "one@password.example" }, admin.id);
    const two = await createStaffAccount({ ...input, email: "two@password.example" }, admin.id);
    expect(one.ok && two.ok).toBe(true);
    const hashes = await db.user.findMany({
      where: { email: { in: ["one@password.example", "two@password.example"] } },
      select: { passwordHash: true },
    });
    expect(hashes).toHaveLength(2);
    for (const { passwordHash } of hashes) {
      expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
      expect(passwordHash).not.toContain(PASSWORD);
      expect(await verifyPassword(passwordHash!, PASSWORD)).toBe(true);
      expect(await verifyPassword(passwordHash!, `${PASSWORD}!`)).toBe(false);
    }
    expect(hashes[0]!.passwordHash).not.toBe(hashes[1]!.passwordHash);
  });

  it("sign a staff member in with the right password", async () => {
    const staff = await createStaff("right@password.example", PASSWORD);
    const response = await signIn("Right@Password.Example ", PASSWORD);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/staff");
    const session = setCookie(response, "panel_session");
    expect(session).toBeDefined();
    expect(await db.session.count({ where: { userId: staff.id } })).toBe(1);
    const dashboard = await getPage(server.url, "/staff", { cookie: session!.pair });
    expect(dashboard.status).toBe(200);
  });

  it("answer a wrong password, an unknown address and a disabled account alike, and sign no one in", async () => {
    const active = await createStaff("wrong@password.example", PASSWORD);
    const disabled = await createStaff("gone@password.example", PASSWORD, { status: "DISABLED" });
    const answers = {
      wrongPassword: await signIn(active.email, "not the password at all"),
      unknownAddress: await signIn("nobody@password.example", PASSWORD),
      disabledAccount: await signIn(disabled.email, PASSWORD),
    };
    const pages: Record<string, string> = {};
    for (const [kind, response] of Object.entries(answers)) {
      expect(response.status, kind).toBe(400);
      expect(setCookie(response, "panel_session"), kind).toBeUndefined();
      const html = await response.text();
      expect(html, kind).toContain(INVALID_FI);
      // What was typed as a password never comes back in the page.
      expect(html, kind).not.toContain("not the password at all");
      expect(html, kind).not.toContain(PASSWORD);
      pages[kind] = comparable(html, [active.email, "nobody@password.example", disabled.email]);
    }
    expect(pages.unknownAddress).toBe(pages.wrongPassword);
    expect(pages.disabledAccount).toBe(pages.wrongPassword);
    expect(await db.session.count({ where: { userId: { in: [active.id, disabled.id] } } })).toBe(0);
  });

  it("refuse the eleventh try for one address in 15 minutes, even with the right password", async () => {
    await awayFromWindowEdge(15 * 60);
    const staff = await createStaff("throttled@password.example", PASSWORD);
    for (let i = 0; i < 10; i++) expect((await signIn(staff.email, `guess number ${i}`)).status).toBe(400);
    const eleventh = await signIn(staff.email, PASSWORD);
    expect(eleventh.status).toBe(429);
    expect(setCookie(eleventh, "panel_session")).toBeUndefined();
    expect(await eleventh.text()).toContain("Liian monta yritystä");
    expect(await db.session.count({ where: { userId: staff.id } })).toBe(0);
  });

  it("refuse the 51st try from one client address in 15 minutes", async () => {
    await awayFromWindowEdge(15 * 60);
    const staff = await createStaff("from.one.ip@password.example", PASSWORD);
    const ip = freshIp();
    for (let i = 0; i < 50; i++) expect((await signIn(`guess-${i}@password.example`, PASSWORD, ip)).status).toBe(400);
    expect((await signIn(staff.email, PASSWORD, ip)).status).toBe(429);
    expect((await signIn(staff.email, PASSWORD, freshIp())).status).toBe(302);
  });
});
