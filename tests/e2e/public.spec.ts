import { checkPage, expect, test } from "./fixtures";

test("the home page is Finnish by default and the switcher gives Swedish and English", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await checkPage(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "fi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tervetuloa kehittämään palveluja");

  await page.getByRole("button", { name: "Svenska" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Välkommen att utveckla tjänsterna med oss");
  await expect(page.getByRole("button", { name: "Svenska" })).toHaveAttribute("aria-pressed", "true");
  await checkPage(page);

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome to help us improve our services");
  await checkPage(page);

  // The choice is remembered on the next visit.
  await page.goto("/sign-in");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await checkPage(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the language switcher works as a plain form and returns to the same page", async ({ page }) => {
    await page.goto("/sign-in");
    await checkPage(page);
    await page.getByRole("button", { name: "Svenska" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logga in");
    await checkPage(page);
  });
});

test("the browser's language is used when nothing has been chosen", async ({ browser }) => {
  const context = await browser.newContext({ locale: "sv-FI" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await checkPage(page);
  await context.close();
});

test("an unknown address shows a friendly 404 page in the reader's language", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sivua ei löytynyt");
  await expect(page.getByRole("link", { name: "Palaa etusivulle" })).toBeVisible();
  await checkPage(page);
});

test("every response carries the security headers and a CSP nonce the page's scripts use", async ({ page }) => {
  const response = await page.goto("/");
  const headers = response!.headers();
  const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBeTruthy();
  const scriptNonces = await page.locator("script").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  for (const value of scriptNonces) expect(value).toBe(nonce);
  await checkPage(page);
});
