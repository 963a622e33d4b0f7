// Handling feedback against the real server over HTTP, the real panel store
// and a real SMTP server: the inbox's filters, counts and pagination, the
// status flow and the action log (who and when), reassignment to a unit's
// handler, the reply email in the customer's language (and its refusal when
// no contact was wanted), the churn-risk flag and list, publishing to "you
// said, we did" without personal data, the masked CSV, the wrong roles and
// unknown or malformed ids.
import { beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/infra/auth/session.server";
import { db } from "~/infra/db/panel.server";
import { helsinkiDay } from "~/modules/studies/days";
import { createService, createUnit, logFeedback } from "../support/feedback";
import { createMember, createStaff, getPage, messagesTo, nextMessageTo, postForm } from "../support/helpers-auth";
import { serverWithSink } from "../support/members";

const running = serverWithSink();
const base = () => running.server.url;
let seq = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${++seq}`;
const decode = (html: string) => html.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const unknownId = "00000000-0000-4000-8000-000000000000";

type Role = "RESEARCHER" | "FACILITATOR" | "FEEDBACK_HANDLER" | "ADMIN";

async function staffCookie(roles: Role[], language: "fi" | "sv" | "en" = "en") {
  const email = `${unique("staff")}@panel.example`;
  const user = await createStaff(email, "correct horse battery staple", { roles, language });
  const cookie = (await createSession(user.id, new Request("http://localhost/", { headers: { "User-Agent": "test-agent" } }))).split(";")[0]!;
  return { id: user.id, name: email, cookie };
}

async function memberCookie() {
  const member = await createMember(`${unique("member")}@panel.example`);
  return (await createSession(member.id, new Request("http://localhost/", { headers: { "User-Agent": "test-agent" } }))).split(";")[0]!;
}

async function page(path: string, cookie: string) {
  const response = await getPage(base(), path, { cookie });
  return { status: response.status, html: decode(await response.text()) };
}

const post = (path: string, body: Record<string, string>, cookie: string) => postForm(base(), path, body, { cookie });

/** The ids of the items an inbox page lists, in order. */
function listed(html: string): string[] {
  return [...html.matchAll(/<th scope="row"><a[^>]* href="\/staff\/feedback\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
}

let handler: Awaited<ReturnType<typeof staffCookie>>;
let colleague: Awaited<ReturnType<typeof staffCookie>>;
let mine: Awaited<ReturnType<typeof createUnit>>;
let other: Awaited<ReturnType<typeof createUnit>>;

beforeAll(async () => {
  handler = await staffCookie(["FEEDBACK_HANDLER"]);
  colleague = await staffCookie(["FEEDBACK_HANDLER"]);
  mine = await createUnit(unique("Family benefits "), "family@units.example", "en");
  other = await createUnit(unique("Employer services "), "employers@units.example", "fi");
  await db.feedbackUnitHandler.createMany({ data: [{ unitId: mine.id, userId: handler.id }, { unitId: other.id, userId: colleague.id }] });
});

describe("the inbox", () => {
  it("shows open items of my units by default, counts per status, filters, searches, sorts and pages", async () => {
    const service = await createService({ fi: "Asumistuki", sv: "Bostadsbidrag", en: "Housing allowance" }, mine.id);
    const marker = unique("zebra");
    const now = Date.now();
    // 30 items in my unit, 5 days apart by the hour; two in the other unit; one resolved.
    const items = [];
    for (let i = 0; i < 30; i++) {
      items.push(
        await logFeedback({
          serviceId: service.id,
          text: `${marker} item ${i} the queue was long`,
          category: i % 3 === 0 ? "IDEA" : "COMPLAINT",
          channel: i % 2 === 0 ? "PHONE" : "EMAIL",
          urgent: i === 7,
          customerType: i === 9 ? "EMPLOYER" : "PRIVATE",
          receivedAt: new Date(now - (i + 1) * HOUR),
        }),
      );
    }
    const elsewhere = await logFeedback({ text: `${marker} elsewhere`, receivedAt: new Date(now - 10 * DAY) });
    await db.feedback.update({ where: { id: elsewhere.id }, data: { unitId: other.id } });
    await db.feedback.update({ where: { id: items[5]!.id }, data: { status: "RESOLVED", resolvedAt: new Date() } });

    const first = await page(`/staff/feedback?q=${marker}`, handler.cookie);
    expect(first.status).toBe(200);
    // 29 open items of my unit: 25 on the first page, newest first; the other unit's item is not there.
    const page1 = listed(first.html);
    expect(page1).toHaveLength(25);
    expect(page1[0]).toBe(items[0]!.id);
    expect(page1).not.toContain(items[5]!.id);
    expect(page1).not.toContain(elsewhere.id);
    expect(first.html).toContain("Items: 29");
    expect(first.html).toContain("New: 29");
    expect(first.html).toContain("Resolved: 1");
    expect(first.html).toContain("Housing allowance");
    expect(first.html).toContain("Page 1 of 2");
    const second = listed((await page(`/staff/feedback?q=${marker}&page=2`, handler.cookie)).html);
    expect(second).toHaveLength(4);
    expect(second.at(-1)).toBe(items[29]!.id);

    // Longest waiting first.
    expect(listed((await page(`/staff/feedback?q=${marker}&sort=waiting`, handler.cookie)).html)[0]).toBe(items[29]!.id);
    // All units, all statuses.
    const everything = listed((await page(`/staff/feedback?q=${marker}&unit=all&status=all&page=2`, handler.cookie)).html);
    expect(everything).toHaveLength(6);
    expect(everything).toContain(elsewhere.id);
    // A unit of its own, and the resolved ones.
    expect(listed((await page(`/staff/feedback?q=${marker}&unit=${other.id}`, handler.cookie)).html)).toEqual([elsewhere.id]);
    expect(listed((await page(`/staff/feedback?q=${marker}&status=RESOLVED`, handler.cookie)).html)).toEqual([items[5]!.id]);
    // Category, channel, urgency (with how long it has waited), customer type.
    expect(listed((await page(`/staff/feedback?q=${marker}&category=IDEA`, handler.cookie)).html)).toHaveLength(10);
    expect(listed((await page(`/staff/feedback?q=${marker}&channel=EMAIL&category=IDEA`, handler.cookie)).html)).toHaveLength(5);
    const urgent = await page(`/staff/feedback?q=${marker}&urgent=1`, handler.cookie);
    expect(listed(urgent.html)).toEqual([items[7]!.id]);
    expect(urgent.html).toMatch(/Urgent, waiting 8 h \d+ min/);
    expect(listed((await page(`/staff/feedback?q=${marker}&customerType=EMPLOYER`, handler.cookie)).html)).toEqual([items[9]!.id]);
    // By reference.
    expect(listed((await page(`/staff/feedback?q=%23${items[3]!.number}&unit=all`, handler.cookie)).html)).toEqual([items[3]!.id]);
    // By the customer's contact details (what a handler looks up when a customer asks what Panel holds about them).
    const contact = `${unique("asiakas")}@example.fi`;
    const contacted = await logFeedback({ text: "Soittopyyntö", wantsContact: true, contactEmail: contact, contactPhone: "040 765 4321" });
    expect(listed((await page(`/staff/feedback?q=${encodeURIComponent(contact.toUpperCase())}&unit=all`, handler.cookie)).html)).toEqual([contacted.id]);
    expect(listed((await page(`/staff/feedback?q=${encodeURIComponent("040 765 4321")}&unit=all`, handler.cookie)).html)).toContain(contacted.id);
    // Date range: the other unit's item is 10 days old.
    const day = helsinkiDay(new Date(now - 10 * DAY));
    expect(listed((await page(`/staff/feedback?q=${marker}&unit=all&from=${day}&to=${day}`, handler.cookie)).html)).toEqual([elsewhere.id]);
    // Assigned to me.
    await db.feedback.update({ where: { id: items[2]!.id }, data: { assigneeId: handler.id } });
    expect(listed((await page(`/staff/feedback?q=${marker}&assigned=me`, handler.cookie)).html)).toEqual([items[2]!.id]);
  });

  it("says what to do when nothing matches, and never fails on a malformed query", async () => {
    const none = await page(`/staff/feedback?q=${unique("nothing")}`, handler.cookie);
    expect(none.status).toBe(200);
    expect(none.html).toContain("No feedback matches these filters");
    expect(none.html).toContain('href="/staff/feedback/new"');
    for (const query of ["page=abc", "page=-4", "status=BOGUS", "from=2026-13-45", "to=yesterday", "unit=not-a-unit", "service=x", "q=%00%01", "sort=sideways", "category=NOPE"]) {
      const response = await getPage(base(), `/staff/feedback?${query}`, { cookie: handler.cookie });
      expect(response.status, query).toBe(200);
    }
  });
});

describe("one item", () => {
  it("moves new → in progress → resolved → closed and reopens; each change is in the action log with who and when", async () => {
    const item = await logFeedback({ text: unique("status flow ") });
    await db.feedback.update({ where: { id: item.id }, data: { unitId: mine.id } });
    const path = `/staff/feedback/${item.id}`;
    for (const status of ["IN_PROGRESS", "RESOLVED", "CLOSED", "IN_PROGRESS"]) {
      const response = await post(path, { intent: "status", status }, handler.cookie);
      expect(response.status, status).toBe(302);
      expect(response.headers.get("Location")).toBe(`${path}?done=status#status`);
    }
    // Closed → resolved is not a move: refused with a message, nothing logged.
    await post(path, { intent: "status", status: "CLOSED" }, handler.cookie);
    const refused = await post(path, { intent: "status", status: "RESOLVED" }, handler.cookie);
    expect(refused.status).toBe(409);
    expect(decode(await refused.text())).toContain("The status cannot change to that.");
    const refusedBogus = await post(path, { intent: "status", status: "BOGUS" }, handler.cookie);
    expect(refusedBogus.status).toBe(409);

    const recorded = await post(path, { intent: "action", actionText: "Called the customer back" }, handler.cookie);
    expect(recorded.status).toBe(302);
    const empty = await post(path, { intent: "action", actionText: "   " }, handler.cookie);
    expect(empty.status).toBe(400);
    expect(decode(await empty.text())).toContain("Write what was done.");

    const actions = await db.feedbackAction.findMany({ where: { feedbackId: item.id }, orderBy: { at: "asc" } });
    expect(actions.map((a) => [a.kind, a.text])).toEqual([
      ["RECEIVED", null],
      ["STATUS", "IN_PROGRESS"],
      ["STATUS", "RESOLVED"],
      ["STATUS", "CLOSED"],
      ["STATUS", "IN_PROGRESS"],
      ["STATUS", "CLOSED"],
      ["ACTION", "Called the customer back"],
    ]);
    for (const action of actions.slice(1)) {
      expect(action.byId).toBe(handler.id);
      expect(Date.now() - action.at.getTime()).toBeLessThan(60_000);
    }
    const stored = await db.feedback.findUniqueOrThrow({ where: { id: item.id } });
    expect(stored.status).toBe("CLOSED");
    expect(stored.closedAt).not.toBeNull();

    const shown = await page(path, handler.cookie);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain(handler.name);
    expect(shown.html).toContain("Called the customer back");
    expect(shown.html).toContain("Reopen");
    // In Swedish for a Swedish reader, in Finnish for a Finnish one.
    const sv = await staffCookie(["FEEDBACK_HANDLER"], "sv");
    const svPage = await page(path, sv.cookie);
    expect(svPage.html).toContain("Åtgärder");
    expect(svPage.html).toContain("Öppna igen");
    const fi = await staffCookie(["FEEDBACK_HANDLER"], "fi");
    const fiEmpty = await post(path, { intent: "action", actionText: "" }, fi.cookie);
    expect(decode(await fiEmpty.text())).toContain("Kirjoita, mitä tehtiin.");
  });

  it("lets one of several handlers starting it at once win; the others are told it changed", async () => {
    const item = await logFeedback({ text: unique("race ") });
    const answers = await Promise.all(
      [handler, colleague, handler, colleague].map((who) => post(`/staff/feedback/${item.id}`, { intent: "status", status: "IN_PROGRESS" }, who.cookie)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([302, 409, 409, 409]);
    expect(await db.feedbackAction.count({ where: { feedbackId: item.id, kind: "STATUS" } })).toBe(1);
  });

  it("is reassigned to a unit or to a handler of that unit, and refuses someone from another unit", async () => {
    const item = await logFeedback({ text: unique("reassign ") });
    const path = `/staff/feedback/${item.id}`;
    const wrong = await post(path, { intent: "assign", unitId: mine.id, assigneeId: colleague.id }, handler.cookie);
    expect(wrong.status).toBe(400);
    const wrongHtml = decode(await wrong.text());
    expect(wrongHtml).toContain("The handler must belong to the chosen unit.");
    expect(wrongHtml).toContain('id="assigneeId-error"');
    const noUnit = await post(path, { intent: "assign", unitId: "not-a-unit", assigneeId: "" }, handler.cookie);
    expect(noUnit.status).toBe(400);
    expect(decode(await noUnit.text())).toContain("Choose a unit.");

    expect((await post(path, { intent: "assign", unitId: other.id, assigneeId: colleague.id }, handler.cookie)).status).toBe(302);
    let stored = await db.feedback.findUniqueOrThrow({ where: { id: item.id } });
    expect([stored.unitId, stored.assigneeId]).toEqual([other.id, colleague.id]);
    expect((await post(path, { intent: "assign", unitId: mine.id, assigneeId: "" }, handler.cookie)).status).toBe(302);
    stored = await db.feedback.findUniqueOrThrow({ where: { id: item.id } });
    expect([stored.unitId, stored.assigneeId]).toEqual([mine.id, null]);
    const logged = await db.feedbackAction.findMany({ where: { feedbackId: item.id, kind: "ASSIGNED" }, orderBy: { at: "asc" } });
    expect(logged.map((a) => a.text)).toEqual([`${other.name} / ${colleague.name}`, mine.name]);
    expect(logged.every((a) => a.byId === handler.id)).toBe(true);
    // Now the colleague's item shows in my inbox.
    expect(listed((await page(`/staff/feedback?q=${encodeURIComponent("reassign")}`, handler.cookie)).html)).toContain(item.id);
  });

  it("shows contact details to handlers on the item page only", async () => {
    const item = await logFeedback({ text: unique("contact "), wantsContact: true, contactName: "Aino Asiakas", contactEmail: "aino@customer.example", contactPhone: "040 123 4567" });
    const shown = await page(`/staff/feedback/${item.id}`, handler.cookie);
    expect(shown.html).toContain("Aino Asiakas");
    expect(shown.html).toContain("aino@customer.example");
    expect(shown.html).toContain("040 123 4567");
    const inbox = await page(`/staff/feedback?unit=all&q=contact`, handler.cookie);
    expect(listed(inbox.html)).toContain(item.id);
    expect(inbox.html).not.toContain("aino@customer.example");
    expect(inbox.html).not.toContain("Aino Asiakas");
    // The excerpt in the list is masked; the item page shows the text as written.
    const spoken = await logFeedback({ text: `${unique("masked ")} reach me at 040 765 4321 or aino@customer.example` });
    const list = await page(`/staff/feedback?unit=all&q=masked`, handler.cookie);
    expect(listed(list.html)).toContain(spoken.id);
    expect(list.html).toContain("••• [phone]");
    expect(list.html).not.toContain("040 765 4321");
    expect((await page(`/staff/feedback/${spoken.id}`, handler.cookie)).html).toContain("040 765 4321");
  });
});

describe("replies", () => {
  it("reach the customer over SMTP in their language with a plain-text part and are logged", async () => {
    const address = `${unique("kund")}@customer.example`;
    const item = await logFeedback({ text: "Kön var lång", language: "sv", wantsContact: true, contactEmail: address });
    const seen = messagesTo(running.sink, address).length;
    const response = await post(`/staff/feedback/${item.id}`, { intent: "reply", replyText: "Vi har lagt till fler tider.\n\nMed vänlig hälsning" }, handler.cookie);
    expect(response.status).toBe(302);
    const message = await nextMessageTo(running.sink, address, seen, 20_000);
    expect(message.parsed.subject).toBe(`Svar på din respons #${item.number}`);
    expect(message.parsed.text).toContain("Vi har lagt till fler tider.");
    expect(message.parsed.text).toContain(`Din respons referens: #${item.number}`);
    expect(message.parsed.html).toContain("Vi har lagt till fler tider.");
    const actions = await db.feedbackAction.findMany({ where: { feedbackId: item.id }, orderBy: { at: "asc" } });
    expect(actions.map((a) => a.kind)).toEqual(["RECEIVED", "STATUS", "REPLY"]);
    const reply = actions[2]!;
    expect(reply.byId).toBe(handler.id);
    expect(reply.text).toBe("Vi har lagt till fler tider.\n\nMed vänlig hälsning");
    // The first thing done to a new item starts it.
    expect((await db.feedback.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("IN_PROGRESS");
  });

  it("are refused when the customer wanted no contact or gave no email", async () => {
    const noContact = await logFeedback({ text: unique("no contact ") });
    const phoneOnly = await logFeedback({ text: unique("phone only "), wantsContact: true, contactPhone: "040 765 4321" });
    for (const item of [noContact, phoneOnly]) {
      const before = await db.outboxEmail.count({ where: { template: "feedback-reply" } });
      const response = await post(`/staff/feedback/${item.id}`, { intent: "reply", replyText: "Hello" }, handler.cookie);
      expect(response.status).toBe(400);
      expect(decode(await response.text())).toContain("The customer did not ask to be contacted by email, so no reply was sent.");
      expect(await db.outboxEmail.count({ where: { template: "feedback-reply" } })).toBe(before);
      expect(await db.feedbackAction.count({ where: { feedbackId: item.id, kind: "REPLY" } })).toBe(0);
      expect((await page(`/staff/feedback/${item.id}`, handler.cookie)).html).not.toContain('name="replyText"');
    }
    const address = `${unique("empty")}@customer.example`;
    const wanted = await logFeedback({ text: unique("empty reply "), wantsContact: true, contactEmail: address });
    const empty = await post(`/staff/feedback/${wanted.id}`, { intent: "reply", replyText: "  " }, handler.cookie);
    expect(empty.status).toBe(400);
    expect(decode(await empty.text())).toContain("Write the reply.");
  });
});

describe("churn risk", () => {
  it("flags only employer complaints; the list holds them until resolved, oldest first with waiting time", async () => {
    const older = await logFeedback({ text: unique("churn older "), customerType: "EMPLOYER", employerName: "Oy Esimerkki Ab", receivedAt: new Date(Date.now() - 3 * DAY - 2 * HOUR) });
    const newer = await logFeedback({ text: unique("churn newer "), customerType: "EMPLOYER", employerName: "Toinen Oy" });
    const privatePerson = await logFeedback({ text: unique("churn private ") });
    const employerIdea = await logFeedback({ text: unique("churn idea "), customerType: "EMPLOYER", category: "IDEA" });
    for (const item of [newer, older]) expect((await post(`/staff/feedback/${item.id}`, { intent: "churn", churn: "on" }, handler.cookie)).status).toBe(302);
    for (const item of [privatePerson, employerIdea]) {
      const refused = await post(`/staff/feedback/${item.id}`, { intent: "churn", churn: "on" }, handler.cookie);
      expect(refused.status).toBe(400);
      expect(decode(await refused.text())).toContain("Only complaints from employer customers can be flagged as a churn risk.");
      expect((await db.feedback.findUniqueOrThrow({ where: { id: item.id } })).churnRisk).toBe(false);
    }
    let list = await page("/staff/feedback/churn-risk", handler.cookie);
    expect(list.status).toBe(200);
    const order = listed(list.html);
    expect(order.indexOf(older.id)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(older.id)).toBeLessThan(order.indexOf(newer.id));
    expect(list.html).toContain("Oy Esimerkki Ab");
    expect(list.html).toMatch(/3 d 2 h/);
    expect(await db.feedbackAction.count({ where: { feedbackId: older.id, kind: "CHURN_RISK", byId: handler.id, text: "on" } })).toBe(1);

    expect((await post(`/staff/feedback/${older.id}`, { intent: "status", status: "RESOLVED" }, handler.cookie)).status).toBe(302);
    list = await page("/staff/feedback/churn-risk", handler.cookie);
    expect(listed(list.html)).not.toContain(older.id);
    expect(listed(list.html)).toContain(newer.id);
    // Reopened, it is back.
    expect((await post(`/staff/feedback/${older.id}`, { intent: "status", status: "IN_PROGRESS" }, handler.cookie)).status).toBe(302);
    expect(listed((await page("/staff/feedback/churn-risk", handler.cookie)).html)).toContain(older.id);
  });
});

describe("publishing to you said, we did", () => {
  it("needs a change, refuses personal data with the text kept, and stores no personal data; unpublishing asks first", async () => {
    const service = await createService("Kela-kortti", mine.id);
    const item = await logFeedback({ text: unique("publish "), serviceId: service.id, wantsContact: true, contactEmail: "pirjo@customer.example", contactName: "Pirjo" });
    const path = `/staff/feedback/${item.id}`;
    const early = await post(path, { intent: "publish", publishLanguage: "en", said: "Queues were long", did: "More slots" }, handler.cookie);
    expect(early.status).toBe(400);
    expect(decode(await early.text())).toContain("First record that the feedback led to a change.");

    expect((await post(path, { intent: "change", changeText: "Opened Saturday slots" }, handler.cookie)).status).toBe(302);
    const withEmail = await post(path, { intent: "publish", publishLanguage: "en", said: "Write to pirjo@customer.example about queues", did: "More slots" }, handler.cookie);
    expect(withEmail.status).toBe(400);
    const emailHtml = decode(await withEmail.text());
    expect(emailHtml).toContain("The text holds personal data");
    expect(emailHtml).toContain("Write to pirjo@customer.example about queues");
    expect(emailHtml).toContain('id="said-error"');
    const withPhone = await post(path, { intent: "publish", publishLanguage: "en", said: "Queues were long", did: "Call 040 123 4567 for slots" }, handler.cookie);
    expect(withPhone.status).toBe(400);
    expect(decode(await withPhone.text())).toContain('id="did-error"');
    expect(await db.publishedChange.count({ where: { feedbackId: item.id } })).toBe(0);

    expect((await post(path, { intent: "publish", publishLanguage: "en", said: "Queues at the office were long", did: "We opened Saturday slots" }, handler.cookie)).status).toBe(302);
    const published = await db.publishedChange.findUniqueOrThrow({ where: { feedbackId: item.id } });
    expect(published).toMatchObject({ language: "en", said: "Queues at the office were long", did: "We opened Saturday slots", unitName: mine.name, serviceId: service.id, publishedById: handler.id });
    expect(published.publishedOn.toISOString().slice(0, 10)).toBe(helsinkiDay());
    expect(JSON.stringify(published)).not.toMatch(/pirjo|Pirjo/);
    const kinds = (await db.feedbackAction.findMany({ where: { feedbackId: item.id }, orderBy: { at: "asc" } })).map((a) => a.kind);
    expect(kinds).toEqual(["RECEIVED", "CHANGE", "PUBLISHED"]);
    expect((await db.feedback.findUniqueOrThrow({ where: { id: item.id } })).ledToChange).toBe(true);

    const unconfirmed = await post(path, { intent: "unpublish" }, handler.cookie);
    expect(unconfirmed.status).toBe(400);
    expect(decode(await unconfirmed.text())).toContain("First confirm that you want to unpublish.");
    expect(await db.publishedChange.count({ where: { feedbackId: item.id } })).toBe(1);
    expect((await post(path, { intent: "unpublish", understood: "on" }, handler.cookie)).status).toBe(302);
    expect(await db.publishedChange.count({ where: { feedbackId: item.id } })).toBe(0);
    expect(await db.feedbackAction.count({ where: { feedbackId: item.id, kind: "UNPUBLISHED", byId: handler.id } })).toBe(1);
  });
});

describe("the CSV export", () => {
  it("holds the current filter with the text masked, a BOM, formulas escaped and no contact details", async () => {
    const marker = unique("csvmark");
    await logFeedback({
      text: `${marker} call me at 040 123 4567 or mail matti.m@customer.example`,
      wantsContact: true,
      contactName: "Matti Meikäläinen",
      contactEmail: "matti.m@customer.example",
      contactPhone: "040 123 4567",
      customerType: "EMPLOYER",
      employerName: "Matin Toiminimi",
    });
    await logFeedback({ text: `=HYPERLINK("http://evil.example") ${marker}` });
    await logFeedback({ text: `${marker} an idea`, category: "IDEA" });
    const response = await getPage(base(), `/staff/feedback/export.csv?unit=all&category=COMPLAINT&q=${marker}`, { cookie: handler.cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain("Reference");
    expect(lines[0]).not.toMatch(/email|phone|contact/i);
    expect(csv).toContain("••• [phone]");
    expect(csv).toContain("••• [email]");
    expect(csv).not.toContain("matti.m@customer.example");
    expect(csv).not.toContain("040 123 4567");
    expect(csv).not.toContain("Matti Meikäläinen");
    expect(csv).not.toContain("Matin Toiminimi");
    expect(csv).not.toContain("an idea");
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"") ${marker}"`);
  });
});

describe("access", () => {
  it("refuses researchers, facilitators and members on every page, GET and POST", async () => {
    const item = await logFeedback({ text: unique("access ") });
    const cookies = [(await staffCookie(["RESEARCHER"])).cookie, (await staffCookie(["FACILITATOR"])).cookie, await memberCookie()];
    const paths = ["/staff/feedback", `/staff/feedback/${item.id}`, "/staff/feedback/churn-risk", "/staff/feedback/export.csv"];
    for (const cookie of cookies) {
      for (const path of paths) expect((await getPage(base(), path, { cookie })).status, path).toBe(403);
      const bodies: Record<string, string>[] = [{ intent: "status", status: "IN_PROGRESS" }, { intent: "action", actionText: "x" }, { intent: "churn", churn: "on" }];
      for (const body of bodies) {
        expect((await post(`/staff/feedback/${item.id}`, body, cookie)).status).toBe(403);
      }
    }
    expect(await db.feedbackAction.count({ where: { feedbackId: item.id } })).toBe(1);
    // Signed out: to the staff sign-in.
    const anonymous = await getPage(base(), "/staff/feedback");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toContain("/staff/sign-in");
    // An admin handles feedback too.
    const admin = await staffCookie(["ADMIN"]);
    expect((await getPage(base(), `/staff/feedback/${item.id}`, { cookie: admin.cookie })).status).toBe(200);
  });

  it("answers 404 for unknown or malformed ids, GET and POST, and 400 for an unknown intent", async () => {
    for (const id of [unknownId, "not-a-uuid", "1%27%20OR%201=1", "00000000-0000-4000-8000-00000000000Z"]) {
      expect((await getPage(base(), `/staff/feedback/${id}`, { cookie: handler.cookie })).status, id).toBe(404);
      for (const intent of ["status", "action", "reply", "publish"]) {
        expect((await post(`/staff/feedback/${id}`, { intent, status: "IN_PROGRESS", actionText: "x", replyText: "x" }, handler.cookie)).status, `${id} ${intent}`).toBe(404);
      }
    }
    const item = await logFeedback({ text: unique("intent ") });
    expect((await post(`/staff/feedback/${item.id}`, { intent: "explode" }, handler.cookie)).status).toBe(400);
  });
});
