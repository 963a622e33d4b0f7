// Helpers for tests/e2e/studies.spec.ts: a member who joins in a context of
// their own, and the survey builder's small forms filled the way a researcher
// fills them.
import type { Browser, Page } from "@playwright/test";
import { translator } from "../../app/infra/i18n/i18n";
import { checkPage, expect, type Inbox } from "./fixtures";

const fi = translator("fi");

export type Texts = { fi: string; sv: string; en: string };
export const languagesInOrder = ["fi", "sv", "en"] as const;

/**
 * A new member joins in Finnish (double opt-in with the emailed code, terms
 * accepted), in a browser context of their own that is closed afterwards.
 * Every page is scanned, and a console error there fails like on the test's page.
 */
export async function joinAsMember(browser: Browser, inbox: Inbox, email: string) {
  const context = await browser.newContext({ locale: "fi-FI", javaScriptEnabled: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/join");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fi("join.title"));
  await checkPage(page);
  await page.getByLabel(fi("join.email")).fill(email);
  await page.getByLabel(fi("join.birthYear"), { exact: true }).fill("1980");
  await page.getByLabel(fi("join.acceptTerms")).check();
  const joinedAt = Date.now();
  await page.getByRole("button", { name: fi("join.submit"), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fi("join.codeTitle"));
  await checkPage(page);
  await page.getByLabel(fi("join.code")).fill(await inbox.signInCode(email, joinedAt));
  await page.getByRole("button", { name: fi("join.confirm"), exact: true }).click();
  await expect(page).toHaveURL(/\/account\?welcome=1$/);
  await checkPage(page);
  await context.close();
  expect(errors, "console errors while joining").toEqual([]);
}

/** The three language fields `<prefix>-<name>_fi|sv|en` of a builder form. */
export async function fillTexts(page: Page, prefix: string, name: string, texts: Texts) {
  for (const language of languagesInOrder) await page.locator(`#${prefix}-${name}_${language}`).fill(texts[language]);
}

/** The completeness table's row for a language, e.g. "Svenska". */
export const completenessRow = (page: Page, languageName: string) =>
  page.getByRole("table", { name: fi("studies.completeness.caption") }).getByRole("row", { name: new RegExp(`^${languageName}\\b`) });

/** The invitation link in an invitation email's text. */
export function invitationLink(text: string): string {
  const link = /https?:\/\/\S+?\/s\/[A-Za-z0-9_-]{20,64}/.exec(text)?.[0];
  expect(link, "an /s/<token> link in the invitation email").toBeTruthy();
  return link!;
}
