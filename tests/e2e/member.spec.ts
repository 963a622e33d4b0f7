import { checkPage, expect, INBOX, test, type Inbox } from "./fixtures";
import type { Page } from "@playwright/test";

async function requestCode(page: Page, email: string) {
  await page.goto("/sign-in");
  await checkPage(page);
  await page.getByLabel("Sähköpostiosoite").fill(email);
  await page.getByRole("button", { name: "Lähetä koodi" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kirjoita kirjautumiskoodi");
  await checkPage(page);
}

async function signInWithCode(page: Page, inbox: Inbox, email: string, accountHeading = "Oma sivu") {
  const since = Date.now();
  await requestCode(page, email);
  const code = await inbox.signInCode(email, since);
  await page.getByLabel("Kirjautumiskoodi").fill(code);
  await page.getByRole("button", { name: "Kirjaudu", exact: true }).last().click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(accountHeading);
  await checkPage(page);
}

test("a member signs in with the code from the web inbox, and signs out everywhere", async ({ page, inbox, browser }) => {
  await signInWithCode(page, inbox, "member@panel.example");
  const response = await page.reload();
  expect(response?.headers()["cache-control"]).toContain("no-store");
  await checkPage(page);

  // A second device, then "sign out on every device" from the first.
  const other = await browser.newContext({ locale: "fi-FI" });
  const second = await other.newPage();
  await signInWithCode(second, inbox, "member@panel.example");

  await page.getByRole("button", { name: "Kirjaudu ulos kaikilta laitteilta" }).click();
  await expect(page.getByRole("link", { name: "Oma sivu" })).toHaveCount(0);
  await checkPage(page);
  await second.goto("/account");
  await expect(second).toHaveURL(/\/sign-in/);
  await checkPage(second);
  await other.close();
});

test("a wrong code is refused next to the field and the code field is ready again", async ({ page, inbox }) => {
  const email = "member@panel.example";
  const since = Date.now();
  await requestCode(page, email);
  const code = await inbox.signInCode(email, since);
  const wrong = code === "12345678" ? "87654321" : "12345678";
  await page.getByLabel("Kirjautumiskoodi").fill(wrong);
  await page.getByRole("button", { name: "Kirjaudu", exact: true }).last().click();
  await expect(page.getByText("Koodi on väärä tai vanhentunut. Tarkista koodi tai pyydä uusi.").first()).toBeVisible();
  await expect(page.getByLabel("Kirjautumiskoodi")).toBeFocused();
  await checkPage(page);
  // The right code still works after one wrong try.
  await page.getByLabel("Kirjautumiskoodi").fill(code);
  await page.getByRole("button", { name: "Kirjaudu", exact: true }).last().click();
  await expect(page).toHaveURL(/\/account$/);
  await checkPage(page);
});

test("an address that is not a member gets the same answer and no email", async ({ page, request }) => {
  await requestCode(page, "nobody.here@example.fi");
  await expect(page.getByText("nobody.here@example.fi")).toBeVisible();
  await page.waitForTimeout(1500);
  const messages = (await (await request.get(`${INBOX}/api/email`)).json()) as { to: { address: string }[] }[];
  expect(messages.some((m) => m.to.some((to) => to.address === "nobody.here@example.fi"))).toBe(false);
});

test("an invalid email address gets a message next to the field", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Sähköpostiosoite").fill("not an address");
  await page.getByRole("button", { name: "Lähetä koodi" }).click();
  await expect(page.getByText("Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi.").first()).toBeVisible();
  await expect(page.getByLabel("Sähköpostiosoite")).toHaveValue("not an address");
  await expect(page.getByLabel("Sähköpostiosoite")).toHaveAttribute("aria-invalid", "true");
  await checkPage(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a Swedish-speaking member signs in with a code, gets Swedish, and signs out", async ({ page, inbox }) => {
    await signInWithCode(page, inbox, "medlem@panel.example", "Min sida");
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");
    await page.getByRole("button", { name: "Logga ut", exact: true }).click();
    await expect(page.getByRole("link", { name: "Min sida" })).toHaveCount(0);
    await checkPage(page);
  });
});
