import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/infra/auth/session.server";
import { db } from "~/infra/db/panel.server";
import { verifyPassword } from "~/modules/staff/password.server";
import { startAppServer, type AppServer } from "../support/app-server";

let server: AppServer;
let adminCookie: string;
let researcherCookie: string;
let adminId: string;

async function sessionFor(roles: ("ADMIN" | "RESEARCHER")[], email: string) {
  const user = await db.user.create({ data: { kind: "STAFF", roles, email, name: email } });
  return { id: user.id, cookie: (await createSession(user.id, new Request("http://localhost/"))).split(";")[0]! };
}

beforeAll(async () => {
  server = await startAppServer();
  const admin = await sessionFor(["ADMIN"], "admin@accounts.example");
  adminId = admin.id;
  adminCookie = admin.cookie;
  researcherCookie = (await sessionFor(["RESEARCHER"], "researcher@accounts.example")).cookie;
});
afterAll(async () => server?.stop());

function post(cookie: string, body: URLSearchParams) {
  return fetch(`${server.url}/staff/accounts/new`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.url, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
}

const valid = () =>
  new URLSearchParams([
    ["name", "Nora Uusi"],
    ["email", "Nora@Staff.Example"],
    ["language", "sv"],
    ["roles", "RESEARCHER"],
    ["roles", "FACILITATOR"],
    ["password", "a long enough password"],
  ]);

describe("admin creates staff accounts", () => {
  it("creates the account with the chosen roles, a hashed password and an audit event", async () => {
    const response = await post(adminCookie, valid());
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toContain("/staff/accounts?created=");
    const user = await db.user.findFirstOrThrow({ where: { email: "nora@staff.example", kind: "STAFF" } });
    expect(user.roles.sort()).toEqual(["FACILITATOR", "RESEARCHER"]);
    expect(user.language).toBe("sv");
    expect(await verifyPassword(user.passwordHash!, "a long enough password")).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "staff.create", subjectId: user.id } });
    expect(audit.actorId).toBe(adminId);
  });

  it("answers a taken address and bad fields with 400, messages next to fields, and keeps what was typed", async () => {
    const taken = await post(adminCookie, valid());
    expect(taken.status).toBe(400);
    const html = await taken.text();
    expect(html).toContain('id="email-error"');
    expect(html).toContain("Nora Uusi");
    expect(html).not.toContain("a long enough password");

    const bad = new URLSearchParams([["name", ""], ["email", "not-an-email"], ["language", "de"], ["password", "short"]]);
    const response = await post(adminCookie, bad);
    expect(response.status).toBe(400);
    const page = await response.text();
    for (const field of ["name", "email", "roles", "password"]) expect(page).toContain(`id="${field}-error"`);
    expect(page).toContain('value="not-an-email"');
  });

  it("refuses a researcher with 403 and creates nothing", async () => {
    const body = valid();
    body.set("email", "sneaky@staff.example");
    const response = await post(researcherCookie, body);
    expect(response.status).toBe(403);
    expect(await db.user.count({ where: { email: "sneaky@staff.example" } })).toBe(0);
  });
});
