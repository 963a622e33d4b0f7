// Issue 8, done when: a customer sends a complaint, a handler quick-logs a
// phone call on the same issue, both land in one group; the unit gets the
// urgent email; a handler records an action that led to a change and
// publishes it.
// - The customer uses the public form with JavaScript off and gets a reference.
// - The handler logs the call with the keyboard alone, marked urgent.
// - The unit's mailbox receives the urgent notice with the call's reference.
// - The call's page links to its recurrence group, which holds both items.
// - The handler records what was done, that it led to a change, and publishes
//   it; "you said, we did" shows it to anyone, without personal data.
// The tests run in order and share the unit, the service and the references.
import { translator } from "../../app/infra/i18n/i18n";
import { checkPage, expect, staffSignIn, test } from "./fixtures";
import { createE2eStaff, withServerDatabase } from "./server-db";

const fi = translator("fi");
const stamp = Date.now();
const handler = `e2e.feedback.handler.${stamp}@panel.example`;
const unitMailbox = `e2e.feedback.unit.${stamp}@panel.example`;
const unitName = `Sähköiset palvelut ${stamp}`;
const serviceName = { fi: `Mobiilisovellus ${stamp}`, sv: `Mobilappen ${stamp}`, en: `Mobile app ${stamp}` };
const complaint =
  "Mobiilisovellukseen kirjautuminen pankkitunnuksilla ei onnistu. Sovellus kaatuu heti tunnistautumisen jälkeen, olen yrittänyt jo kolme päivää.";
const call =
  "Asiakas soitti: kirjautuminen mobiilisovellukseen pankkitunnuksilla ei onnistu, sovellus kaatuu tunnistautumisen jälkeen. Asiakas on yrittänyt useana päivänä.";
const said = "Mobiilisovellus kaatui pankkitunnuksilla kirjautumisen jälkeen.";
const did = "Korjasimme tunnistautumisen paluun sovellukseen; kirjautuminen toimii taas.";
const shared: { complaintRef?: string; callRef?: string; callPath?: string } = {};

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await createE2eStaff([{ roles: ["FEEDBACK_HANDLER"], email: handler, name: "Hanna Käsittelijä" }]);
  await withServerDatabase(async (db) => {
    const user = await db.user.findFirstOrThrow({ where: { email: handler, kind: "STAFF" }, select: { id: true } });
    const unit = await db.feedbackUnit.create({ data: { name: unitName, email: unitMailbox, language: "fi", handlers: { create: { userId: user.id } } } });
    const service = await db.feedbackService.create({ data: { nameFi: serviceName.fi, nameSv: serviceName.sv, nameEn: serviceName.en, sortOrder: -1 } });
    await db.feedbackRoutingRule.create({ data: { serviceId: service.id, unitId: unit.id } });
  });
});

test.describe("a customer without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sends a complaint through the public form and gets a reference", async ({ page }) => {
    await page.goto("/feedback");
    await checkPage(page);
    // Sending nothing explains what is missing next to the fields.
    await page.getByRole("button", { name: fi("feedbackIntake.submit") }).click();
    await checkPage(page);
    await expect(page.getByText(fi("feedbackIntake.error.category")).first()).toBeVisible();
    await expect(page.getByText(fi("feedbackIntake.error.text")).first()).toBeVisible();

    await page.getByRole("radio", { name: fi("feedback.category.COMPLAINT") }).check();
    await page.getByLabel(fi("feedbackIntake.service")).selectOption({ label: serviceName.fi });
    await page.getByLabel(fi("feedbackIntake.text")).fill(complaint);
    await page.getByRole("button", { name: fi("feedbackIntake.submit") }).click();
    await expect(page).toHaveURL(/\/feedback\/sent/);
    await checkPage(page);
    await expect(page.getByRole("heading", { name: fi("feedbackIntake.sent.title") })).toBeVisible();
    const sentence = await page.getByText(/#\d+/).first().textContent();
    shared.complaintRef = /#\d+/.exec(sentence ?? "")?.[0];
    expect(shared.complaintRef, "a reference on the thank-you page").toBeTruthy();
  });
});

test("a handler quick-logs a phone call with the keyboard; the unit gets the urgent email", async ({ page, inbox }) => {
  await staffSignIn(page, handler);
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);
  const since = Date.now();
  await page.goto("/staff/feedback/new");
  await checkPage(page);
  await expect(page.getByRole("heading", { name: fi("feedbackIntake.quick.title") })).toBeVisible();

  // The first field has focus: channel, category and service are chosen by typing.
  await expect(page.getByLabel(fi("feedbackIntake.channel"))).toBeFocused();
  await page.keyboard.press(fi("feedback.channel.PHONE").charAt(0)); // "P" selects Puhelin
  await expect(page.getByLabel(fi("feedbackIntake.channel"))).toHaveValue("PHONE");
  await page.getByLabel(fi("feedbackIntake.category")).selectOption("COMPLAINT");
  await page.getByLabel(fi("feedbackIntake.service")).selectOption({ label: serviceName.fi });
  await page.getByLabel(fi("feedbackIntake.quick.urgent")).focus();
  await page.keyboard.press("Space");
  await expect(page.getByLabel(fi("feedbackIntake.quick.urgent"))).toBeChecked();
  await page.getByLabel(fi("feedbackIntake.text")).focus();
  await page.keyboard.type(call);
  await page.getByRole("button", { name: fi("feedbackIntake.quick.save") }).press("Enter");
  await checkPage(page);
  const saved = page.getByText(/#\d+/).first();
  await expect(saved).toBeVisible();
  shared.callRef = /#\d+/.exec((await saved.textContent()) ?? "")?.[0];
  expect(shared.callRef).toBeTruthy();
  expect(shared.callRef).not.toBe(shared.complaintRef);
  // The form is empty again for the next call.
  await expect(page.getByLabel(fi("feedbackIntake.text"))).toHaveValue("");
  const open = page.getByRole("link", { name: fi("feedbackIntake.quick.open", { reference: shared.callRef! }) });
  shared.callPath = (await open.getAttribute("href")) ?? undefined;
  expect(shared.callPath).toMatch(/^\/staff\/feedback\/[0-9a-f-]{36}$/);

  const notice = await inbox.latest(unitMailbox, since);
  expect(notice.text).toContain(shared.callRef!);
  expect(notice.text).toContain(serviceName.fi);
  expect(notice.text).toContain(`/staff/feedback/`);
});

test("the call and the web complaint land in one group", async ({ page }) => {
  await staffSignIn(page, handler);
  await checkPage(page);
  await page.goto(shared.callPath!);
  await checkPage(page);
  await expect(page.getByRole("heading", { name: fi("feedbackHandling.item.title", { reference: shared.callRef! }) })).toBeVisible();
  await page.getByRole("link", { name: fi("feedbackHandling.group.link", { count: 1 }) }).click();
  await expect(page).toHaveURL(/\/staff\/feedback\/groups\/[0-9a-f-]{36}$/);
  await checkPage(page);
  const main = page.getByRole("main");
  await expect(main.getByText(shared.callRef!, { exact: true }).first()).toBeVisible();
  await expect(main.getByText(shared.complaintRef!, { exact: true }).first()).toBeVisible();
  await expect(main.getByText(fi("feedback.channel.WEB")).first()).toBeVisible();
  await expect(main.getByText(fi("feedback.channel.PHONE")).first()).toBeVisible();
});

test("a handler records an action that led to a change and publishes it", async ({ page, browser }) => {
  await staffSignIn(page, handler);
  await checkPage(page);
  await page.goto(shared.callPath!);
  await checkPage(page);

  await page.getByLabel(fi("feedbackHandling.action.text")).fill("Välitetty sovelluskehitykselle, vika toistettu testiympäristössä.");
  await page.getByRole("button", { name: fi("feedbackHandling.action.save") }).click();
  await checkPage(page);
  const log = page.getByRole("region", { name: fi("feedbackHandling.log.title") }).or(page.locator("section", { has: page.getByRole("heading", { name: fi("feedbackHandling.log.title") }) }));
  await expect(log.getByText("vika toistettu testiympäristössä")).toBeVisible();
  await expect(log.getByText("Hanna Käsittelijä").first()).toBeVisible();

  // A change without a description is explained next to the field.
  await page.getByRole("button", { name: fi("feedbackHandling.change.save") }).click();
  await checkPage(page);
  await expect(page.getByText(fi("feedbackHandling.change.error.required")).first()).toBeVisible();
  await page.getByLabel(fi("feedbackHandling.change.text")).fill(did);
  await page.getByRole("button", { name: fi("feedbackHandling.change.save") }).click();
  await checkPage(page);
  await expect(page.locator("#change").getByText(fi("feedbackHandling.change.current", { text: did }))).toBeVisible();

  // Personal data is refused on the public page.
  await page.getByRole("textbox", { name: fi("feedbackHandling.publish.said"), exact: true }).fill(`${said} Soita 040 123 4567.`);
  await page.getByRole("textbox", { name: fi("feedbackHandling.publish.did"), exact: true }).fill(did);
  // The customer's language is offered first.
  await expect(page.getByLabel(fi("feedbackHandling.publish.language"))).toHaveValue("fi");
  await page.getByRole("button", { name: fi("feedbackHandling.publish.save") }).click();
  await checkPage(page);
  await expect(page.getByText(fi("feedbackHandling.publish.error.personal")).first()).toBeVisible();
  await page.getByRole("textbox", { name: fi("feedbackHandling.publish.said"), exact: true }).fill(said);
  await page.getByRole("button", { name: fi("feedbackHandling.publish.save") }).click();
  await checkPage(page);
  await expect(page.getByRole("button", { name: fi("feedbackHandling.publish.update") })).toBeVisible();

  // Anyone, signed out, reads it on "you said, we did"; no reference or personal data is shown.
  const context = await browser.newContext({ locale: "fi-FI" });
  const visitor = await context.newPage();
  await visitor.goto("/you-said-we-did");
  await checkPage(visitor);
  const entry = visitor.getByRole("main").getByText(said);
  await expect(entry).toBeVisible();
  await expect(visitor.getByRole("main").getByText(did).first()).toBeVisible();
  await expect(visitor.getByRole("main")).not.toContainText(shared.callRef!);
  await expect(visitor.getByRole("main")).not.toContainText("040 123 4567");
  await context.close();
});
