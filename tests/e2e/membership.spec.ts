// A member's whole life in the community, in each language, once without
// JavaScript: join → confirm with the emailed code → profile → preferences →
// an admin publishes new terms → the member accepts them at the next sign-in →
// downloads their data → leaves.
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "@playwright/test";
import { translator, type Language } from "../../app/infra/i18n/i18n";
import { checkPage, expect, staffSignIn, test } from "./fixtures";

const runs: { language: Language; javaScriptEnabled: boolean }[] = [
  { language: "fi", javaScriptEnabled: true },
  { language: "sv", javaScriptEnabled: true },
  { language: "en", javaScriptEnabled: false },
];

async function submitAndCheck(page: Page, buttonName: string) {
  await page.getByRole("button", { name: buttonName, exact: true }).click();
  await page.waitForLoadState("load");
}

async function publishNewTerms(browser: Browser, marker: string) {
  const context = await browser.newContext({ locale: "fi-FI", javaScriptEnabled: true });
  const admin = await context.newPage();
  await staffSignIn(admin, "admin@panel.example");
  await expect(admin).toHaveURL(/\/staff$/);
  await admin.goto("/staff/consents/membership-terms/new");
  await checkPage(admin);
  for (const language of ["fi", "sv", "en"] as const) {
    const body = admin.locator(`[name="body_${language}"]`);
    await body.fill(`${await body.inputValue()}\n\n${marker}`);
  }
  await admin.locator('[name="confirm"]').check();
  await admin.getByRole("button", { name: /Julkaise versio/ }).click();
  await expect(admin).toHaveURL(/\/staff\/consents\?published=/);
  await checkPage(admin);
  await context.close();
}

for (const { language, javaScriptEnabled } of runs) {
  test.describe(`membership in ${language}${javaScriptEnabled ? "" : " without JavaScript"}`, () => {
    test.use({ javaScriptEnabled });

    test("join, profile, preferences, new terms, my data, leave", async ({ page, inbox, browser }) => {
      test.setTimeout(120_000);
      const t = translator(language);
      const email = `e2e.${language}.${Date.now()}@members.example`;

      // The landing page, in the member's language.
      await page.goto("/");
      if (language !== "fi") await page.getByRole("button", { name: t(`lang.${language}`) }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", language);
      await expect(page.getByRole("heading", { name: t("landing.howOftenTitle") })).toBeVisible();
      await checkPage(page);

      // Join.
      await page.getByRole("main").getByRole("link", { name: t("landing.joinCta") }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("join.title"));
      await checkPage(page);
      await page.getByLabel(t("join.email")).fill(email);
      await page.getByLabel(t("join.birthYear"), { exact: true }).fill(String(new Date().getFullYear() - 10));
      await page.getByLabel(t("join.acceptTerms")).check();
      await submitAndCheck(page, t("join.submit"));
      // Too young: a kind message by the field, nothing lost.
      await expect(page.getByText(t("join.tooYoung")).first()).toBeVisible();
      await expect(page.getByLabel(t("join.email"))).toHaveValue(email);
      await checkPage(page);
      await page.getByLabel(t("join.birthYear"), { exact: true }).fill("1975");
      const joinedAt = Date.now();
      await submitAndCheck(page, t("join.submit"));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("join.codeTitle"));
      await checkPage(page);
      const code = await inbox.signInCode(email, joinedAt);
      await page.getByLabel(t("join.code")).fill(code);
      await submitAndCheck(page, t("join.confirm"));
      await expect(page).toHaveURL(/\/account\?welcome=1$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("account.title"));
      await checkPage(page);

      // Background profile.
      await page.getByRole("link", { name: t("account.profileLink") }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("profile.title"));
      await checkPage(page);
      await page.getByLabel(t("profile.gender.woman")).check();
      await page.getByLabel(t("profile.municipality.label")).selectOption("Tampere");
      await page.getByLabel(t("profile.digitalUse.weekly")).check();
      await submitAndCheck(page, t("profile.save"));
      await expect(page.getByText(t("profile.saved"))).toBeVisible();
      await expect(page.getByLabel(t("profile.municipality.label"))).toHaveValue("Tampere");
      await checkPage(page);

      // Invitation preferences.
      await page.goto("/account/preferences");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("preferences.title"));
      await checkPage(page);
      await page.getByLabel(t("preferences.studyType.WORKSHOP")).uncheck();
      await page.getByLabel(t("preferences.max.label")).selectOption("1");
      await submitAndCheck(page, t("preferences.save"));
      await expect(page.getByText(t("preferences.saved"))).toBeVisible();
      await expect(page.getByLabel(t("preferences.max.label"))).toHaveValue("1");
      await checkPage(page);

      // An admin publishes new membership terms; the member is asked at the next sign-in.
      const marker = `Päivitys ${language} ${Date.now()}`;
      await publishNewTerms(browser, marker);
      await page.getByRole("button", { name: t("nav.signOut"), exact: true }).click();
      await page.waitForLoadState("load");
      await checkPage(page);
      await page.goto("/sign-in");
      await checkPage(page);
      await page.getByLabel(t("signIn.email")).fill(email);
      const signInAt = Date.now();
      await submitAndCheck(page, t("signIn.send"));
      await checkPage(page);
      await page.getByLabel(t("signIn.code")).fill(await inbox.signInCode(email, signInAt));
      await page.getByRole("button", { name: t("signIn.verify"), exact: true }).last().click();
      await expect(page).toHaveURL(/\/account\/terms/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("terms.title"));
      await expect(page.getByText(marker)).toBeVisible();
      await checkPage(page);
      await submitAndCheck(page, t("terms.accept"));
      await expect(page).toHaveURL(/\/account$/);
      await checkPage(page);

      // My data.
      await page.getByRole("link", { name: t("account.dataLink") }).click();
      await expect(page.getByText(t("data.anonymous"))).toBeVisible();
      await checkPage(page);
      const downloading = page.waitForEvent("download");
      await page.getByRole("link", { name: t("data.download") }).click();
      const download = await downloading;
      const exported = JSON.parse(await readFile((await download.path())!, "utf8")) as {
        User: { email: string; language: string };
        MemberProfile: { municipality: string; birthYear: number };
        MemberPreferences: { maxInvitationsPerMonth: number };
        ConsentEvent: { version: number; action: string }[];
      };
      expect(exported.User).toMatchObject({ email, language });
      expect(exported.MemberProfile).toMatchObject({ municipality: "Tampere", birthYear: 1975 });
      expect(exported.MemberPreferences.maxInvitationsPerMonth).toBe(1);
      expect(exported.ConsentEvent.filter((e) => e.action === "GIVEN").length).toBeGreaterThanOrEqual(2);

      // Leave.
      await page.goto("/account/leave");
      await checkPage(page);
      await submitAndCheck(page, t("leave.submit"));
      await expect(page.getByText(t("leave.mustConfirm")).first()).toBeVisible();
      await checkPage(page);
      await page.getByLabel(t("leave.confirm")).check();
      await submitAndCheck(page, t("leave.submit"));
      await expect(page.getByText(t("leave.done"))).toBeVisible();
      await checkPage(page);
      await inbox.latest(email, signInAt, t("email.left.subject"));
    });
  });
}
