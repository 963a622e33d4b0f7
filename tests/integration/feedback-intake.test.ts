// Feedback intake against the real server, the real panel store and a real
// SMTP server: the public form over HTTP without JavaScript (errors in the
// reader's language with what was typed kept, the honeypot, the per-address
// limit, length limits), routing by the most specific rule, the urgent notice
// arriving at the unit's mailbox with a masked excerpt and no contact details,
// the handlers' quick-log, the admin settings, and the wrong roles refused.
import { describe, expect, it } from "vitest";
import { createSession } from "~/infra/auth/session.server";
import { seedDemoFeedback } from "~/modules/demo/feedback-seed.server";
import { db } from "~/infra/db/panel.server";
import { businessIdValid, normaliseBusinessId } from "~/modules/feedback/intake-schema";
import { PUBLIC_FEEDBACK_PER_HOUR } from "~/modules/feedback/intake.server";
import { FEEDBACK_TEXT_MAX } from "~/modules/feedback/kinds";
import { createRule, createService, createUnit, logFeedback } from "../support/feedback";
import { awayFromWindowEdge, createStaff, freshIp, getPage, postForm } from "../support/helpers-auth";
import { serverWithSink } from "../support/members";

// the per-address limit reads the client address the proxy passes on
const running = serverWithSink({ TRUST_PROXY: "true" });
const base = () => running.server.url;
let seq = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;

async function staffCookie(roles: ("RESEARCHER" | "FACILITATOR" | "FEEDBACK_HANDLER" | "ADMIN")[], language: "fi" | "sv" | "en" = "en") {
  const user = await createStaff(`${unique("staff")}@panel.example`, "correct horse battery staple", { roles, language });
  const cookie = (await createSession(user.id, new Request("http://localhost/", { headers: { "User-Agent": "test-agent" } }))).split(";")[0]!;
  return { id: user.id, cookie };
}

/** A POST of the public form as a browser in `language` sends it. */
function sendFeedback(fields: Record<string, string>, options: { language?: "fi" | "sv" | "en"; ip?: string } = {}) {
  const language = options.language ?? "fi";
  return postForm(base(), "/feedback", { language, ...fields }, { ip: options.ip ?? freshIp(), headers: { Cookie: `panel_lang=${language}` } });
}

const decode = (html: string) => html.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

describe("demo data", () => {
  it("seeds units, services, rules, varied items in three languages, recurring ones grouped, one urgent and one published change", async () => {
    await seedDemoFeedback();
    expect(await db.feedbackUnit.count()).toBe(3);
    expect(await db.feedbackService.count()).toBe(5);
    const items = await db.feedback.findMany({ select: { language: true, channel: true, urgent: true, unitId: true, groupId: true } });
    expect(items).toHaveLength(15);
    expect(new Set(items.map((i) => i.language))).toEqual(new Set(["fi", "sv", "en"]));
    expect(new Set(items.map((i) => i.channel)).size).toBeGreaterThanOrEqual(6);
    expect(items.filter((i) => i.urgent)).toHaveLength(1);
    expect(items.every((i) => i.unitId !== null)).toBe(true);
    expect(new Set(items.map((i) => i.groupId)).size).toBeLessThan(items.length);
    expect(await db.publishedChange.count()).toBe(1);
    // a second run adds nothing
    await seedDemoFeedback();
    expect(await db.feedback.count()).toBe(15);
  });
});

describe("the public form", () => {
  it("is a plain form in the reader's language, with the services named in it", async () => {
    const service = await createService({ fi: "Asumistuki", sv: "Bostadsbidrag", en: "Housing allowance" });
    const sv = await getPage(base(), "/feedback", { headers: { Cookie: "panel_lang=sv" } });
    expect(sv.status).toBe(200);
    const html = await sv.text();
    expect(html).toContain('method="post"');
    expect(html).toContain("Skicka respons");
    expect(html).toContain("Bostadsbidrag");
    expect(html).toContain(`value="${service.id}"`);
    expect(html).toContain('name="website"');
    const en = await (await getPage(base(), "/feedback", { headers: { Cookie: "panel_lang=en" } })).text();
    expect(en).toContain("Send feedback");
    expect(en).toContain("Housing allowance");
  });

  it("shows what is missing next to the fields in the reader's language and keeps what was typed", async () => {
    const sv = await sendFeedback({ category: "", text: "   ", contactName: "Greta Typed", wantsContact: "yes" }, { language: "sv" });
    expect(sv.status).toBe(400);
    const html = decode(await sv.text());
    expect(html).toContain("Välj typ av respons.");
    expect(html).toContain("Skriv din respons.");
    expect(html).toContain("Ange e-post eller telefonnummer så att vi kan kontakta dig.");
    expect(html).toContain('value="Greta Typed"');
    expect(html).toContain('id="text-error"');

    const en = await sendFeedback({ category: "IDEA", text: "A longer opening time please", wantsContact: "yes", contactEmail: "not-an-address" }, { language: "en" });
    expect(en.status).toBe(400);
    const enHtml = decode(await en.text());
    expect(enHtml).toContain("Enter an email address like name@example.fi.");
    expect(enHtml).toContain("A longer opening time please");
    expect(enHtml).toContain('value="not-an-address"');
    // the chosen category stays chosen
    expect(enHtml).toMatch(/<input[^>]*checked=""[^>]*value="IDEA"|<input[^>]*value="IDEA"[^>]*checked=""/);
  });

  it("stores anonymous feedback from the web with the reader's language and shows the reference", async () => {
    const text = `${unique("Jonot")} puhelinpalvelussa ovat liian pitkät`;
    const response = await sendFeedback({ category: "COMPLAINT", text, contactName: "Not Asked For", contactEmail: "kept@example.com" }, { language: "sv" });
    expect(response.status).toBe(302);
    const location = response.headers.get("Location")!;
    expect(location).toMatch(/^\/feedback\/sent\?ref=\d+\.[0-9a-f]{24}$/);
    const item = await db.feedback.findFirstOrThrow({ where: { text } });
    expect(item).toMatchObject({ channel: "WEB", category: "COMPLAINT", language: "sv", wantsContact: false, loggedById: null, customerType: "UNKNOWN" });
    // contact details are not kept when the customer did not ask to be contacted
    expect(item.contactName).toBeNull();
    expect(item.contactEmail).toBeNull();
    const sent = await (await getPage(base(), location, { headers: { Cookie: "panel_lang=sv" } })).text();
    expect(sent).toContain(`#${item.number}`);
    expect(sent).toContain("Tack för din respons");
    const received = await db.feedbackAction.findMany({ where: { feedbackId: item.id } });
    expect(received).toEqual([expect.objectContaining({ kind: "RECEIVED", byId: null })]);

    // a made-up reference is not shown on our page
    const forged = await (await getPage(base(), `/feedback/sent?ref=${item.number + 1}.${"0".repeat(24)}`)).text();
    expect(forged).not.toContain(`#${item.number + 1}`);
  });

  it("keeps contact details when the customer wants a reply", async () => {
    const text = unique("Haluan vastauksen");
    const response = await sendFeedback({ category: "IDEA", text, wantsContact: "yes", contactName: "Maija", contactEmail: "Maija@Example.com" }, { language: "en" });
    expect(response.status).toBe(302);
    const item = await db.feedback.findFirstOrThrow({ where: { text } });
    expect(item).toMatchObject({ wantsContact: true, contactName: "Maija", contactEmail: "maija@example.com", contactPhone: null, language: "en" });
  });

  it("a filled honeypot looks received but stores nothing", async () => {
    const before = await db.feedback.count();
    const response = await sendFeedback({ category: "THANKS", text: unique("cheap pills"), website: "http://spam.example" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/feedback/sent");
    expect(await db.feedback.count()).toBe(before);
  });

  it(`takes ${PUBLIC_FEEDBACK_PER_HOUR} an hour from one address, then says when to try again`, async () => {
    await awayFromWindowEdge(3600, 60_000);
    const ip = freshIp();
    for (let i = 0; i < PUBLIC_FEEDBACK_PER_HOUR; i++) {
      const ok = await sendFeedback({ category: "THANKS", text: unique("Kiitos") }, { ip });
      expect(ok.status, `post ${i + 1}`).toBe(302);
    }
    const text = unique("one too many");
    const refused = await sendFeedback({ category: "THANKS", text }, { ip, language: "en" });
    expect(refused.status).toBe(429);
    const html = decode(await refused.text());
    expect(html).toMatch(/Too much feedback has been sent from this address\. Try again in \d+ minutes\./);
    expect(html).toContain(text);
    expect(await db.feedback.count({ where: { text } })).toBe(0);
    // another address is not held back
    expect((await sendFeedback({ category: "THANKS", text: unique("Kiitos") })).status).toBe(302);
  });

  it("never answers 500 to malformed or oversized input", async () => {
    const tooLong = await sendFeedback({ category: "COMPLAINT", text: "x".repeat(FEEDBACK_TEXT_MAX + 1) }, { language: "en" });
    expect(tooLong.status).toBe(400);
    expect(decode(await tooLong.text())).toContain("The feedback is too long. Shorten it and try again.");
    const cases: Record<string, string>[] = [
      { category: "BOGUS", text: "t" },
      { category: "COMPLAINT", text: "t", serviceId: "not-a-uuid" },
      { category: "COMPLAINT", text: "t", serviceId: crypto.randomUUID() },
      { category: "COMPLAINT", text: "t", language: "de" },
      { category: "COMPLAINT", text: "y".repeat(200_000) },
      { category: "COMPLAINT", text: "t", wantsContact: "yes", contactPhone: "call me maybe" },
      { category: "COMPLAINT", text: "t", contactName: "n".repeat(5000), wantsContact: "yes", contactEmail: "a@b.fi" },
    ];
    for (const fields of cases) {
      const response = await postForm(base(), "/feedback", fields, { ip: freshIp() });
      expect(response.status, JSON.stringify(fields).slice(0, 80)).toBe(400);
    }
    const unknownService = await sendFeedback({ category: "COMPLAINT", text: "t", serviceId: crypto.randomUUID() }, { language: "en" });
    expect(decode(await unknownService.text())).toContain("Choose a service from the list.");
    const garbage = await fetch(`${base()}/feedback`, {
      method: "POST",
      headers: { Origin: base(), "Content-Type": "multipart/form-data; boundary=nothing" },
      body: "--broken",
    });
    expect(garbage.status).toBeLessThan(500);
  });
});

describe("routing on arrival", () => {
  it("the most specific rule wins: service and category > service > category > default; none leaves the item without a unit", async () => {
    await db.feedbackRoutingRule.deleteMany({ where: { createdAt: { lte: new Date() } } });
    const none = await logFeedback({ category: "THANKS" });
    expect(none.unitId).toBeNull();

    const fallback = await createUnit(unique("Asiakaspalvelu"), "default@example.fi");
    const complaints = await createUnit(unique("Moitteet"), "complaints@example.fi");
    const housing = await createUnit(unique("Asumisetuudet"), "housing@example.fi");
    const housingIdeas = await createUnit(unique("Asumisen kehitys"), "ideas@example.fi");
    const service = await createService("Asumistuki", housing.id);
    const other = await createService("Opintotuki");
    await createRule({ unitId: fallback.id });
    await createRule({ unitId: complaints.id, category: "COMPLAINT" });
    await createRule({ unitId: housingIdeas.id, serviceId: service.id, category: "IDEA" });

    expect((await logFeedback({ category: "THANKS" })).unitId).toBe(fallback.id);
    expect((await logFeedback({ category: "THANKS", serviceId: other.id })).unitId).toBe(fallback.id);
    expect((await logFeedback({ category: "COMPLAINT", serviceId: other.id })).unitId).toBe(complaints.id);
    expect((await logFeedback({ category: "COMPLAINT", serviceId: service.id })).unitId).toBe(housing.id);
    expect((await logFeedback({ category: "THANKS", serviceId: service.id })).unitId).toBe(housing.id);
    const idea = await logFeedback({ category: "IDEA", serviceId: service.id });
    expect(idea.unitId).toBe(housingIdeas.id);
    // the RECEIVED action names the unit
    expect(await db.feedbackAction.findFirst({ where: { feedbackId: idea.id }, select: { kind: true, text: true } })).toEqual({
      kind: "RECEIVED",
      text: housingIdeas.name,
    });
    // a unit taken out of use passes its items to the next rule
    await db.feedbackUnit.update({ where: { id: housingIdeas.id }, data: { active: false } });
    expect((await logFeedback({ category: "IDEA", serviceId: service.id })).unitId).toBe(housing.id);
    await db.feedbackRoutingRule.deleteMany({ where: { createdAt: { lte: new Date() } } });
  });
});

describe("the quick-log and the urgent notice", () => {
  it("a handler logs an urgent call in the quick-log; the unit's mailbox gets the notice in its language with a masked excerpt and no contact details", async () => {
    const handler = await staffCookie(["FEEDBACK_HANDLER"], "en");
    const unitEmail = `${unique("unit")}@example.fi`;
    const unit = await createUnit(unique("Bostadsbidrag enhet"), unitEmail, "sv");
    const service = await createService({ fi: "Asumistuki", sv: "Bostadsbidrag", en: "Housing allowance" }, unit.id);

    const form = await getPage(base(), "/staff/feedback/new", { cookie: handler.cookie });
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toMatch(/<select[^>]*id="channel"[^>]*autofocus|<select[^>]*autofocus[^>]*id="channel"/i);
    expect(formHtml).toContain('value="PHONE" selected=""');

    const text = `${unique("Päätös")} viipyy. Soita 040 765 4321 tai maili matti.meikalainen@example.com, hetu 131052-308T.`;
    const saved = await postForm(
      base(),
      "/staff/feedback/new",
      {
        channel: "PHONE",
        category: "COMPLAINT",
        serviceId: service.id,
        customerType: "EMPLOYER",
        employerName: "Oy Esimerkki Ab",
        employerId: "737546-2",
        urgent: "yes",
        text,
        language: "fi",
        wantsContact: "yes",
        contactName: "Customer Name",
        contactEmail: "customer.contact@example.org",
        contactPhone: "+358 50 111 2222",
      },
      { cookie: handler.cookie },
    );
    expect(saved.status).toBe(302);
    const item = await db.feedback.findFirstOrThrow({ where: { text } });
    expect(item).toMatchObject({
      channel: "PHONE",
      customerType: "EMPLOYER",
      employerId: "0737546-2",
      urgent: true,
      unitId: unit.id,
      loggedById: handler.id,
      contactEmail: "customer.contact@example.org",
    });
    expect(saved.headers.get("Location")).toBe(`/staff/feedback/new?saved=${item.id}&channel=PHONE&language=fi`);
    // a fresh form with the success message linking to the new item
    const after = decode(await (await getPage(base(), saved.headers.get("Location")!, { cookie: handler.cookie })).text());
    expect(after).toContain(`Feedback #${item.number} saved.`);
    expect(after).toContain(`href="/staff/feedback/${item.id}"`);
    expect(after).not.toContain("Customer Name");
    expect(await db.feedbackAction.findFirst({ where: { feedbackId: item.id }, select: { kind: true, byId: true } })).toEqual({ kind: "RECEIVED", byId: handler.id });

    const mail = await running.sink.waitFor((m) => m.to.includes(unitEmail), 20_000);
    expect(mail.parsed.subject).toBe(`Brådskande respons #${item.number}: Klagomål`);
    const body = mail.parsed.text ?? "";
    expect(body).toContain("Bostadsbidrag");
    expect(body).toContain("Telefon");
    expect(body).toContain(`/staff/feedback/${item.id}`);
    expect(body).toContain("viipyy");
    expect(body).toContain("••• [phone]");
    expect(body).toContain("••• [email]");
    for (const secret of ["040 765 4321", "matti.meikalainen@example.com", "131052-308T", "Customer Name", "customer.contact@example.org", "111 2222"]) {
      expect(body).not.toContain(secret);
      expect(mail.parsed.html || "").not.toContain(secret);
    }
    // one notice per item, also when asked again
    expect(await db.outboxEmail.count({ where: { dedupeKey: `feedback-urgent:${item.id}` } })).toBe(1);
  });

  it("no notice for items that are not urgent or have no unit", async () => {
    await db.feedbackRoutingRule.deleteMany({ where: { serviceId: null, category: null } });
    const unrouted = await logFeedback({ urgent: true });
    expect(unrouted.unitId).toBeNull();
    const unit = await createUnit(unique("Hiljainen"), "quiet@example.fi");
    const service = await createService("Hiljainen palvelu", unit.id);
    const calm = await logFeedback({ urgent: false, serviceId: service.id });
    expect(calm.unitId).toBe(unit.id);
    expect(await db.outboxEmail.count({ where: { dedupeKey: { in: [`feedback-urgent:${unrouted.id}`, `feedback-urgent:${calm.id}`] } } })).toBe(0);
  });

  it("explains a wrong business id and a missing text in the handler's language, keeping the values", async () => {
    const handler = await staffCookie(["FEEDBACK_HANDLER"], "fi");
    const response = await postForm(
      base(),
      "/staff/feedback/new",
      { channel: "EMAIL", category: "IDEA", serviceId: "", customerType: "EMPLOYER", employerName: "Pidä Oy", employerId: "0737546-3", text: "", language: "sv" },
      { cookie: handler.cookie },
    );
    expect(response.status).toBe(400);
    const html = decode(await response.text());
    expect(html).toContain("Y-tunnus on muotoa 1234567-8 ja sen tarkistusmerkin on täsmättävä.");
    expect(html).toContain("Kirjoita palautteesi.");
    expect(html).toContain('value="Pidä Oy"');
    expect(html).toContain('value="EMAIL" selected=""');
    for (const fields of [{ channel: "WEB" }, { channel: "PHONE", customerType: "ALIEN" }, { serviceId: "x" }, { language: "xx" }] as Record<string, string>[]) {
      const bad = await postForm(base(), "/staff/feedback/new", { channel: "PHONE", category: "THANKS", customerType: "PRIVATE", text: "t", language: "fi", ...fields }, { cookie: handler.cookie });
      expect(bad.status, JSON.stringify(fields)).toBe(400);
    }
  });

  it("refuses the quick-log to other roles and to no one signed in", async () => {
    const body = { channel: "PHONE", category: "THANKS", customerType: "PRIVATE", text: unique("not allowed"), language: "fi" };
    for (const roles of [["RESEARCHER"], ["FACILITATOR"]] as const) {
      const { cookie } = await staffCookie([...roles]);
      expect((await postForm(base(), "/staff/feedback/new", body, { cookie })).status).toBe(403);
      expect((await getPage(base(), "/staff/feedback/new", { cookie })).status).toBe(403);
    }
    const anonymous = await postForm(base(), "/staff/feedback/new", body);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/staff\/sign-in/);
    expect(await db.feedback.count({ where: { text: body.text } })).toBe(0);
    // an admin may log too
    const admin = await staffCookie(["ADMIN"]);
    expect((await postForm(base(), "/staff/feedback/new", body, { cookie: admin.cookie })).status).toBe(302);
  });
});

describe("settings", () => {
  it("an admin adds a unit with handlers, a service in three languages and a rule; deletions need the box ticked", async () => {
    const admin = await staffCookie(["ADMIN"]);
    const handler = await staffCookie(["FEEDBACK_HANDLER"]);
    const researcher = await staffCookie(["RESEARCHER"]);
    const name = unique("Perhe-etuudet");
    const created = await postForm(
      base(),
      "/staff/feedback/settings",
      new URLSearchParams([
        ["intent", "unit-save"],
        ["name", name],
        ["email", "Family@Example.fi"],
        ["language", "en"],
        ["handlers", handler.id],
        ["handlers", researcher.id],
        ["handlers", "not-a-uuid"],
      ]),
      { cookie: admin.cookie },
    );
    expect(created.status).toBe(302);
    const unit = await db.feedbackUnit.findUniqueOrThrow({ where: { name }, include: { handlers: true } });
    expect(unit).toMatchObject({ email: "family@example.fi", language: "en", active: true });
    // only feedback handlers and admins can be a unit's handlers
    expect(unit.handlers.map((h) => h.userId)).toEqual([handler.id]);

    const duplicate = await postForm(base(), "/staff/feedback/settings", { intent: "unit-save", name, email: "x@example.fi", language: "fi" }, { cookie: admin.cookie });
    expect(duplicate.status).toBe(400);
    expect(decode(await duplicate.text())).toContain("A unit with this name exists already.");

    const service = await postForm(
      base(),
      "/staff/feedback/settings",
      { intent: "service-save", nameFi: "Lapsilisä", nameSv: "Barnbidrag", nameEn: "Child benefit", sortOrder: "3" },
      { cookie: admin.cookie },
    );
    expect(service.status).toBe(302);
    const serviceRow = await db.feedbackService.findFirstOrThrow({ where: { nameSv: "Barnbidrag" } });
    const missingName = await postForm(base(), "/staff/feedback/settings", { intent: "service-save", nameFi: "Vain suomi", nameSv: "", nameEn: "" }, { cookie: admin.cookie });
    expect(missingName.status).toBe(400);
    expect(decode(await missingName.text())).toContain('value="Vain suomi"');

    const rule = await postForm(base(), "/staff/feedback/settings", { intent: "rule-add", serviceId: serviceRow.id, category: "", unitId: unit.id }, { cookie: admin.cookie });
    expect(rule.status).toBe(302);
    expect((await logFeedback({ serviceId: serviceRow.id })).unitId).toBe(unit.id);
    const again = await postForm(base(), "/staff/feedback/settings", { intent: "rule-add", serviceId: serviceRow.id, category: "", unitId: unit.id }, { cookie: admin.cookie });
    expect(again.status).toBe(400);

    const page = decode(await (await getPage(base(), "/staff/feedback/settings", { cookie: admin.cookie })).text());
    expect(page).toContain(name);
    expect(page).toContain("Child benefit");

    const unconfirmed = await postForm(base(), "/staff/feedback/settings", { intent: "unit-delete", unitId: unit.id }, { cookie: admin.cookie });
    expect(unconfirmed.status).toBe(400);
    expect(decode(await unconfirmed.text())).toContain("Tick the box to confirm the deletion.");
    expect(await db.feedbackUnit.count({ where: { id: unit.id } })).toBe(1);
    const confirmed = await postForm(base(), "/staff/feedback/settings", { intent: "unit-delete", unitId: unit.id, understood: "on" }, { cookie: admin.cookie });
    expect(confirmed.status).toBe(302);
    expect(await db.feedbackUnit.count({ where: { id: unit.id } })).toBe(0);
    expect(await db.feedbackRoutingRule.count({ where: { unitId: unit.id } })).toBe(0);

    const retention = await postForm(base(), "/staff/feedback/settings", { intent: "retention", retentionMonths: "36" }, { cookie: admin.cookie });
    expect(retention.status).toBe(302);
    expect((await db.feedbackSettings.findUniqueOrThrow({ where: { id: 1 } })).retentionMonths).toBe(36);
  });

  it("answers malformed and unknown settings posts with 400 or 404, never 500", async () => {
    const admin = await staffCookie(["ADMIN"]);
    const cases: [Record<string, string>, number][] = [
      [{ intent: "retention", retentionMonths: "abc" }, 400],
      [{ intent: "retention", retentionMonths: "0" }, 400],
      [{ intent: "retention", retentionMonths: "9".repeat(50) }, 400],
      [{ intent: "unit-delete", unitId: "not-a-uuid", understood: "on" }, 404],
      [{ intent: "unit-delete", unitId: crypto.randomUUID(), understood: "on" }, 404],
      [{ intent: "service-delete", serviceId: crypto.randomUUID(), understood: "on" }, 404],
      [{ intent: "rule-delete", ruleId: "'; DROP TABLE x", understood: "on" }, 404],
      [{ intent: "unit-save", unitId: crypto.randomUUID(), name: "Ghost", email: "g@example.fi", language: "fi" }, 404],
      [{ intent: "unit-save", name: "No mail", email: "nope", language: "fi" }, 400],
      [{ intent: "service-save", serviceId: "zzz", nameFi: "a", nameSv: "b", nameEn: "c" }, 404],
      [{ intent: "rule-add", serviceId: "bad", category: "NOPE", unitId: "bad" }, 400],
      [{ intent: "rule-add", unitId: crypto.randomUUID() }, 400],
      [{ intent: "explode" }, 400],
      [{}, 400],
    ];
    for (const [fields, status] of cases) {
      const response = await postForm(base(), "/staff/feedback/settings", fields, { cookie: admin.cookie });
      expect(response.status, JSON.stringify(fields)).toBe(status);
    }
  });

  it("refuses the settings to handlers and other staff", async () => {
    for (const roles of [["FEEDBACK_HANDLER"], ["RESEARCHER"]] as const) {
      const { cookie } = await staffCookie([...roles]);
      const response = await postForm(base(), "/staff/feedback/settings", { intent: "retention", retentionMonths: "1" }, { cookie });
      expect(response.status).toBe(403);
      expect((await getPage(base(), "/staff/feedback/settings", { cookie })).status).toBe(403);
    }
    expect((await db.feedbackSettings.findUnique({ where: { id: 1 } }))?.retentionMonths).not.toBe(1);
  });
});

describe("business ids", () => {
  it("are checked by their check digit and written with seven digits", () => {
    expect(businessIdValid("0737546-2")).toBe(true);
    expect(businessIdValid("737546-2")).toBe(true);
    expect(normaliseBusinessId("737546-2")).toBe("0737546-2");
    expect(businessIdValid("0737546-3")).toBe(false);
    expect(businessIdValid("1234567")).toBe(false);
    expect(businessIdValid("abcdefg-h")).toBe(false);
  });
});
