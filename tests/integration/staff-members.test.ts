// The admin's member directory and consent texts over real HTTP: access for
// every role, the reason asked before identities are shown, an audit event for
// every view and export (and no data when the audit cannot be written),
// publishing consent versions, and malformed input never answering 500.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/infra/auth/session.server";
import { db } from "~/infra/db/panel.server";
import { recordConsent } from "~/modules/consent/consent.server";
import { startAppServer, type AppServer } from "../support/app-server";

type Who = "MEMBER" | "RESEARCHER" | "FACILITATOR" | "FEEDBACK_HANDLER" | "ADMIN";

let server: AppServer;
const cookies = new Map<Who, string>();
const ids = new Map<Who, string>();
const members: Record<"alice" | "bob" | "carol", string> = { alice: "", bob: "", carol: "" };
const unknownId = "00000000-0000-4000-8000-000000000000";

async function signedIn(who: Who) {
  const user = await db.user.create({
    data: { kind: who === "MEMBER" ? "MEMBER" : "STAFF", roles: [who], email: `${who.toLowerCase()}@people.example`, name: who },
  });
  ids.set(who, user.id);
  cookies.set(who, (await createSession(user.id, new Request("http://localhost/"))).split(";")[0]!);
}

async function member(email: string, options: { status?: "ACTIVE" | "DISABLED"; createdAt?: Date } = {}) {
  const user = await db.user.create({ data: { kind: "MEMBER", roles: ["MEMBER"], email, language: "sv", ...options } });
  const terms = await db.consentVersion.findFirstOrThrow({ where: { purpose: "membership-terms", version: 1 } });
  await db.$transaction((tx) => recordConsent(tx, { userId: user.id, versionId: terms.id, language: "sv", channel: "JOIN", action: "GIVEN" }));
  return user.id;
}

beforeAll(async () => {
  server = await startAppServer();
  for (const who of ["MEMBER", "RESEARCHER", "FACILITATOR", "FEEDBACK_HANDLER", "ADMIN"] as const) await signedIn(who);
  members.alice = await member("alice@members.example");
  members.bob = await member("bob@members.example", { status: "DISABLED" });
  // 21:30 UTC on 30 June is already 1 July in Helsinki.
  members.carol = await member("carol@members.example", { createdAt: new Date("2020-06-30T21:30:00Z") });
  await db.memberProfile.create({ data: { userId: members.alice, birthYear: 1980, municipality: "Tampere", accessibilityNeeds: ["REMOTE_ONLY"] } });
  await db.memberPreferences.create({ data: { userId: members.alice, maxInvitationsPerMonth: 3, studyTypes: ["SURVEY"] } });
  const profileUse = await db.consentVersion.findFirstOrThrow({ where: { purpose: "profile-use", version: 1 } });
  await db.$transaction((tx) =>
    recordConsent(tx, { userId: members.alice, versionId: profileUse.id, language: "fi", channel: "WEB", action: "WITHDRAWN" }),
  );
});
afterAll(async () => server?.stop());

function get(who: Who | null, path: string) {
  const cookie = who ? cookies.get(who) : undefined;
  return fetch(`${server.url}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

function post(who: Who, path: string, body: BodyInit, contentType = "application/x-www-form-urlencoded") {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.url, Cookie: cookies.get(who)!, "Content-Type": contentType },
    body,
  });
}

const memberEmails = /(alice|bob|carol)@members\.example/;

async function auditCount(action: string) {
  return db.auditEvent.count({ where: { action } });
}

function validVersion(overrides: Record<string, string> = {}) {
  const body = new URLSearchParams({
    title_fi: "Jäsenyysehdot 2",
    body_fi: "Uudet ehdot suomeksi.",
    title_sv: "Medlemsvillkor 2",
    body_sv: "Nya villkor på svenska.",
    title_en: "Membership terms 2",
    body_en: "New terms in English.",
    confirm: "yes",
  });
  for (const [key, value] of Object.entries(overrides)) body.set(key, value);
  return body;
}

describe("who may use the member directory and consent pages", () => {
  const paths = () => [
    "/staff/members",
    "/staff/members?reason=member-request",
    `/staff/members/${members.alice}?reason=member-request`,
    `/staff/members/${members.alice}/export?reason=member-request`,
    "/staff/consents",
    "/staff/consents/membership-terms/new",
  ];

  for (const who of ["MEMBER", "RESEARCHER", "FACILITATOR", "FEEDBACK_HANDLER"] as const) {
    it(`answers ${who} 403 on every loader and action, and writes nothing`, async () => {
      const audits = await db.auditEvent.count();
      for (const path of paths()) {
        const response = await get(who, path);
        expect(response.status, path).toBe(403);
        expect(await response.text()).not.toMatch(memberEmails);
      }
      for (const purpose of ["membership-terms", "profile-use", "no-such-purpose"]) {
        const response = await post(who, `/staff/consents/${purpose}/new`, validVersion());
        expect(response.status, purpose).toBe(403);
      }
      // Routes without an action refuse a POST without showing anything.
      for (const path of paths().filter((path) => !path.endsWith("/new"))) {
        const response = await post(who, path, "reason=member-request");
        expect([403, 405], path).toContain(response.status);
        expect(await response.text()).not.toMatch(memberEmails);
      }
      expect(await db.consentVersion.count({ where: { purpose: "membership-terms" } })).toBe(1);
      expect(await db.auditEvent.count()).toBe(audits);
    });
  }

  it("sends a signed-out visitor to the staff sign-in", async () => {
    for (const path of paths()) {
      const response = await get(null, path);
      expect(response.status).toBe(302);
      expect(new URL(response.headers.get("Location")!, server.url).pathname).toBe("/staff/sign-in");
    }
  });
});

describe("the reason comes before identities", () => {
  it("shows only the reason form without a reason, and audits nothing", async () => {
    const before = await auditCount("member.directory.view");
    const response = await get("ADMIN", "/staff/members");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('name="reason"');
    expect(html).not.toMatch(memberEmails);
    expect(await auditCount("member.directory.view")).toBe(before);
  });

  it("asks again, with a message, for an unknown reason or 'other' without words", async () => {
    for (const query of ["reason=curiosity", "reason=other", "reason=other&why=%20%20", `reason=other&why=${"x".repeat(600)}`]) {
      const response = await get("ADMIN", `/staff/members?${query}`);
      expect(response.status, query).toBe(400);
      const html = await response.text();
      expect(html).toMatch(/id="(reason|why)-error"/);
      expect(html).not.toMatch(memberEmails);
    }
  });

  it("sends the detail and export to the reason form first, then back", async () => {
    for (const path of [`/staff/members/${members.alice}`, `/staff/members/${members.alice}/export`]) {
      const response = await get("ADMIN", path);
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get("Location")!, server.url);
      expect(location.pathname).toBe("/staff/members");
      expect(location.searchParams.get("next")).toBe(path);
      const form = await get("ADMIN", location.pathname + location.search);
      const html = await form.text();
      expect(html).toContain('name="next"');
      expect(html).not.toMatch(memberEmails);
      const chosen = await get("ADMIN", `/staff/members?next=${encodeURIComponent(path)}&reason=correcting-data`);
      expect(chosen.status).toBe(302);
      expect(chosen.headers.get("Location")).toBe(`${path}?reason=correcting-data`);
    }
    // Only a member page may follow the form.
    const elsewhere = await get("ADMIN", `/staff/members?next=${encodeURIComponent("https://evil.example/")}&reason=correcting-data`);
    expect(elsewhere.status).toBe(200);
  });
});

describe("the member directory with a reason", () => {
  it("lists members (not staff) and writes an audit event with the reason and the search", async () => {
    const response = await get("ADMIN", "/staff/members?reason=data-subject-request&q=ALICE");
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain("alice@members.example");
    expect(html).not.toContain("bob@members.example");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "member.directory.view" }, orderBy: { createdAt: "desc" } });
    expect(audit.actorId).toBe(ids.get("ADMIN"));
    expect(audit.reason).toBe("data-subject-request");
    expect(audit.data).toMatchObject({ q: "ALICE", page: 1 });

    const all = await (await get("ADMIN", "/staff/members?reason=other&why=Yearly%20check")).text();
    for (const name of ["alice", "bob", "carol"]) expect(all).toContain(`${name}@members.example`);
    expect(all).toContain("member@people.example");
    expect(all).not.toContain("researcher@people.example");
    expect(all).toContain(`/staff/members/${members.alice}?reason=other&amp;why=Yearly+check`);
    const other = await db.auditEvent.findFirstOrThrow({ where: { action: "member.directory.view" }, orderBy: { createdAt: "desc" } });
    expect(other.reason).toBe("other: Yearly check");
  });

  it("filters by status and by the day joined in Helsinki", async () => {
    const disabled = await (await get("ADMIN", "/staff/members?reason=correcting-data&status=DISABLED")).text();
    expect(disabled).toContain("bob@members.example");
    expect(disabled).not.toContain("alice@members.example");

    const onFirstJuly = await (await get("ADMIN", "/staff/members?reason=correcting-data&joinedAfter=2020-07-01&joinedBefore=2020-07-01")).text();
    expect(onFirstJuly).toContain("carol@members.example");
    expect(onFirstJuly).not.toContain("alice@members.example");
    const byJune = await (await get("ADMIN", "/staff/members?reason=correcting-data&joinedBefore=2020-06-30")).text();
    expect(byJune).not.toMatch(memberEmails);
    expect(byJune).toContain('class="empty-state"');
    const later = await (await get("ADMIN", "/staff/members?reason=correcting-data&joinedAfter=2020-07-02")).text();
    expect(later).not.toContain("carol@members.example");
    expect(later).toContain("alice@members.example");
  });

  it("pages 25 at a time", async () => {
    await db.user.createMany({
      data: Array.from({ length: 27 }, (_, index) => ({ kind: "MEMBER" as const, roles: ["MEMBER" as const], email: `page-${index}@paging.example` })),
    });
    const first = await (await get("ADMIN", "/staff/members?reason=correcting-data&q=paging.example")).text();
    const rows = (html: string) => html.match(/>page-\d+@paging\.example<\/a>/g)?.length;
    expect(rows(first)).toBe(25);
    expect(first).toContain('class="pagination"');
    const second = await (await get("ADMIN", "/staff/members?reason=correcting-data&q=paging.example&page=2")).text();
    expect(rows(second)).toBe(2);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "member.directory.view" }, orderBy: { createdAt: "desc" } });
    expect(audit.data).toMatchObject({ q: "paging.example", page: 2 });
  });

  it("never answers 500 to odd query strings", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom("reason", "why", "q", "status", "joinedAfter", "joinedBefore", "page", "next", "x"), fc.string({ maxLength: 300 })), {
          maxLength: 8,
        }),
        async (pairs) => {
          const response = await get("ADMIN", `/staff/members?${new URLSearchParams(pairs)}`);
          expect([200, 302, 400]).toContain(response.status);
          await response.arrayBuffer();
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("a member's page and export", () => {
  it("shows the profile, preferences and consent ledger, audited with the reason", async () => {
    const response = await get("ADMIN", `/staff/members/${members.alice}?reason=other&why=Complaint%20123`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("alice@members.example");
    expect(html).toContain("Tampere");
    expect(html).toContain("1980");
    expect(html).toContain(`/staff/members/${members.alice}/export?reason=other&amp;why=Complaint+123`);
    expect(html).toMatch(/Jäsenyysehdot/);
    expect(html).toContain("Peruttu");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "member.view", subjectId: members.alice } });
    expect(audit.actorId).toBe(ids.get("ADMIN"));
    expect(audit.reason).toBe("other: Complaint 123");
  });

  it("answers 404 for an unknown id, a staff user's id and a malformed id", async () => {
    for (const id of [unknownId, ids.get("RESEARCHER")!, ids.get("ADMIN")!, "not-a-uuid"]) {
      for (const path of [`/staff/members/${id}?reason=member-request`, `/staff/members/${id}/export?reason=member-request`]) {
        const response = await get("ADMIN", path);
        expect(response.status, path).toBe(404);
        await response.arrayBuffer();
      }
    }
  });

  it("downloads the member's data as a JSON attachment, audited with the reason", async () => {
    const response = await get("ADMIN", `/staff/members/${members.alice}/export?reason=data-subject-request`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("application/json");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename=".+\.json"$/);
    const exported = JSON.stringify(await response.json());
    expect(exported).toContain("alice@members.example");
    expect(exported).toContain("Tampere");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "member.export", subjectId: members.alice } });
    expect(audit.reason).toBe("data-subject-request");
    expect(audit.actorId).toBe(ids.get("ADMIN"));
  });
});

describe("when the audit log refuses writes", () => {
  it("shows an error and no member data on the list, the page and the export", async () => {
    await db.$executeRawUnsafe(
      `CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused by test'; END; $$`,
    );
    await db.$executeRawUnsafe(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`);
    try {
      const before = await db.auditEvent.count();
      for (const path of [
        "/staff/members?reason=member-request",
        `/staff/members/${members.alice}?reason=member-request`,
        `/staff/members/${members.alice}/export?reason=member-request`,
      ]) {
        const response = await get("ADMIN", path);
        expect(response.status, path).toBe(503);
        const body = await response.text();
        expect(body).not.toMatch(memberEmails);
        expect(body).not.toContain("Tampere");
        expect(body.length).toBeGreaterThan(20);
      }
      const page = await (await get("ADMIN", "/staff/members?reason=member-request")).text();
      expect(page).toContain('role="alert"');
      expect(await db.auditEvent.count()).toBe(before);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER test_refuse_audit ON "AuditEvent"`);
      await db.$executeRawUnsafe(`DROP FUNCTION test_refuse_audit()`);
    }
    expect((await get("ADMIN", "/staff/members?reason=member-request")).status).toBe(200);
  });
});

describe("consent texts", () => {
  it("prefills the form with the current texts and explains what publishing does", async () => {
    const response = await get("ADMIN", "/staff/consents/membership-terms/new");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Asiakasraadin jäsenyysehdot");
    expect(html).toContain("Medlemsvillkor för kundpanelen");
    expect(html).toContain("Customer panel membership terms");
    expect(html).toContain('name="confirm"');
  });

  it("answers 404 for an unknown purpose", async () => {
    expect((await get("ADMIN", "/staff/consents/no-such-purpose/new")).status).toBe(404);
    expect((await post("ADMIN", "/staff/consents/no-such-purpose/new", validVersion())).status).toBe(404);
  });

  it("refuses an incomplete or over-long form with 400 and messages, keeping what was typed", async () => {
    const emptySwedish = await post("ADMIN", "/staff/consents/membership-terms/new", validVersion({ body_sv: "  " }));
    expect(emptySwedish.status).toBe(400);
    const html = await emptySwedish.text();
    expect(html).toContain('id="body_sv-error"');
    expect(html).toContain("Jäsenyysehdot 2");

    const huge = await post("ADMIN", "/staff/consents/membership-terms/new", validVersion({ title_fi: "x".repeat(100_000), body_en: "y".repeat(50_000) }));
    expect(huge.status).toBe(400);
    const hugeHtml = await huge.text();
    expect(hugeHtml).toContain('id="title_fi-error"');
    expect(hugeHtml).toContain('id="body_en-error"');

    const unconfirmed = validVersion();
    unconfirmed.delete("confirm");
    const notConfirmed = await post("ADMIN", "/staff/consents/membership-terms/new", unconfirmed);
    expect(notConfirmed.status).toBe(400);
    expect(await notConfirmed.text()).toContain('id="confirm-error"');
    expect(await db.consentVersion.count({ where: { purpose: "membership-terms" } })).toBe(1);
  });

  it("never answers 500 to malformed bodies", async () => {
    const names = ["title_fi", "body_fi", "title_sv", "body_sv", "title_en", "body_en", "confirm", "intent", "__proto__", "constructor"];
    const value = fc.oneof(fc.string({ maxLength: 50 }), fc.string({ unit: "binary", maxLength: 200 }), fc.constant("z".repeat(30_000)), fc.constant(""));
    const formBody = fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 20 })), value), { maxLength: 12 })
      .map((pairs) => ({ body: new URLSearchParams(pairs).toString() as BodyInit, type: "application/x-www-form-urlencoded" }));
    const rawBody = fc.record({
      body: fc.oneof(fc.string({ unit: "binary", maxLength: 500 }), fc.constant("%%%&&&=%zz"), fc.constant('{"title_fi": 1}')) as fc.Arbitrary<BodyInit>,
      type: fc.constantFrom("application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "application/json", "text/plain"),
    });
    const before = await db.consentVersion.count({ where: { purpose: "profile-use" } });
    let published = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(formBody, rawBody), async ({ body, type }) => {
        const response = await post("ADMIN", "/staff/consents/profile-use/new", body, type);
        await response.arrayBuffer();
        expect(response.status).toBeLessThan(500);
        expect([302, 400, 415]).toContain(response.status);
        if (response.status === 302) published += 1;
      }),
      { numRuns: 60 },
    );
    expect(await db.consentVersion.count({ where: { purpose: "profile-use" } })).toBe(before + published);
  });

  it("publishes version 2 in three languages; the counts show members still on version 1", async () => {
    const response = await post("ADMIN", "/staff/consents/membership-terms/new", validVersion());
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/staff/consents?published=membership-terms&version=2");
    const version = await db.consentVersion.findUniqueOrThrow({
      where: { purpose_version: { purpose: "membership-terms", version: 2 } },
      include: { texts: true },
    });
    expect(version.publishedById).toBe(ids.get("ADMIN"));
    expect(version.texts.map((text) => text.language).sort()).toEqual(["en", "fi", "sv"]);
    expect(version.texts.find((text) => text.language === "sv")?.body).toBe("Nya villkor på svenska.");
    expect(await db.auditEvent.count({ where: { action: "consent.publish", subjectId: version.id, actorId: ids.get("ADMIN") } })).toBe(1);

    const page = await (await get("ADMIN", response.headers.get("Location")!)).text();
    expect(page).toContain('role="status"');
    const terms = page.slice(page.indexOf('id="purpose-membership-terms"'), page.indexOf('id="purpose-profile-use"'));
    // version 2: nobody yet; version 1: the three members who joined.
    expect(terms).toMatch(/<tr><td>2 \([^)]*\)<\/td><td>[^<]*<\/td><td>Jäsenyysehdot 2<\/td><td>0<\/td><td>0<\/td><\/tr>/);
    expect(terms).toMatch(/<tr><td>1<\/td><td>[^<]*<\/td><td>Asiakasraadin jäsenyysehdot<\/td><td>3<\/td><td>0<\/td><\/tr>/);
    const profileUse = page.slice(page.indexOf('id="purpose-profile-use"'));
    expect(profileUse).toMatch(/<td>0<\/td><td>1<\/td><\/tr>/);
  });
});
