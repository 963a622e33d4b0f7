// Issue 5, done when: a researcher builds a segment (with its live count),
// draws a stratified sample, schedules a campaign, watches it send, sends
// reminders; a member receives the mail over SMTP (the local inbox),
// unsubscribes with one click, and the funnel adds up. The tests run in order
// and share the segment and the member.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, Locator, Page } from "@playwright/test";
import { translator } from "../../app/infra/i18n/i18n";
import { demoStudyTitle } from "../../app/modules/demo/demo-study";
import { checkPage, expect, INBOX, staffSignIn, test, type Inbox } from "./fixtures";

const t = translator("fi");
const stamp = Date.now();
const memberEmail = `e2e.campaign.${stamp}@members.example`;
const segmentName = `Suomenkieliset 35–44 ${stamp}`;
const campaignName = `Kevään kutsut ${stamp}`;
const seed = `e2e-${stamp}`;
const shared: { segmentCount?: number } = {};

test.describe.configure({ mode: "serial" });

/** A number in a translated sentence, e.g. "Ehdot täyttäviä jäseniä: 12" → 12. */
function numberIn(key: Parameters<typeof t>[0], text: string, name = "count"): number {
  const pattern = t(key, { [name]: "§" }).replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace("§", "([\\d\\s\u00a0]+)");
  const match = new RegExp(pattern).exec(text);
  expect(match, `"${text}" reads as ${key}`).toBeTruthy();
  return Number(match![1]!.replace(/[\s\u00a0]/g, ""));
}

const liveCount = (page: Page) => page.locator(".live-count > p").first();

/** The figure in a two-column table row, by its row header. */
async function figure(table: Locator, rowName: string): Promise<number> {
  const cell = table.getByRole("row", { name: new RegExp(`^${rowName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`) }).getByRole("cell").last();
  return Number((await cell.innerText()).replace(/[\s\u00a0]/g, ""));
}

/**
 * A new member joins in Finnish with a birth year and lets the panel use
 * their profile for targeting, in a browser context of their own.
 */
async function joinWithProfileUse(browser: Browser, inbox: Inbox, email: string, birthYear: string) {
  const context = await browser.newContext({ locale: "fi-FI", javaScriptEnabled: true });
  const page = await context.newPage();
  await page.goto("/join");
  await checkPage(page);
  await page.getByLabel(t("join.email")).fill(email);
  await page.getByLabel(t("join.birthYear"), { exact: true }).fill(birthYear);
  await page.getByLabel(t("join.acceptTerms")).check();
  await page.getByLabel(t("join.profileUse")).check();
  const joinedAt = Date.now();
  await page.getByRole("button", { name: t("join.submit"), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("join.codeTitle"));
  await checkPage(page);
  await page.getByLabel(t("join.code")).fill(await inbox.signInCode(email, joinedAt));
  await page.getByRole("button", { name: t("join.confirm"), exact: true }).click();
  await expect(page).toHaveURL(/\/account\?welcome=1$/);
  await checkPage(page);
  await context.close();
}

interface RawMessage {
  id: string;
  subject: string;
  text: string;
  time: string;
  to: { address: string }[];
}

/** The newest message to `address` after `since` other than those already seen, with its headers. */
async function nextMessage(request: APIRequestContext, address: string, since: number, seen: string[] = []): Promise<RawMessage> {
  let found: RawMessage | undefined;
  await expect
    .poll(
      async () => {
        const messages = (await (await request.get(`${INBOX}/api/email`)).json()) as RawMessage[];
        found = messages
          .filter((m) => m.to.some((to) => to.address.toLowerCase() === address) && Date.parse(m.time) >= since - 1000 && !seen.includes(m.id))
          .sort((a, b) => Date.parse(b.time) - Date.parse(a.time))[0];
        return Boolean(found);
      },
      { timeout: 30_000, message: `an email to ${address}` },
    )
    .toBe(true);
  return found!;
}

/** A header of the message as it came over SMTP (the inbox's parsed copy leaves some out). */
async function header(request: APIRequestContext, message: RawMessage, name: string): Promise<string | undefined> {
  const source = await (await request.get(`${INBOX}/api/email/${message.id}/source`)).text();
  const head = source.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/**
 * Moves the campaign clock: queues the reminders that would be due two days
 * from now, by calling the reminders function against the e2e server's own
 * database (its embedded PostgreSQL, found from its data folder). The
 * server's campaign worker then sends them like any reminder.
 */
async function queueRemindersTwoDaysAhead(): Promise<number> {
  const dataDir = path.resolve(".tmp", "e2e-data");
  const secrets = JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as { appSecret: string; panelPassword: string; vaultPassword: string };
  const port = readFileSync(path.join(dataDir, "postgres", "cluster", "postmaster.pid"), "utf8").split("\n")[3]!.trim();
  const url = (role: string, password: string) => `postgres://${role}:${encodeURIComponent(password)}@127.0.0.1:${port}/${role}`;
  Object.assign(process.env, {
    DATABASE_URL: url("panel", secrets.panelPassword),
    VAULT_DATABASE_URL: url("vault", secrets.vaultPassword),
    APP_SECRET: secrets.appSecret,
    SMTP_URL: "smtp://127.0.0.1:1125",
    PUBLIC_URL: "http://localhost:3100",
  });
  const { scheduleReminders } = await import("../../app/modules/campaigns/reminders.server");
  const { disconnectPanelDb } = await import("../../app/infra/db/panel.server");
  try {
    return await scheduleReminders(new Date(Date.now() + 2 * 24 * 60 * 60 * 1000));
  } finally {
    await disconnectPanelDb();
  }
}

test("a researcher builds a segment: the count follows the filters, and the segment is saved", async ({ page, browser, inbox }) => {
  test.setTimeout(90_000);
  // A member who will match: Finnish, 35–44, profile use allowed.
  await joinWithProfileUse(browser, inbox, memberEmail, String(new Date().getFullYear() - 38));

  await staffSignIn(page, "researcher@panel.example");
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);
  await page.getByRole("navigation", { name: t("nav.main") }).getByRole("link", { name: t("campaignsNav.segments") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("staffSegments.title"));
  await expect(page.getByText(t("staffSegments.saved.empty"))).toBeVisible();
  await checkPage(page);

  // Everyone eligible first; each filter recounts on its own (no button pressed).
  const everyone = numberIn("staffSegments.count.value", await liveCount(page).innerText());
  expect(everyone).toBeGreaterThan(1);
  await page.getByRole("group", { name: t("staffSegments.field.languages") }).getByLabel(t("lang.fi")).check();
  await expect(liveCount(page)).not.toHaveText(t("staffSegments.count.value", { count: everyone }));
  const finnish = numberIn("staffSegments.count.value", await liveCount(page).innerText());
  expect(finnish).toBeLessThan(everyone);
  await page.getByRole("group", { name: t("staffSegments.field.ageBands") }).getByLabel("35-44").check();
  await expect(liveCount(page)).not.toHaveText(t("staffSegments.count.value", { count: finnish }));
  const matching = numberIn("staffSegments.count.value", await liveCount(page).innerText());
  expect(matching).toBeGreaterThanOrEqual(1);
  expect(matching).toBeLessThan(finnish);
  await expect(page.locator(".live-count")).toHaveAttribute("aria-live", "polite");
  await checkPage(page);

  // Saving without a name says so next to the field and keeps the choices.
  await page.getByRole("button", { name: t("staffSegments.save") }).click();
  await expect(page.locator("#name-error")).toHaveText(t("staffSegments.error.nameRequired"));
  await expect(page.getByRole("group", { name: t("staffSegments.field.ageBands") }).getByLabel("35-44")).toBeChecked();
  await checkPage(page);
  await page.getByLabel(t("staffSegments.field.name")).fill(segmentName);
  await page.getByRole("button", { name: t("staffSegments.save") }).click();
  await expect(page).toHaveURL(/\/staff\/segments\/[0-9a-f-]{36}\?saved=1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("staffSegments.segmentTitle", { name: segmentName }));
  await expect(page.getByText(t("staffSegments.savedNotice"))).toBeVisible();
  await expect(liveCount(page)).toHaveText(t("staffSegments.count.value", { count: matching }));
  await checkPage(page);
  shared.segmentCount = matching;

  // Listed on the segments page.
  await page.getByRole("link", { name: t("staffSegments.backToList") }).click();
  await expect(page.getByRole("link", { name: segmentName })).toBeVisible();
  await checkPage(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the Count button counts, keeps every choice and shows a wrong number next to its field", async ({ page }) => {
    await staffSignIn(page, "researcher@panel.example");
    await expect(page).toHaveURL(/\/staff$/);
    await checkPage(page);
    await page.goto("/staff/segments");
    await checkPage(page);
    const everyone = numberIn("staffSegments.count.value", await liveCount(page).innerText());
    await page.getByRole("group", { name: t("staffSegments.field.languages") }).getByLabel(t("lang.sv")).check();
    await page.getByRole("button", { name: t("staffSegments.count.button") }).click();
    await expect(page).toHaveURL(/intent=count/);
    const swedish = numberIn("staffSegments.count.value", await liveCount(page).innerText());
    expect(swedish).toBeLessThan(everyone);
    await expect(page.getByRole("group", { name: t("staffSegments.field.languages") }).getByLabel(t("lang.sv"))).toBeChecked();
    await checkPage(page);

    await page.getByLabel(t("staffSegments.field.memberForMonths")).fill("kolme");
    await page.getByRole("button", { name: t("staffSegments.count.button") }).click();
    await expect(page.locator("#memberForMonths-error")).toHaveText(t("staffSegments.error.memberFor"));
    await expect(page.getByLabel(t("staffSegments.field.memberForMonths"))).toHaveValue("kolme");
    await expect(page.getByLabel(t("staffSegments.field.memberForMonths"))).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("group", { name: t("staffSegments.field.languages") }).getByLabel(t("lang.sv"))).toBeChecked();
    await checkPage(page);
  });

  test("a new campaign's strata appear with the Show strata button, and a quota that is not a whole number is refused next to its field with nothing lost", async ({ page }) => {
    await staffSignIn(page, "researcher@panel.example");
    await expect(page).toHaveURL(/\/staff$/);
    await checkPage(page);
    await page.goto("/staff/studies");
    await checkPage(page);
    await page.getByRole("link", { name: demoStudyTitle.fi }).click();
    await checkPage(page);
    await page.locator("#campaigns").getByRole("link", { name: t("campaignsNav.studyCampaigns") }).click();
    await checkPage(page);
    await page.getByRole("link", { name: t("staffCampaigns.new"), exact: true }).click();
    await checkPage(page);

    await page.getByLabel(t("staffCampaigns.field.name")).fill(`Ilman JavaScriptiä ${stamp}`);
    await page.getByRole("group", { name: t("staffCampaigns.sample.mode") }).getByLabel(t("staffCampaigns.sample.stratified")).check();
    await page.getByLabel(t("staffCampaigns.sample.wanted")).fill("10");
    await page.getByLabel(t("staffCampaigns.sample.by1")).selectOption({ label: t("studies.attribute.age-band") });
    await page.getByLabel(t("staffCampaigns.sample.by2")).selectOption({ label: t("studies.attribute.language") });
    await page.getByRole("group", { name: t("staffCampaigns.sample.allocation") }).getByLabel(t("staffCampaigns.sample.allocation.quotas")).check();
    await page.getByRole("button", { name: t("staffCampaigns.sample.showStrata") }).click();
    await expect(page).toHaveURL(/intent=strata/);
    const quotas = page.getByRole("table", { name: t("staffCampaigns.sample.quotasCaption") });
    // 7 age bands and "not known", times 3 languages and "not known".
    await expect(quotas.getByRole("textbox")).toHaveCount(32);
    await expect(page.getByLabel(t("staffCampaigns.field.name"))).toHaveValue(`Ilman JavaScriptiä ${stamp}`);
    await checkPage(page);

    // A quota that is not a whole number is refused next to its own field.
    await quotas.getByLabel(`35-44, ${t("lang.fi")}`).fill("5");
    await quotas.getByLabel(`25-34, ${t("lang.sv")}`).fill("kolme");
    await page.getByRole("button", { name: t("staffCampaigns.draw") }).click();
    const wrong = quotas.getByLabel(`25-34, ${t("lang.sv")}`);
    await expect(wrong).toHaveAttribute("aria-invalid", "true");
    await expect(wrong).toHaveValue("kolme");
    await expect(quotas.getByLabel(`35-44, ${t("lang.fi")}`)).toHaveValue("5");
    await expect(page.getByRole("alert")).toContainText(t("staffCampaigns.error.quota"));
    await checkPage(page);
  });
});

test("a stratified campaign: drawn, written, tested, scheduled, sent, reminded; the member unsubscribes with one click; the funnel adds up", async ({
  page,
  inbox,
  request,
}) => {
  test.setTimeout(180_000);
  expect(shared.segmentCount, "the segment test saved a segment").toBeDefined();
  await staffSignIn(page, "researcher@panel.example");
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);

  // The demo study is open for answers; its campaigns page starts empty.
  await page.getByRole("navigation", { name: t("nav.main") }).getByRole("link", { name: t("nav.studies") }).click();
  await checkPage(page);
  await page.getByRole("link", { name: demoStudyTitle.fi }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(demoStudyTitle.fi);
  await checkPage(page);
  await page.locator("#campaigns").getByRole("link", { name: t("campaignsNav.studyCampaigns") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("staffCampaigns.listTitle", { title: demoStudyTitle.fi }));
  await expect(page.getByText(t("staffCampaigns.empty"))).toBeVisible();
  await checkPage(page);
  await page.getByRole("link", { name: t("staffCampaigns.new"), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("staffCampaigns.newTitle"));
  await checkPage(page);

  // Who: the saved segment.
  await page.getByLabel(t("staffCampaigns.field.name")).fill(campaignName);
  await page.getByLabel(t("staffCampaigns.field.segment")).selectOption({ label: segmentName });
  await page.getByRole("button", { name: t("staffCampaigns.field.useSegment") }).click();
  await expect(page).toHaveURL(/intent=useSegment/);
  await expect(page.getByRole("group", { name: t("staffSegments.field.languages") }).getByLabel(t("lang.fi"))).toBeChecked();
  await expect(page.getByRole("group", { name: t("staffSegments.field.ageBands") }).getByLabel("35-44")).toBeChecked();
  await expect(page.getByLabel(t("staffCampaigns.field.name"))).toHaveValue(campaignName);
  // Invitable to this study now: never more than the segment.
  const invitable = numberIn("staffSegments.count.value", await liveCount(page).innerText());
  expect(invitable).toBeGreaterThanOrEqual(1);
  expect(invitable).toBeLessThanOrEqual(shared.segmentCount!);
  await checkPage(page);

  // The sample: stratified by language, target shares, 1.5 × over-sampling, a seed.
  await page.getByRole("group", { name: t("staffCampaigns.sample.mode") }).getByLabel(t("staffCampaigns.sample.stratified")).check();
  await page.getByLabel(t("staffCampaigns.sample.wanted")).fill("20");
  await page.getByLabel(t("staffCampaigns.sample.oversample")).fill("1,5");
  await page.getByLabel(t("staffCampaigns.sample.by1")).selectOption({ label: t("studies.attribute.language") });
  await page.getByRole("group", { name: t("staffCampaigns.sample.allocation") }).getByLabel(t("staffCampaigns.sample.allocation.shares")).check();
  const shares = page.getByRole("table", { name: t("staffCampaigns.sample.sharesCaption") });
  await shares.getByLabel(t("lang.fi")).fill("70");
  await shares.getByLabel(t("lang.sv")).fill("20");
  await shares.getByLabel(t("lang.en")).fill("5");
  await page.getByLabel(t("staffCampaigns.sample.seed")).fill(seed);
  await checkPage(page);
  // Shares that do not add up to 100 % are refused next to the table, nothing lost.
  await page.getByRole("button", { name: t("staffCampaigns.draw") }).click();
  await expect(page.locator("#strata")).toHaveText(t("staffCampaigns.error.sharesSum"));
  await expect(shares.getByLabel(t("lang.en"))).toHaveValue("5");
  await expect(page.getByLabel(t("staffCampaigns.sample.seed"))).toHaveValue(seed);
  await checkPage(page);
  await shares.getByLabel(t("lang.en")).fill("10");
  await page.getByRole("button", { name: t("staffCampaigns.draw") }).click();

  // The draw: strata with available, target and drawn; the seed; the spread.
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}\?created=1#sample$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("staffCampaigns.campaignTitle", { name: campaignName }));
  await expect(page.locator("#sample code")).toHaveText(seed);
  const strata = page.getByRole("table", { name: t("staffCampaigns.strata.caption") });
  const finnishRow = strata.getByRole("row", { name: new RegExp(`^${t("lang.fi")}`) });
  const cells = finnishRow.getByRole("cell");
  const [available, target, drawn] = [Number(await cells.nth(0).innerText()), Number(await cells.nth(1).innerText()), Number(await cells.nth(2).innerText())];
  // ceil(20 completes × 1.5) = 30 invitations, 70 % of them Finnish.
  expect(target).toBe(21);
  expect(drawn).toBe(Math.min(available, target));
  expect(available).toBe(invitable);
  const selected = numberIn("staffCampaigns.sample.selected", await page.locator("#sample").innerText());
  expect(selected).toBe(drawn);
  await expect(page.getByRole("table", { name: t("staffCampaigns.spread.caption") })).toBeVisible();
  await checkPage(page);

  // The email: a mistyped placeholder is refused next to its field.
  const subject = `Kutsu: {title} ${stamp}`;
  await page.getByLabel(t("staffCampaigns.email.subjectIn", { language: t("lang.fi") })).fill(subject);
  await page.getByLabel(t("staffCampaigns.email.bodyIn", { language: t("lang.fi") })).fill("Hei!\nKerro mielipiteesi: {titel}\n{link}\nVastaa {closes} mennessä.");
  await page.getByRole("button", { name: t("staffCampaigns.email.save") }).click();
  await expect(page.locator("#body_fi-error")).toHaveText(t("campaigns.error.unknownPlaceholder"));
  await expect(page.getByLabel(t("staffCampaigns.email.subjectIn", { language: t("lang.fi") }))).toHaveValue(subject);
  await checkPage(page);
  await page.getByLabel(t("staffCampaigns.email.bodyIn", { language: t("lang.fi") })).fill("Hei!\nKerro mielipiteesi: {title}\n{link}\nVastaa {closes} mennessä.");
  await page.getByRole("button", { name: t("staffCampaigns.email.save") }).click();
  await expect(page.getByText(t("staffCampaigns.notice.emailSaved"))).toBeVisible();
  await expect(
    page.getByRole("table", { name: t("staffCampaigns.email.completeness") }).getByRole("row", { name: new RegExp(`^${t("lang.fi")}`) }),
  ).toContainText(`100 % – ${t("studies.completeness.done")}`);
  await checkPage(page);

  // Preview in Swedish (the starting text), then a test email to myself in Finnish.
  await page.getByRole("navigation", { name: t("staffCampaigns.preview.nav") }).getByRole("link", { name: t("lang.sv") }).click();
  await expect(page.getByRole("heading", { name: t("staffCampaigns.preview.title", { language: t("lang.sv") }) })).toBeVisible();
  await expect(page.locator(".email-preview")).toContainText(translator("sv")("staffCampaigns.defaultEmail.subject", { title: demoStudyTitle.sv }));
  await checkPage(page);
  const testedAt = Date.now();
  await page.getByLabel(t("staffCampaigns.test.language")).selectOption({ label: t("lang.fi") });
  await page.getByRole("button", { name: t("staffCampaigns.test.send") }).click();
  await expect(page.getByText(t("staffCampaigns.notice.tested", { language: t("lang.fi"), email: "researcher@panel.example" }))).toBeVisible();
  const testEmail = await inbox.latest("researcher@panel.example", testedAt);
  expect(testEmail.subject).toBe(`${t("campaigns.email.testPrefix")} Kutsu: ${demoStudyTitle.fi} ${stamp}`);
  await checkPage(page);

  // Schedule: now, with one reminder after a day, closing in a week (Helsinki time).
  const week = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000);
  const closes = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki", year: "numeric", month: "2-digit", day: "2-digit" }).format(week);
  await page.getByLabel(t("staffCampaigns.schedule.rate")).fill("600");
  await page.getByLabel(t("staffCampaigns.schedule.reminderAfter")).fill("1");
  await page.getByLabel(t("staffCampaigns.schedule.maxReminders")).fill("1");
  await page.getByLabel(t("staffCampaigns.schedule.closesAt")).fill(`${closes}T16:00`);
  const scheduledAt = Date.now();
  await page.getByRole("button", { name: t("staffCampaigns.schedule.submit") }).click();
  await expect(page).toHaveURL(/\?scheduled=SENDING#progress$/);
  await expect(page.getByText(t("staffCampaigns.notice.scheduled.SENDING"))).toBeVisible();
  await checkPage(page);

  // Watching it send: the figures refresh by themselves (no reload: the mark stays) until nothing is queued.
  const progress = page.getByRole("table", { name: t("staffCampaigns.progress.caption") });
  await page.evaluate(() => ((window as unknown as { stayed?: boolean }).stayed = true));
  await expect.poll(() => figure(progress, t("staffCampaigns.progress.queued")), { timeout: 30_000 }).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  const sent = await figure(progress, t("staffCampaigns.progress.sent"));
  expect(sent).toBeGreaterThanOrEqual(1);
  expect(sent).toBeLessThanOrEqual(selected);
  await checkPage(page);

  // Without JavaScript the page refreshes itself with a meta refresh, which the reader can switch off.
  const html = async (url: string) => (await (await page.request.get(url)).text()).replace(/\s+/g, " ");
  const campaignPath = new URL(page.url()).pathname;
  expect(await html(campaignPath)).toMatch(/<noscript><meta http-equiv="refresh" content="5"\/?><\/noscript>/);
  expect(await html(`${campaignPath}?refresh=off`)).not.toContain('http-equiv="refresh"');

  // The member's invitation arrives over SMTP with the one-click headers.
  const invitation = await nextMessage(request, memberEmail, scheduledAt);
  expect(invitation.subject).toBe(`Kutsu: ${demoStudyTitle.fi} ${stamp}`);
  expect(invitation.text).toMatch(/\/s\/[A-Za-z0-9_-]{20,64}/);
  expect(await header(request, invitation, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
  expect(await header(request, invitation, "List-Unsubscribe")).toMatch(/^<http:\/\/localhost:3100\/unsubscribe\/[A-Za-z0-9_-]{20,64}>$/);

  // Pause and resume; cancelling asks first, and "keep it going" changes nothing.
  await page.getByRole("button", { name: t("staffCampaigns.control.pause") }).click();
  await expect(page.locator("#status")).toHaveText(t("staffCampaigns.statusLine", { status: t("staffCampaigns.status.PAUSED") }));
  await checkPage(page);
  await page.getByRole("button", { name: t("staffCampaigns.control.resume") }).click();
  await expect(page.locator("#status")).toHaveText(t("staffCampaigns.statusLine", { status: t("staffCampaigns.status.SENDING") }));
  await checkPage(page);
  await page.getByRole("button", { name: t("staffCampaigns.control.cancel") }).click();
  await expect(page.getByRole("alertdialog", { name: t("staffCampaigns.cancel.confirmTitle") })).toBeVisible();
  await checkPage(page);
  await page.getByRole("link", { name: t("staffCampaigns.cancel.keep") }).click();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  await expect(page.locator("#status")).toHaveText(t("staffCampaigns.statusLine", { status: t("staffCampaigns.status.SENDING") }));
  await checkPage(page);

  // Two days on: the reminders fall due, and the member gets one with a working one-click link.
  const remindedAt = Date.now();
  expect(await queueRemindersTwoDaysAhead()).toBeGreaterThanOrEqual(1);
  const reminder = await nextMessage(request, memberEmail, remindedAt, [invitation.id]);
  expect(reminder.subject).toBe(`Kutsu: ${demoStudyTitle.fi} ${stamp}`);
  expect(await header(request, reminder, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
  const unsubscribeUrl = /^<(.+)>$/.exec((await header(request, reminder, "List-Unsubscribe")) ?? "")?.[1];
  expect(unsubscribeUrl).toMatch(/^http:\/\/localhost:3100\/unsubscribe\/[A-Za-z0-9_-]{20,64}$/);

  // A GET (a mail scanner) changes nothing; the one-click POST, without cookies or Origin, unsubscribes.
  const look = await request.get(unsubscribeUrl!);
  expect(look.status()).toBe(200);
  await page.reload();
  const funnel = page.getByRole("table", { name: t("staffCampaigns.funnel.caption") });
  expect(await figure(funnel, t("staffCampaigns.funnel.unsubscribed"))).toBe(0);
  const click = await request.post(unsubscribeUrl!, {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    data: "List-Unsubscribe=One-Click",
    maxRedirects: 0,
  });
  expect(click.status()).toBeLessThan(400);

  // The funnel adds up: drawn = blocked + waiting or cancelled + sent + failed + bounced; one unsubscribed.
  await page.reload();
  expect(await figure(funnel, t("staffCampaigns.funnel.unsubscribed"))).toBe(1);
  const row = (key: Parameters<typeof t>[0]) => figure(funnel, t(key));
  const funnelSelected = await row("staffCampaigns.funnel.selected");
  expect(funnelSelected).toBe(selected);
  const parts = await Promise.all(
    (["staffCampaigns.funnel.blocked", "staffCampaigns.funnel.waiting", "staffCampaigns.funnel.sent", "staffCampaigns.funnel.failed", "staffCampaigns.funnel.bounced"] as const).map(row),
  );
  expect(parts.reduce((sum, n) => sum + n, 0)).toBe(funnelSelected);
  expect(await row("staffCampaigns.funnel.sent")).toBe(sent);
  expect(await row("staffCampaigns.funnel.reminders")).toBeGreaterThanOrEqual(1);
  await checkPage(page);

  // The campaign is listed with the study.
  await page.getByRole("link", { name: t("staffCampaigns.backToCampaigns") }).click();
  await expect(page.getByRole("link", { name: campaignName })).toBeVisible();
  await checkPage(page);
});

test("panel health: a researcher reads it; an admin changes the rules (a wrong number is refused next to its field) and the target shares it compares with", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await staffSignIn(page, "researcher@panel.example");
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);
  await page.getByRole("navigation", { name: t("nav.main") }).getByRole("link", { name: t("campaignsNav.panelHealth") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("panelHealth.title"));
  await expect(page.getByRole("table", { name: t("panelHealth.compositionCaption", { attribute: t("studies.attribute.language") }) })).toBeVisible();
  await expect(page.getByRole("table", { name: t("panelHealth.growthCaption") }).getByRole("row")).toHaveCount(13);
  await expect(page.getByText(t("panelHealth.adminSets"))).toBeVisible();
  await expect(page.getByRole("link", { name: t("panelHealth.editRules") })).toHaveCount(0);
  await checkPage(page);
  // The rules are the admin's.
  const refused = await page.goto("/staff/recruitment-settings");
  expect(refused?.status()).toBe(403);
  await checkPage(page);
  await page.getByRole("button", { name: t("nav.signOut") }).click();

  await staffSignIn(page, "admin@panel.example");
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);
  await page.getByRole("navigation", { name: t("nav.main") }).getByRole("link", { name: t("campaignsNav.panelHealth") }).click();
  await checkPage(page);
  await page.getByRole("link", { name: t("panelHealth.editRules") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("recruitmentSettings.title"));
  await checkPage(page);

  const cooldown = page.getByLabel(t("recruitmentSettings.cooldown"), { exact: true });
  const shares = page.getByRole("table", { name: t("recruitmentSettings.targetsCaption", { attribute: t("studies.attribute.language") }) });
  await cooldown.fill("kaksi");
  await shares.getByLabel(`${t("studies.attribute.language")}: ${t("lang.fi")}`).fill("80");
  await shares.getByLabel(`${t("studies.attribute.language")}: ${t("lang.sv")}`).fill("15");
  await shares.getByLabel(`${t("studies.attribute.language")}: ${t("lang.en")}`).fill("5");
  await page.getByRole("button", { name: t("recruitmentSettings.save") }).click();
  await expect(page.locator("#cooldownDays-error")).toHaveText(t("recruitment.settings.wholeNumber"));
  await expect(cooldown).toHaveAttribute("aria-invalid", "true");
  await expect(shares.getByLabel(`${t("studies.attribute.language")}: ${t("lang.fi")}`)).toHaveValue("80");
  await checkPage(page);
  await cooldown.fill("14");
  await page.getByRole("button", { name: t("recruitmentSettings.save") }).click();
  await expect(page).toHaveURL(/\?saved=1$/);
  await expect(page.getByText(t("recruitmentSettings.saved"))).toBeVisible();
  await checkPage(page);

  // Panel health compares the members with the new targets.
  await page.getByRole("link", { name: t("recruitmentSettings.toHealth") }).click();
  const language = page.getByRole("table", { name: t("panelHealth.compositionCaption", { attribute: t("studies.attribute.language") }) });
  await expect(language.getByRole("row", { name: new RegExp(`^${t("lang.fi")}`) })).toContainText("80 %");
  await checkPage(page);
});
