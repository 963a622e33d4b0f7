// Issue 6, done when: a facilitator creates a weekly series of workshop
// sessions; members book through their invitation links (no sign-in), one
// waits in the queue, another cancels, and the one waiting gets the place and
// an email; the facilitator sees the consents on the roster and marks
// attendance; the pages pass axe in Finnish (the researcher), Swedish (the
// facilitator) and English (a facilitator who is not on the team, and so
// gets 404). The tests run in order and share the study and the members.
import type { Browser, Page } from "@playwright/test";
import { formatDateTime, translator } from "../../app/infra/i18n/i18n";
import { helsinkiToInstant, instantToHelsinki } from "../../app/modules/workshops/time";
import { checkPage, expect, staffSignIn, test, type Inbox } from "./fixtures";
import { createE2eStaff, withServerDatabase } from "./server-db";
import { joinAsMember } from "./study-helpers";

const fi = translator("fi");
const sv = translator("sv");
const en = translator("en");
const stamp = Date.now();
const title = { fi: `Asiointipaja ${stamp}`, sv: `Verkstad om ärenden ${stamp}`, en: `Errands workshop ${stamp}` };
const first = `e2e.workshop.first.${stamp}@members.example`;
const second = `e2e.workshop.second.${stamp}@members.example`;
const facilitator = { email: "facilitator@panel.example", label: "Fanny Facilitator (facilitator@panel.example)" };
/** The series starts two weeks from today (Helsinki), far past the members' 24-hour cut-off. */
const firstDate = instantToHelsinki(new Date(Date.now() + 14 * 24 * 60 * 60 * 1000)).date;
const shared: { studyId?: string; invitedAt?: number; slotIds?: string[] } = {};
/**
 * This file's own researcher (same password as the demo accounts): staff
 * sign-in allows 10 tries per address in 15 minutes, and the other specs
 * already sign in as researcher@panel.example that often.
 */
const researcher = `e2e.workshops.researcher.${stamp}@panel.example`;

test.describe.configure({ mode: "serial" });

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test.beforeAll(() => createE2eStaff([{ roles: ["RESEARCHER"], email: researcher, name: "Reetta Tutkija" }]));

/** The invitation link in an invitation email: /s/<token> (it leads a workshop's invitee on to /b/<token>). */
function invitationPath(text: string): string {
  const token = /\/[sb]\/([A-Za-z0-9_-]{20,64})/.exec(text)?.[1];
  expect(token, "an invitation link in the email").toBeTruthy();
  return `/s/${token}`;
}

/**
 * A member's own browser (Finnish, no sign-in), opened on their invitation
 * link; every page is scanned and a console error fails like on the test's page.
 */
async function memberBrowser(browser: Browser, inbox: Inbox, email: string) {
  const context = await browser.newContext({ locale: "fi-FI", timezoneId: "Europe/Helsinki" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  const invitation = await inbox.latest(email, shared.invitedAt!, fi("email.invitation.subject", { title: title.fi }));
  await page.goto(invitationPath(invitation.text));
  await expect(page).toHaveURL(/\/b\/[A-Za-z0-9_-]{20,64}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title.fi);
  await checkPage(page);
  return {
    page,
    async close() {
      await context.close();
      expect(errors, `console errors in ${email}'s browser`).toEqual([]);
    },
  };
}

/** Books (or queues for) the first listed session, answering the two consent questions. */
async function bookFirstSession(page: Page, consents: { observation: boolean; recording: boolean }, waitlist: boolean) {
  const link = page.getByRole("link", { name: new RegExp(`^${escape(fi(waitlist ? "booking.slots.join" : "booking.slots.book"))}`) }).first();
  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fi(waitlist ? "booking.book.waitlistTitle" : "booking.book.title"));
  await checkPage(page);
  await page.getByRole("group", { name: fi("booking.observation.legend") }).getByLabel(fi(consents.observation ? "booking.observation.yes" : "booking.observation.no")).check();
  await page.getByRole("group", { name: fi("booking.recording.legend") }).getByLabel(fi(consents.recording ? "booking.recording.yes" : "booking.recording.no")).check();
  await page.getByRole("button", { name: fi(waitlist ? "booking.book.waitlistSubmit" : "booking.book.submit") }).click();
  await expect(page.getByText(fi(waitlist ? "booking.done.waitlisted" : "booking.done.booked"))).toBeVisible();
  await checkPage(page);
}

/** A row of a table by a cell's text (an email address). */
const rowOf = (page: Page, tableName: string, text: string) =>
  page.getByRole("table", { name: tableName }).getByRole("row", { name: new RegExp(escape(text)) });

test("a researcher makes a workshop study with the facilitator on its team, opens it and invites members", async ({ page, browser, inbox }) => {
  test.setTimeout(150_000);
  await joinAsMember(browser, inbox, first);
  await joinAsMember(browser, inbox, second);

  await staffSignIn(page, researcher);
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);
  await page.goto("/staff/studies/new");
  await checkPage(page);
  await page.getByLabel(fi("studies.field.type")).selectOption("WORKSHOP");
  for (const [language, name] of [["fi", "Suomi"], ["sv", "Svenska"], ["en", "English"]] as const) {
    await page.getByLabel(fi("studies.field.titleIn", { language: name })).fill(title[language]);
  }
  await page.getByRole("group", { name: fi("studies.field.team") }).getByLabel(facilitator.label).check();
  await page.getByRole("button", { name: fi("studies.create") }).click();
  await expect(page).toHaveURL(/\/staff\/studies\/[0-9a-f-]{36}\?created=1$/);
  shared.studyId = /\/staff\/studies\/([0-9a-f-]{36})/.exec(page.url())![1];
  await checkPage(page);
  await page.getByRole("button", { name: fi("studies.lifecycle.to.RECRUITING") }).click();
  await expect(page.getByText(fi("studies.lifecycle.changed", { status: fi("studies.status.RECRUITING") }))).toBeVisible();
  await checkPage(page);

  // The workshop list in Finnish: the new study, no sessions yet.
  await page.goto("/staff/workshops");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fi("workshopsStaff.list.title"));
  const row = page.getByRole("row", { name: new RegExp(escape(title.fi)) });
  await expect(row.getByRole("cell").nth(2)).toHaveText("0");
  await checkPage(page);
  await row.getByRole("link", { name: new RegExp(`^${escape(fi("workshopsStaff.list.slotsLink"))}`) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fi("workshopsStaff.slots.title", { title: title.fi }));
  await expect(page.getByText(fi("workshopsStaff.slots.emptyUpcoming"))).toBeVisible();
  await checkPage(page);

  // Invite every eligible member (the two new ones among them); the invitations lead to the booking page.
  await page.goto(`/staff/studies/${shared.studyId}`);
  await checkPage(page);
  await page.getByLabel(fi("studies.invite.count")).fill("5000");
  shared.invitedAt = Date.now();
  await page.getByRole("button", { name: fi("studies.invite.submit") }).click();
  await expect(page).toHaveURL(/\?invited=\d+$/);
  expect(Number(new URL(page.url()).searchParams.get("invited"))).toBeGreaterThanOrEqual(2);
  await checkPage(page);
});

test("the facilitator adds a weekly series in Swedish; a wrong field is explained next to it and nothing typed is lost", async ({ page }) => {
  expect(shared.studyId, "the researcher's test made the study").toBeDefined();
  const slotsPath = `/staff/studies/${shared.studyId}/slots`;
  await staffSignIn(page, facilitator.email);
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);
  await page.goto("/staff/workshops");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(sv("workshopsStaff.list.title"));
  await checkPage(page);
  await page
    .getByRole("row", { name: new RegExp(escape(title.sv)) })
    .getByRole("link", { name: new RegExp(`^${escape(sv("workshopsStaff.list.slotsLink"))}`) })
    .click();
  await expect(page).toHaveURL(slotsPath);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(sv("workshopsStaff.slots.title", { title: title.sv }));
  await checkPage(page);

  // In person, no address, no places: both refused next to their fields; the rest stays as typed.
  const form = page.locator("#create");
  await form.getByLabel(sv("workshopsStaff.field.date"), { exact: true }).fill(firstDate);
  await form.getByLabel(sv("workshopsStaff.field.time"), { exact: true }).fill("10:00");
  await form.getByLabel(sv("workshopsStaff.field.duration"), { exact: true }).fill("90");
  await form.getByLabel(sv("workshopsStaff.field.capacity"), { exact: true }).fill("0");
  // The form starts in the facilitator's own language (Swedish); these sessions are for Finnish speakers.
  await expect(form.getByLabel(sv("workshopsStaff.field.language"), { exact: true })).toHaveValue("sv");
  await form.getByLabel(sv("workshopsStaff.field.language"), { exact: true }).selectOption("fi");
  await form.getByLabel(sv("workshopsStaff.repeat.7"), { exact: true }).check();
  await form.getByLabel(sv("workshopsStaff.field.repeatCount"), { exact: true }).fill("3");
  await expect(form.getByLabel(facilitator.label)).toBeChecked();
  await form.getByRole("button", { name: sv("workshopsStaff.create.submit") }).click();
  await expect(page.locator("#capacity-error")).toHaveText(sv("workshops.error.capacity"));
  await expect(page.locator("#address-error")).toHaveText(sv("workshops.error.address"));
  await expect(page.getByRole("alert").getByRole("link", { name: new RegExp(escape(sv("workshopsStaff.field.address"))) })).toBeVisible();
  await expect(form.getByLabel(sv("workshopsStaff.field.date"), { exact: true })).toHaveValue(firstDate);
  await expect(form.getByLabel(sv("workshopsStaff.field.duration"), { exact: true })).toHaveValue("90");
  await expect(form.getByLabel(sv("workshopsStaff.field.language"), { exact: true })).toHaveValue("fi");
  await expect(form.getByLabel(sv("workshopsStaff.repeat.7"), { exact: true })).toBeChecked();
  await expect(form.getByLabel(sv("workshopsStaff.field.repeatCount"), { exact: true })).toHaveValue("3");
  await checkPage(page);

  await form.getByLabel(sv("workshopsStaff.field.capacity"), { exact: true }).fill("1");
  await form.getByLabel(sv("workshopsStaff.field.address"), { exact: true }).fill("Kansaneläkelaitos, Nordenskiöldinkatu 12, Helsinki");
  await form.getByLabel(sv("workshopsStaff.field.accessibility"), { exact: true }).fill("Ingång från gården, hiss till tredje våningen.");
  await form.getByRole("button", { name: sv("workshopsStaff.create.submit") }).click();
  await expect(page.getByText(sv("workshopsStaff.slots.createdMany", { count: 3 }))).toBeVisible();
  const table = page.getByRole("table", { name: sv("workshopsStaff.slots.captionUpcoming", { count: 3 }) });
  await expect(table.getByRole("row")).toHaveCount(4);
  // Weekly at 10:00 Helsinki time, a week apart, each with one free place and Fanny leading.
  const links = table.getByRole("rowheader").getByRole("link");
  const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")!));
  shared.slotIds = hrefs.map((href) => href.split("/").pop()!);
  expect(shared.slotIds).toHaveLength(3);
  await expect(links.first()).toHaveText(
    sv("workshopsStaff.slots.whenValue", { when: formatDateTime(helsinkiToInstant(firstDate, "10:00")!, "sv"), minutes: 90 }),
  );
  await expect(table.getByRole("row").nth(1)).toContainText(sv("workshopsStaff.state.placesLeft", { count: 1 }));
  await expect(table.getByRole("row").nth(1)).toContainText("Fanny Facilitator");
  await checkPage(page);
});

test("members book through their invitation links: one gets the place, the next queues, the first cancels and the queued one is promoted by email", async ({
  browser,
  inbox,
}) => {
  test.setTimeout(120_000);
  expect(shared.slotIds, "the facilitator's test made the sessions").toBeDefined();

  const one = await memberBrowser(browser, inbox, first);
  await bookFirstSession(one.page, { observation: true, recording: false }, false);
  await expect(one.page.getByRole("heading", { name: fi("booking.mine.title") })).toBeVisible();

  const two = await memberBrowser(browser, inbox, second);
  // The first session is full now: joining its queue.
  await bookFirstSession(two.page, { observation: false, recording: true }, true);
  await expect(two.page.getByText(fi("booking.waitlistPosition", { position: 1 }))).toBeVisible();
  await two.close();

  const cancelledAt = Date.now();
  await one.page.getByRole("link", { name: new RegExp(`^${escape(fi("booking.cancel"))}`) }).click();
  await expect(one.page.getByRole("heading", { level: 1 })).toHaveText(fi("booking.cancel.title"));
  await checkPage(one.page);
  await one.page.getByRole("button", { name: fi("booking.cancel.confirm") }).click();
  await expect(one.page.getByText(fi("booking.done.cancelled"))).toBeVisible();
  await checkPage(one.page);
  await one.close();

  const promoted = await inbox.latest(second, cancelledAt, fi("workshopsEmail.subject.promoted", { title: title.fi }));
  expect(promoted.text).toContain(fi("workshopsEmail.intro.promoted", { title: title.fi }));
});

test("the facilitator sees who booked with their consents, marks attendance once the session has begun and keeps a note", async ({ page }) => {
  expect(shared.slotIds, "the facilitator's test made the sessions").toBeDefined();
  const slotPath = `/staff/studies/${shared.studyId}/slots/${shared.slotIds![0]}`;
  await staffSignIn(page, facilitator.email);
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);
  await page.goto(slotPath);
  await expect(page.getByRole("heading", { level: 2, name: sv("workshopsStaff.roster.title") })).toBeVisible();
  const caption = sv("workshopsStaff.roster.caption", { count: 2 });
  // The promoted member holds the place: observation refused, recording allowed; the first member cancelled.
  const promoted = rowOf(page, caption, second);
  await expect(promoted).toContainText(sv("workshopsStaff.booking.BOOKED"));
  await expect(promoted.getByRole("cell").nth(3)).toHaveText(sv("workshopsStaff.consent.no"));
  await expect(promoted.getByRole("cell").nth(4)).toHaveText(sv("workshopsStaff.consent.yes"));
  const cancelled = rowOf(page, caption, first);
  await expect(cancelled).toContainText(sv("workshopsStaff.booking.CANCELLED"));
  await expect(cancelled.getByRole("cell").nth(3)).toHaveText(sv("workshopsStaff.consent.yes"));
  await expect(cancelled.getByRole("cell").nth(4)).toHaveText(sv("workshopsStaff.consent.no"));
  // Not begun yet: no attendance buttons, a word on when they come.
  await expect(page.getByText(sv("workshopsStaff.attendance.later"))).toBeVisible();
  await expect(page.getByRole("button", { name: new RegExp(`^${escape(sv("workshopsStaff.attendance.mark.ATTENDED"))}`) })).toHaveCount(0);
  await checkPage(page);

  // The session begins (moved in the database: the page has no way to go back in time).
  await withServerDatabase((db) => db.slot.update({ where: { id: shared.slotIds![0] }, data: { startsAt: new Date(Date.now() - 10 * 60 * 1000) } }));
  await page.goto(slotPath);
  await rowOf(page, caption, second)
    .getByRole("button", { name: new RegExp(`^${escape(sv("workshopsStaff.attendance.mark.ATTENDED"))}`) })
    .click();
  await expect(page.getByText(sv("workshopsStaff.notice.marked.ATTENDED"))).toBeVisible();
  await expect(rowOf(page, caption, second)).toContainText(sv("workshopsStaff.booking.ATTENDED"));
  await checkPage(page);

  // A note: an empty one is refused next to the field; a real one is listed with its author.
  await page.getByRole("button", { name: sv("workshopsStaff.notes.submit") }).click();
  await expect(page.locator("#body-error")).toHaveText(sv("workshops.error.note"));
  await checkPage(page);
  await page.getByLabel(sv("workshopsStaff.notes.field")).fill("Deltagaren ville ha större text på skärmen.");
  await page.getByRole("button", { name: sv("workshopsStaff.notes.submit") }).click();
  await expect(page.getByText(sv("workshopsStaff.notice.noted"))).toBeVisible();
  await expect(page.locator("#notes").getByText("Deltagaren ville ha större text på skärmen.")).toBeVisible();
  await expect(page.locator("#notes").getByText(/^Fanny Facilitator, /)).toBeVisible();
  await checkPage(page);
});

test("the researcher cancels a session in Finnish only after confirming that everyone is told", async ({ page }) => {
  expect(shared.slotIds, "the facilitator's test made the sessions").toBeDefined();
  const slotPath = `/staff/studies/${shared.studyId}/slots/${shared.slotIds![2]}`;
  await staffSignIn(page, researcher);
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);
  await page.goto(slotPath);
  await expect(page.getByText(fi("workshopsStaff.roster.empty"))).toBeVisible();
  await checkPage(page);
  await page.getByRole("button", { name: fi("workshopsStaff.cancel.submit") }).click();
  await expect(page.locator("#understood-error")).toHaveText(fi("workshopsStaff.cancel.error.understood"));
  await checkPage(page);
  await page.getByLabel(fi("workshopsStaff.cancel.understood")).check();
  await page.getByRole("button", { name: fi("workshopsStaff.cancel.submit") }).click();
  await expect(page.getByText(fi("workshopsStaff.notice.cancelled", { count: 0 }))).toBeVisible();
  await expect(page.getByRole("heading", { name: fi("workshopsStaff.cancel.title") })).toHaveCount(0);
  await checkPage(page);
  await page.getByRole("link", { name: fi("workshopsStaff.backToSlots") }).click();
  const table = page.getByRole("table", { name: fi("workshopsStaff.slots.captionUpcoming", { count: 2 }) });
  await expect(table.getByRole("row").last()).toContainText(fi("workshopsStaff.state.cancelled"));
  await checkPage(page);
});

test("a facilitator who is not on the study's team gets 404 in English, and a feedback handler 403", async ({ page }) => {
  expect(shared.studyId, "the researcher's test made the study").toBeDefined();
  await staffSignIn(page, "lead@panel.example");
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);
  await page.goto("/staff/workshops");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en("workshopsStaff.list.title"));
  await expect(page.getByRole("row", { name: new RegExp(escape(title.en)) })).toHaveCount(0);
  await checkPage(page);
  for (const target of [`/staff/studies/${shared.studyId}/slots`, `/staff/studies/${shared.studyId}/slots/${shared.slotIds![0]}`]) {
    const response = await page.goto(target);
    expect(response?.status(), target).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en("error.404.title"));
    await checkPage(page);
  }
  const slotId = shared.slotIds![0]!;
  const denied = await page.request.post(`/staff/studies/${shared.studyId}/slots/${slotId}`, {
    form: { intent: "attendance", bookingId: slotId, state: "ATTENDED" },
    // Same-site, as the browser's own form post would be (the server refuses cross-site posts before any route).
    headers: { Origin: "http://localhost:3100" },
  });
  expect(denied.status()).toBe(404);

  await page.context().clearCookies();
  await staffSignIn(page, "handler@panel.example");
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);
  const forbidden = await page.goto("/staff/workshops");
  expect(forbidden?.status()).toBe(403);
  await checkPage(page);
});

test("the researcher appoints council members for a two-year term, is told plainly who cannot be appointed, and ends a term", async ({ page }) => {
  const councilTitle = { fi: `Asiakasneuvosto ${stamp}`, sv: `Kundrådet ${stamp}`, en: `Customer council ${stamp}` };
  const today = instantToHelsinki(new Date()).date;
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  const twoYears = new Date(Date.UTC(year + 2, month - 1, day - 1)).toISOString().slice(0, 10);
  const inAMonth = new Date(Date.UTC(year, month - 1, day + 30)).toISOString().slice(0, 10);

  await staffSignIn(page, researcher);
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);
  await page.goto("/staff/studies/new");
  await checkPage(page);
  await page.getByLabel(fi("studies.field.type")).selectOption("CUSTOMER_COUNCIL");
  for (const [language, name] of [["fi", "Suomi"], ["sv", "Svenska"], ["en", "English"]] as const) {
    await page.getByLabel(fi("studies.field.titleIn", { language: name })).fill(councilTitle[language]);
  }
  await page.getByRole("button", { name: fi("studies.create") }).click();
  await expect(page).toHaveURL(/\/staff\/studies\/[0-9a-f-]{36}\?created=1$/);
  await checkPage(page);

  await page.goto("/staff/workshops");
  await checkPage(page);
  await page
    .getByRole("row", { name: new RegExp(escape(councilTitle.fi)) })
    .getByRole("link", { name: new RegExp(`^${escape(fi("workshopsStaff.list.councilLink"))}`) })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fi("workshopsStaff.council.title", { title: councilTitle.fi }));
  await expect(page.getByText(fi("workshopsStaff.council.currentEmpty"))).toBeVisible();
  // A two-year term from today unless changed.
  await expect(page.getByLabel(fi("workshopsStaff.council.startsOn"), { exact: true })).toHaveValue(today);
  await expect(page.getByLabel(fi("workshopsStaff.council.endsOn"), { exact: true })).toHaveValue(twoYears);
  await checkPage(page);

  // Someone who has not joined the panel cannot be appointed: said next to the address, which stays.
  const stranger = `e2e.stranger.${stamp}@example.com`;
  await page.getByLabel(fi("workshopsStaff.council.email")).fill(stranger);
  await page.getByRole("button", { name: fi("workshopsStaff.council.appoint"), exact: true }).click();
  await expect(page.locator("#email-error")).toHaveText(fi("workshopsStaff.council.refused.no-member"));
  await expect(page.getByLabel(fi("workshopsStaff.council.email"))).toHaveValue(stranger);
  await checkPage(page);

  await page.getByLabel(fi("workshopsStaff.council.email")).fill(first);
  await page.getByRole("button", { name: fi("workshopsStaff.council.appoint"), exact: true }).click();
  await expect(page.getByText(fi("workshopsStaff.council.notice.appointed"))).toBeVisible();
  await page.getByLabel(fi("workshopsStaff.council.email")).fill(second);
  await page.getByLabel(fi("workshopsStaff.council.endsOn"), { exact: true }).fill(inAMonth);
  await page.getByRole("button", { name: fi("workshopsStaff.council.appoint"), exact: true }).click();
  await expect(page.getByText(fi("workshopsStaff.council.notice.appointed"))).toBeVisible();
  const current = fi("workshopsStaff.council.currentCaption", { count: 2 });
  await expect(rowOf(page, current, first)).not.toContainText(fi("workshopsStaff.council.endingSoon"));
  await expect(rowOf(page, current, second)).toContainText(fi("workshopsStaff.council.endingSoon"));
  await checkPage(page);

  // Appointing the same member again for overlapping dates is refused.
  await page.getByLabel(fi("workshopsStaff.council.email")).fill(first);
  await page.getByRole("button", { name: fi("workshopsStaff.council.appoint"), exact: true }).click();
  await expect(page.locator("#email-error")).toHaveText(fi("workshopsStaff.council.refused.already"));
  await checkPage(page);

  await rowOf(page, current, first)
    .getByRole("button", { name: new RegExp(`^${escape(fi("workshopsStaff.council.end"))}`) })
    .click();
  await expect(page.getByText(fi("workshopsStaff.council.notice.ended"))).toBeVisible();
  await expect(rowOf(page, current, first)).toContainText(fi("workshopsStaff.council.endsToday"));
  await checkPage(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the researcher adds a remote session: a bad link is explained next to its field, the link then shows on the session's page", async ({ page }) => {
    expect(shared.studyId, "the researcher's test made the study").toBeDefined();
    const slotsPath = `/staff/studies/${shared.studyId}/slots`;
    const remoteDate = instantToHelsinki(new Date(Date.now() + 15 * 24 * 60 * 60 * 1000)).date;
    await staffSignIn(page, researcher);
    await expect(page).toHaveURL(/\/staff$/);
    await checkPage(page);
    await page.goto(slotsPath);
    await checkPage(page);
    const form = page.locator("#create");
    await form.getByLabel(fi("workshopsStaff.field.date"), { exact: true }).fill(remoteDate);
    await form.getByLabel(fi("workshopsStaff.field.time"), { exact: true }).fill("14:30");
    await form.getByLabel(fi("workshopsStaff.mode.REMOTE"), { exact: true }).check();
    await form.getByLabel(fi("workshopsStaff.field.videoLink"), { exact: true }).fill("http://meet.example.com/paja");
    await form.getByRole("button", { name: fi("workshopsStaff.create.submit") }).click();
    await expect(page.locator("#videoLink-error")).toHaveText(fi("workshops.error.videoLink"));
    await expect(form.getByLabel(fi("workshopsStaff.field.videoLink"), { exact: true })).toHaveValue("http://meet.example.com/paja");
    await expect(form.getByLabel(fi("workshopsStaff.mode.REMOTE"), { exact: true })).toBeChecked();
    await expect(form.getByLabel(fi("workshopsStaff.field.time"), { exact: true })).toHaveValue("14:30");
    await checkPage(page);

    await form.getByLabel(fi("workshopsStaff.field.videoLink"), { exact: true }).fill("https://meet.example.com/paja");
    await form.getByRole("button", { name: fi("workshopsStaff.create.submit") }).click();
    await expect(page.getByText(fi("workshopsStaff.slots.createdOne"))).toBeVisible();
    await checkPage(page);
    const when = fi("workshopsStaff.slots.whenValue", { when: formatDateTime(helsinkiToInstant(remoteDate, "14:30")!, "fi"), minutes: 60 });
    await page.getByRole("link", { name: when }).click();
    await expect(page.getByRole("link", { name: /^https:\/\/meet\.example\.com\/paja/ })).toBeVisible();
    await expect(page.getByText(fi("workshopsStaff.slot.videoHint"))).toBeVisible();
    await checkPage(page);
  });
});
