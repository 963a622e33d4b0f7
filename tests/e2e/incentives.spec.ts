// Issue 7, done when: Playwright covers accrue → approve → payout for a
// survey and a workshop.
// - Survey, gift card: a researcher sets the rule (a wrong amount is explained
//   next to its field first), an admin uploads the supplier's CSV (Finnish
//   headers), a member answers through the emailed link, the researcher
//   approves after the confirmation step, the member gets the code by email
//   and sees it on their rewards page.
// - Workshop, bank transfer: a member books through the invitation link and is
//   marked attended once the session has begun; the researcher approves; the
//   member is asked for an account number by email and gives one with
//   JavaScript off (a wrong check digit is explained next to the field); an
//   admin makes a payout batch, downloads its CSV and marks it paid after
//   confirming; the member is told, no account is kept any more, and the
//   study's rewards page says paid.
// The tests run in order and share the studies and the members.
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "@playwright/test";
import { formatDate, formatDateTime, translator } from "../../app/infra/i18n/i18n";
import { formatEuros } from "../../app/modules/incentives/money";
import { helsinkiToInstant, instantToHelsinki } from "../../app/modules/workshops/time";
import { checkPage, expect, staffSignIn, test, type Inbox } from "./fixtures";
import { createE2eStaff, withServerDatabase } from "./server-db";
import { fillTexts, invitationLink, joinAsMember, type Texts } from "./study-helpers";

const fi = translator("fi");
const stamp = Date.now();
/** This file's own staff (the demo password): staff sign-in allows 10 tries per address in 15 minutes. */
const researcher = `e2e.incentives.researcher.${stamp}@panel.example`;
const admin = `e2e.incentives.admin.${stamp}@panel.example`;
const surveyMember = `e2e.incentives.survey.${stamp}@members.example`;
const workshopMember = `e2e.incentives.workshop.${stamp}@members.example`;
const surveyTitle: Texts = { fi: `Palkkiokysely ${stamp}`, sv: `Enkät med belöning ${stamp}`, en: `Rewarded survey ${stamp}` };
const workshopTitle: Texts = { fi: `Palkkiopaja ${stamp}`, sv: `Verkstad med belöning ${stamp}`, en: `Rewarded workshop ${stamp}` };
const question: Texts = { fi: "Mikä palvelussa toimi parhaiten?", sv: "Vad fungerade bäst?", en: "What worked best?" };
/** A 15 € card (the demo stock holds 10 € ones, so the code delivered is this one) and a 25 € card that stays in stock. */
const giftCode = `E2E-${stamp}-15`;
const spareCode = `E2E-${stamp}-25`;
const giftCents = 1500;
const transferCents = 2000;
const holder = "Maija Meikäläinen";
/** The session is booked three days ahead (past the 24-hour cut-off), then moved to have begun. */
const slotDate = instantToHelsinki(new Date(Date.now() + 3 * 24 * 60 * 60 * 1000)).date;
/** Today in Helsinki, as the pages show a stored day. */
const today = instantToHelsinki(new Date()).date;
const todayText = formatDate(`${today}T12:00:00Z`, "fi");
const shared: { workshopId?: string; slotId?: string; approvedAt?: number } = {};

test.describe.configure({ mode: "serial" });

/** A text as a pattern; any space in it (a no-break one in "15,00 €" too) matches any space. */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
const startsWith = (text: string) => new RegExp(`^${escape(text)}`);
const euros = (cents: number) => formatEuros(cents, "fi");

test.beforeAll(() =>
  createE2eStaff([
    { roles: ["RESEARCHER"], email: researcher, name: "Riikka Tutkija" },
    { roles: ["ADMIN"], email: admin, name: "Antti Ylläpitäjä" },
  ]),
);

/**
 * A browser of its own (Finnish, Helsinki time, JavaScript on) for someone
 * other than the test's page: every page is scanned by the caller, and a
 * console error fails like on the test's page.
 */
async function ownBrowser(browser: Browser, who: string) {
  const context = await browser.newContext({ locale: "fi-FI", timezoneId: "Europe/Helsinki" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return {
    page,
    async close() {
      await context.close();
      expect(errors, `console errors in ${who}'s browser`).toEqual([]);
    },
  };
}

/**
 * A new member joins in Finnish (double opt-in with the emailed code, terms
 * accepted) as joinAsMember does, and stays signed in in their own browser.
 */
async function joinAndStay(browser: Browser, inbox: Inbox, email: string) {
  const member = await ownBrowser(browser, email);
  const { page } = member;
  await page.goto("/join");
  await checkPage(page);
  await page.getByLabel(fi("join.email")).fill(email);
  await page.getByLabel(fi("join.birthYear"), { exact: true }).fill("1985");
  await page.getByLabel(fi("join.acceptTerms")).check();
  const joinedAt = Date.now();
  await page.getByRole("button", { name: fi("join.submit"), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fi("join.codeTitle"));
  await checkPage(page);
  await page.getByLabel(fi("join.code")).fill(await inbox.signInCode(email, joinedAt));
  await page.getByRole("button", { name: fi("join.confirm"), exact: true }).click();
  await expect(page).toHaveURL(/\/account\?welcome=1$/);
  await checkPage(page);
  return member;
}

/** The member's rewards page, from the menu. */
async function openMyRewards(page: Page) {
  await page
    .getByRole("navigation", { name: fi("nav.main") })
    .getByRole("link", { name: fi("nav.rewards"), exact: true })
    .click();
  await expect(page).toHaveURL(/\/account\/rewards$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fi("myRewards.title"));
  await checkPage(page);
}

/** A member signs in with the emailed code and opens their rewards page from the menu. */
async function memberOpensRewards(page: Page, inbox: Inbox, email: string) {
  await page.goto("/sign-in");
  await checkPage(page);
  await page.getByLabel(fi("signIn.email")).fill(email);
  const since = Date.now();
  await page.getByRole("button", { name: fi("signIn.send"), exact: true }).click();
  await expect(page.getByLabel(fi("signIn.code"))).toBeVisible();
  await checkPage(page);
  await page.getByLabel(fi("signIn.code")).fill(await inbox.signInCode(email, since));
  await page
    .getByRole("button", { name: fi("signIn.verify"), exact: true })
    .last()
    .click();
  await expect(page).toHaveURL(/\/account$/);
  await checkPage(page);
  await openMyRewards(page);
}

/** A reward's card on the member's page, by its study's title. */
const rewardCard = (page: Page, title: string) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: title }) });

/** The researcher's row of a member's reward on the study's rewards page. */
const rewardRow = (page: Page, email: string) => page.locator("table.rewards").getByRole("row", { name: new RegExp(escape(email)) });

/** Creates a study of a type with its title in three languages and returns its id. */
async function createStudy(page: Page, type: "SURVEY" | "WORKSHOP", title: Texts) {
  await page.goto("/staff/studies/new");
  await checkPage(page);
  await page.getByLabel(fi("studies.field.type")).selectOption(type);
  for (const [language, name] of [
    ["fi", "Suomi"],
    ["sv", "Svenska"],
    ["en", "English"],
  ] as const) {
    await page.getByLabel(fi("studies.field.titleIn", { language: name })).fill(title[language]);
  }
  await page.getByRole("button", { name: fi("studies.create") }).click();
  await expect(page).toHaveURL(/\/staff\/studies\/[0-9a-f-]{36}\?created=1$/);
  await checkPage(page);
  return /\/staff\/studies\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

/** Opens the study for recruiting and invites every eligible member (the study's new member among them). */
async function openAndInvite(page: Page, studyId: string) {
  if (new URL(page.url()).pathname !== `/staff/studies/${studyId}`) {
    await page.goto(`/staff/studies/${studyId}`);
    await checkPage(page);
  }
  await page.getByRole("button", { name: fi("studies.lifecycle.to.RECRUITING") }).click();
  await expect(page.getByText(fi("studies.lifecycle.changed", { status: fi("studies.status.RECRUITING") }))).toBeVisible();
  await checkPage(page);
  await page.getByLabel(fi("studies.invite.count")).fill("5000");
  const invitedAt = Date.now();
  await page.getByRole("button", { name: fi("studies.invite.submit") }).click();
  await expect(page).toHaveURL(/\?invited=\d+$/);
  expect(Number(new URL(page.url()).searchParams.get("invited"))).toBeGreaterThanOrEqual(1);
  await checkPage(page);
  return invitedAt;
}

/** A study's rewards page: from the study page by the link researchers follow, or straight to it. */
async function openRewards(page: Page, studyId: string, title: string, from: "study" | "address" = "address") {
  if (from === "study") {
    await page.goto(`/staff/studies/${studyId}`);
    await checkPage(page);
    await page.getByRole("link", { name: fi("incentivesStaff.studyLink.link") }).click();
  } else await page.goto(`/staff/studies/${studyId}/rewards`);
  await expect(page).toHaveURL(`/staff/studies/${studyId}/rewards`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fi("incentivesStaff.rewards.title", { title }));
  await checkPage(page);
}

/** The admin's incentives page, from the staff menu. */
async function openIncentives(page: Page) {
  await page
    .getByRole("navigation", { name: fi("nav.main") })
    .getByRole("link", { name: fi("nav.incentives"), exact: true })
    .click();
  await expect(page).toHaveURL("/staff/incentives");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fi("incentivesStaff.admin.title"));
  await checkPage(page);
}

test("survey with a gift card: the rule (a wrong amount explained first), the supplier's codes, an answer, the approval after confirming, the code by email and on the member's page", async ({
  page,
  browser,
  inbox,
}) => {
  test.setTimeout(90_000);
  // The member joins first and stays signed in; nothing is asked of them yet.
  const member = await joinAndStay(browser, inbox, surveyMember);

  // The researcher makes a one-question survey.
  await staffSignIn(page, researcher);
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);
  const studyId = await createStudy(page, "SURVEY", surveyTitle);
  const surveyPath = `/staff/studies/${studyId}/survey`;
  await page.getByRole("link", { name: fi("studies.editSurvey") }).click();
  await checkPage(page);
  await fillTexts(page, "add-section", "title", { fi: "Palvelu", sv: "Tjänsten", en: "The service" });
  await page.getByRole("button", { name: fi("studies.builder.addSection"), exact: true }).click();
  await expect(page).toHaveURL(`${surveyPath}?saved=1#s-s1`);
  const section = page.locator("#s-s1");
  await section.getByLabel(fi("studies.builder.questionType")).selectOption("shortText");
  await section.getByRole("button", { name: startsWith(fi("studies.builder.addQuestion")) }).click();
  await expect(page).toHaveURL(`${surveyPath}?saved=1&edit=q1#q-q1`);
  await checkPage(page);
  await fillTexts(page, "edit-q1", "text", question);
  await page
    .locator("#q-q1")
    .getByRole("button", { name: fi("studies.builder.saveQuestion") })
    .click();
  await expect(page).toHaveURL(`${surveyPath}?saved=1#q-q1`);
  await checkPage(page);

  // The rule: a gift card for answering, with a budget. "abc" is refused next to the amount, the rest kept.
  await openRewards(page, studyId, surveyTitle.fi, "study");
  await expect(page.getByText(fi("incentivesStaff.list.emptySurvey"))).toBeVisible();
  const rule = page.locator("#rule-COMPLETED");
  await expect(rule.getByText(fi("incentivesStaff.rule.none"))).toBeVisible();
  const giftCard = rule.getByRole("radio", { name: startsWith(fi("incentivesStaff.kind.GIFT_CARD")) });
  await giftCard.check();
  await rule.getByLabel(fi("incentivesStaff.rule.amount")).fill("abc");
  await rule.getByLabel(fi("incentivesStaff.rule.budget")).fill("100");
  await rule.getByRole("button", { name: fi("incentivesStaff.rule.create") }).click();
  await expect(page.locator("#completed-amount-error")).toHaveText(fi("incentivesStaff.rule.error.amount.invalid"));
  const amount = rule.getByLabel(fi("incentivesStaff.rule.amount"));
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(amount).toHaveAttribute("aria-describedby", /completed-amount-error/);
  await expect(amount).toHaveValue("abc");
  await expect(rule.getByLabel(fi("incentivesStaff.rule.budget"))).toHaveValue("100");
  await expect(giftCard).toBeChecked();
  await expect(rule.getByRole("alert")).toContainText(`${fi("incentivesStaff.rule.amount")}: ${fi("incentivesStaff.rule.error.amount.invalid")}`);
  await checkPage(page);
  await amount.fill("15");
  await rule.getByRole("button", { name: fi("incentivesStaff.rule.create") }).click();
  await expect(page.getByText(fi("incentivesStaff.notice.saved", { condition: fi("incentivesStaff.condition.COMPLETED") }))).toBeVisible();
  await expect(
    page.locator("#rule-COMPLETED").getByText(fi("incentivesStaff.rule.current", { kind: fi("incentivesStaff.kind.GIFT_CARD"), amount: euros(giftCents) })),
  ).toBeVisible();
  const ruleName = fi("incentivesStaff.rule.name", {
    condition: fi("incentivesStaff.condition.COMPLETED"),
    kind: fi("incentivesStaff.kind.GIFT_CARD"),
    amount: euros(giftCents),
  });
  const budgetRow = page.locator("#budget").getByRole("row", { name: startsWith(ruleName) });
  await expect(budgetRow.getByRole("cell").first()).toHaveText(euros(10000));
  await checkPage(page);
  const invitedAt = await openAndInvite(page, studyId);

  // The admin uploads the supplier's codes: Finnish headers, semicolons, a value with a decimal comma.
  const adminBrowser = await ownBrowser(browser, admin);
  const adminPage = adminBrowser.page;
  await staffSignIn(adminPage, admin);
  await expect(adminPage).toHaveURL(/\/staff$/);
  await checkPage(adminPage);
  await openIncentives(adminPage);
  await adminPage.getByLabel(fi("incentivesStaff.upload.field")).setInputFiles({
    name: "lahjakortit.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`koodi;arvo\r\n${giftCode};15\r\n${spareCode};25,00\r\n`, "utf8"),
  });
  await adminPage.getByRole("button", { name: fi("incentivesStaff.upload.submit"), exact: true }).click();
  await expect(adminPage.getByText(fi("incentivesStaff.notice.uploaded", { added: 2 }))).toBeVisible();
  const stockRow = adminPage.locator("#stock").getByRole("row", { name: startsWith(euros(giftCents)) });
  await expect(stockRow.getByRole("cell")).toHaveText(["1", "0", "0", "0"]);
  await checkPage(adminPage);
  await adminBrowser.close();

  // The member answers through the emailed link.
  const invitation = await inbox.latest(surveyMember, invitedAt, fi("email.invitation.subject", { title: surveyTitle.fi }));
  await member.page.goto(invitationLink(invitation.text));
  await expect(member.page.getByRole("heading", { level: 1 })).toHaveText(surveyTitle.fi);
  await checkPage(member.page);
  await member.page.getByRole("button", { name: fi("survey.start"), exact: true }).click();
  await member.page.getByLabel(question.fi).fill("Selkeät ohjeet ja nopea vastaus.");
  await checkPage(member.page);
  await member.page.getByRole("button", { name: fi("survey.submit") }).click();
  await expect(member.page.getByRole("heading", { level: 1 })).toHaveText(fi("survey.thanksTitle"));
  await checkPage(member.page);

  // The researcher sees the pending reward and approves it after the confirmation step.
  await openRewards(page, studyId, surveyTitle.fi);
  const row = rewardRow(page, surveyMember);
  await expect(row).toContainText(fi("incentivesStaff.status.PENDING"));
  await expect(row).toContainText(euros(giftCents));
  await expect(budgetRow.getByRole("cell").nth(3)).toContainText(euros(giftCents));
  await row.getByRole("checkbox").check();
  await page.getByRole("button", { name: fi("incentivesStaff.bulk.approve") }).click();
  const confirm = page.getByRole("region", { name: fi("incentivesStaff.confirm.approveTitle", { count: 1 }) });
  await expect(confirm).toContainText(fi("incentivesStaff.confirm.approveBody", { count: 1, total: euros(giftCents) }));
  await expect(confirm.getByRole("listitem")).toHaveText(`${surveyMember} – ${euros(giftCents)} (${fi("incentivesStaff.kind.GIFT_CARD")})`);
  await checkPage(page);
  const approvedAt = Date.now();
  await confirm.getByRole("button", { name: fi("incentivesStaff.confirm.approve", { count: 1 }) }).click();
  await expect(page.getByText(fi("incentivesStaff.notice.approved", { count: 1 }))).toBeVisible();
  await expect(page.getByText(fi("incentivesStaff.notice.delivered", { count: 1 }))).toBeVisible();
  await expect(row).toContainText(fi("incentivesStaff.status.PAID"));
  await expect(row).toContainText(fi("incentivesStaff.note.delivered"));
  // Committed and paid: the card's value, out of the budget.
  await expect(budgetRow.getByRole("cell").nth(1)).toHaveText(euros(giftCents));
  await expect(budgetRow.getByRole("cell").nth(2)).toHaveText(euros(giftCents));
  await checkPage(page);

  // The code by email, and on the member's rewards page, sent.
  const email = await inbox.latest(surveyMember, approvedAt, fi("rewardEmail.subject.giftCard", { amount: euros(giftCents) }));
  expect(email.text).toContain(giftCode);
  expect(email.text).toContain(fi("rewardEmail.intro.giftCard", { title: surveyTitle.fi, amount: euros(giftCents) }));
  await member.page.goto("/account");
  await checkPage(member.page);
  await openMyRewards(member.page);
  const card = rewardCard(member.page, surveyTitle.fi);
  await expect(card.locator("code")).toHaveText(giftCode);
  await expect(card).toContainText(fi("myRewards.status.sent"));
  await expect(card).toContainText(euros(giftCents));
  await expect(member.page.getByText(fi("myRewards.year", { year: today.slice(0, 4), total: euros(giftCents), cap: euros(30000) }))).toBeVisible();
  // No bank transfer: no account asked for.
  await expect(member.page.getByRole("heading", { name: fi("myRewards.account.title") })).toHaveCount(0);
  await checkPage(member.page);
  await member.close();
});

test("workshop with a bank transfer: a member books, is marked attended once the session has begun, and the researcher approves", async ({
  page,
  browser,
  inbox,
}) => {
  test.setTimeout(90_000);
  await joinAsMember(browser, inbox, workshopMember);

  await staffSignIn(page, researcher);
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);
  const studyId = await createStudy(page, "WORKSHOP", workshopTitle);
  shared.workshopId = studyId;
  // Invited first: the invitations go out while the rule and the session are made.
  const invitedAt = await openAndInvite(page, studyId);

  // The rule: a bank transfer for attending.
  await openRewards(page, studyId, workshopTitle.fi);
  const rule = page.locator("#rule-ATTENDED");
  await rule.getByRole("radio", { name: startsWith(fi("incentivesStaff.kind.BANK_TRANSFER")) }).check();
  await rule.getByLabel(fi("incentivesStaff.rule.amount")).fill("20,00");
  await rule.getByLabel(fi("incentivesStaff.rule.budget")).fill("200");
  await rule.getByRole("button", { name: fi("incentivesStaff.rule.create") }).click();
  await expect(page.getByText(fi("incentivesStaff.notice.saved", { condition: fi("incentivesStaff.condition.ATTENDED") }))).toBeVisible();
  await expect(
    page
      .locator("#rule-ATTENDED")
      .getByText(fi("incentivesStaff.rule.current", { kind: fi("incentivesStaff.kind.BANK_TRANSFER"), amount: euros(transferCents) })),
  ).toBeVisible();
  await checkPage(page);

  // One session three days ahead.
  await page.goto(`/staff/studies/${studyId}/slots`);
  await checkPage(page);
  const form = page.locator("#create");
  await form.getByLabel(fi("workshopsStaff.field.date"), { exact: true }).fill(slotDate);
  await form.getByLabel(fi("workshopsStaff.field.time"), { exact: true }).fill("10:00");
  await form.getByLabel(fi("workshopsStaff.field.capacity"), { exact: true }).fill("4");
  await form.getByLabel(fi("workshopsStaff.field.address"), { exact: true }).fill("Kauppakatu 1, Helsinki");
  await form.getByRole("button", { name: fi("workshopsStaff.create.submit") }).click();
  await expect(page.getByText(fi("workshopsStaff.slots.createdOne"))).toBeVisible();
  await checkPage(page);
  const when = fi("workshopsStaff.slots.whenValue", { when: formatDateTime(helsinkiToInstant(slotDate, "10:00")!, "fi"), minutes: 60 });
  const href = await page.getByRole("link", { name: when }).getAttribute("href");
  shared.slotId = href!.split("/").pop()!;

  // The member books it through the invitation link.
  const invitation = await inbox.latest(workshopMember, invitedAt, fi("email.invitation.subject", { title: workshopTitle.fi }));
  const member = await ownBrowser(browser, workshopMember);
  await member.page.goto(invitationLink(invitation.text));
  await expect(member.page).toHaveURL(/\/b\/[A-Za-z0-9_-]{20,64}$/);
  await checkPage(member.page);
  await member.page
    .getByRole("link", { name: startsWith(fi("booking.slots.book")) })
    .first()
    .click();
  await expect(member.page.getByRole("heading", { level: 1 })).toHaveText(fi("booking.book.title"));
  await checkPage(member.page);
  await member.page
    .getByRole("group", { name: fi("booking.observation.legend") })
    .getByLabel(fi("booking.observation.yes"))
    .check();
  await member.page
    .getByRole("group", { name: fi("booking.recording.legend") })
    .getByLabel(fi("booking.recording.no"))
    .check();
  await member.page.getByRole("button", { name: fi("booking.book.submit") }).click();
  await expect(member.page.getByText(fi("booking.done.booked"))).toBeVisible();
  await checkPage(member.page);
  await member.close();

  // The session begins (moved in the database: the page cannot go back in time); the researcher marks attendance.
  await withServerDatabase((db) => db.slot.update({ where: { id: shared.slotId! }, data: { startsAt: new Date(Date.now() - 10 * 60 * 1000) } }));
  await page.goto(`/staff/studies/${studyId}/slots/${shared.slotId}`);
  await checkPage(page);
  const roster = page.getByRole("table", { name: fi("workshopsStaff.roster.caption", { count: 1 }) });
  await roster
    .getByRole("row", { name: new RegExp(escape(workshopMember)) })
    .getByRole("button", { name: startsWith(fi("workshopsStaff.attendance.mark.ATTENDED")) })
    .click();
  await expect(page.getByText(fi("workshopsStaff.notice.marked.ATTENDED"))).toBeVisible();
  await checkPage(page);

  // The reward has accrued as pending; approved with the row's own button. No account yet.
  await openRewards(page, studyId, workshopTitle.fi);
  const row = rewardRow(page, workshopMember);
  await expect(row).toContainText(fi("incentivesStaff.status.PENDING"));
  await expect(row).toContainText(euros(transferCents));
  await expect(row).toContainText(fi("incentivesStaff.list.accountNo"));
  shared.approvedAt = Date.now();
  await row.getByRole("button", { name: startsWith(fi("incentivesStaff.list.approve")) }).click();
  await expect(page.getByText(fi("incentivesStaff.notice.approved", { count: 1 }))).toBeVisible();
  await expect(row).toContainText(fi("incentivesStaff.status.APPROVED"));
  await expect(row).toContainText(fi("incentivesStaff.note.waitingAccount"));
  await checkPage(page);

  const email = await inbox.latest(workshopMember, shared.approvedAt, fi("rewardEmail.subject.needsAccount", { amount: euros(transferCents) }));
  expect(email.text).toContain(fi("rewardEmail.intro.needsAccount", { title: workshopTitle.fi, amount: euros(transferCents) }));
  expect(email.text).toContain("/account/rewards");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the member gives an account number: a wrong check digit is explained next to the field and what was typed stays", async ({ page, inbox }) => {
    expect(shared.approvedAt, "the workshop test approved the reward").toBeDefined();
    await memberOpensRewards(page, inbox, workshopMember);
    const card = rewardCard(page, workshopTitle.fi);
    await expect(card).toContainText(fi("myRewards.status.waitingForAccount"));
    await expect(page.getByText(fi("myRewards.account.needed"))).toBeVisible();

    const iban = page.getByLabel(fi("myRewards.account.iban"));
    await iban.fill("FI22 1234 5600 0007 85");
    await page.getByLabel(fi("myRewards.account.holder")).fill(holder);
    await page.getByRole("button", { name: fi("myRewards.account.save") }).click();
    await expect(page.locator("#iban-error")).toHaveText(fi("myRewards.iban.checksum"));
    await expect(iban).toHaveAttribute("aria-invalid", "true");
    await expect(iban).toHaveAttribute("aria-describedby", /iban-error/);
    await expect(iban).toHaveValue("FI22 1234 5600 0007 85");
    await expect(page.getByLabel(fi("myRewards.account.holder"))).toHaveValue(holder);
    await expect(page.getByRole("alert")).toContainText(fi("myRewards.iban.checksum"));
    await checkPage(page);

    await iban.fill("FI2112345600000785");
    await page.getByRole("button", { name: fi("myRewards.account.save") }).click();
    await expect(page).toHaveURL(/\/account\/rewards\?done=saved$/);
    await expect(page.getByText(fi("myRewards.done.saved"))).toBeVisible();
    await expect(page.getByText("FI… 0785")).toBeVisible();
    await expect(card).toContainText(fi("myRewards.status.approvedTransfer"));
    await checkPage(page);
  });
});

test("the admin makes a payout batch, downloads its CSV for finance and marks it paid after confirming; the member is told and no account is kept", async ({
  page,
  browser,
  inbox,
}) => {
  test.setTimeout(60_000);
  expect(shared.approvedAt, "the workshop test approved the reward").toBeDefined();
  await staffSignIn(page, admin);
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);
  await openIncentives(page);
  // The survey's card went out from the uploaded stock.
  await expect(
    page
      .locator("#stock")
      .getByRole("row", { name: startsWith(euros(giftCents)) })
      .getByRole("cell"),
  ).toHaveText(["0", "1", "0", "0"]);
  await expect(page.locator("#payouts")).toContainText(fi("incentivesStaff.payouts.ready", { count: 1, total: euros(transferCents) }));
  await page.getByRole("button", { name: fi("incentivesStaff.payouts.create") }).click();
  await expect(page).toHaveURL(/\/staff\/incentives\?batch=\d{4}-\d{4}&lines=1#batches$/);
  const reference = new URL(page.url()).searchParams.get("batch")!;
  await expect(page.getByText(fi("incentivesStaff.notice.batch", { reference, count: 1 }))).toBeVisible();
  await expect(page.locator("#payouts")).toContainText(fi("incentivesStaff.payouts.nothing"));
  const batchRow = page.locator("table.batches").getByRole("row", { name: startsWith(reference) });
  await expect(batchRow).toContainText(fi("incentivesStaff.batches.notExported"));
  await expect(batchRow).toContainText(euros(transferCents));
  await checkPage(page);

  // The CSV finance pays from: the member's account in groups of four and the amount.
  const downloading = page.waitForEvent("download");
  await batchRow.getByRole("link", { name: startsWith(fi("incentivesStaff.batches.download")) }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`panel-payout-${reference}.csv`);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(lines[0]).toBe("batch,payment,type,payee,iban,amount_eur,message");
  expect(lines).toHaveLength(2);
  const line = lines[1]!;
  expect(line).toContain(`${reference},`);
  expect(line).toContain(",bank_transfer,");
  expect(line).toContain(holder);
  expect(line).toContain(",FI21 1234 5600 0007 85,");
  expect(line).toContain(",20.00,");
  expect(line).toContain(workshopTitle.fi);

  // Marked paid only once it is confirmed.
  await batchRow.getByRole("button", { name: startsWith(fi("incentivesStaff.batches.markPaid")) }).click();
  await expect(batchRow.getByRole("alert")).toHaveText(fi("incentivesStaff.batches.error.understood"));
  await expect(batchRow.getByRole("checkbox")).toHaveAttribute("aria-invalid", "true");
  await checkPage(page);
  await batchRow.getByLabel(fi("incentivesStaff.batches.understood", { reference })).check();
  const paidAt = Date.now();
  await batchRow.getByRole("button", { name: startsWith(fi("incentivesStaff.batches.markPaid")) }).click();
  await expect(page.getByText(fi("incentivesStaff.notice.paid", { count: 1, accounts: 1 }))).toBeVisible();
  await expect(batchRow).toContainText(fi("incentivesStaff.batches.done"));
  // The download was recorded: the batch says when.
  await expect(batchRow).not.toContainText(fi("incentivesStaff.batches.notExported"));
  await expect(batchRow).toContainText(todayText);
  await checkPage(page);

  // The member is told, and their page shows the reward paid with no account on file.
  const email = await inbox.latest(workshopMember, paidAt, fi("rewardEmail.subject.paid", { amount: euros(transferCents) }));
  expect(email.text).toContain(fi("rewardEmail.intro.paid", { amount: euros(transferCents), title: workshopTitle.fi, account: "…0785" }));
  const member = await ownBrowser(browser, workshopMember);
  await memberOpensRewards(member.page, inbox, workshopMember);
  const card = rewardCard(member.page, workshopTitle.fi);
  await expect(card).toContainText(fi("myRewards.status.paid"));
  await expect(card.locator("dt", { hasText: fi("myRewards.detail.paid") }).locator("xpath=following-sibling::dd[1]")).toHaveText(todayText);
  await expect(member.page.getByRole("heading", { name: fi("myRewards.account.title") })).toHaveCount(0);
  await expect(member.page.getByText("0785")).toHaveCount(0);
  await checkPage(member.page);
  await member.close();

  // The study's rewards page says paid too (an admin sees every study's).
  await openRewards(page, shared.workshopId!, workshopTitle.fi);
  await expect(rewardRow(page, workshopMember)).toContainText(fi("incentivesStaff.status.PAID"));
  await expect(rewardRow(page, workshopMember)).not.toContainText(fi("incentivesStaff.list.accountYes"));
  await checkPage(page);
});
