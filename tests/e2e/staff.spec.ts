import { checkPage, expect, staffSignIn, test } from "./fixtures";

test("a researcher signs in with the documented password and sees only what the role allows", async ({ page }) => {
  await staffSignIn(page, "researcher@panel.example");
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Työpöytä");
  await expect(page.getByText("Hei Riku Tutkija.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Henkilökunta" })).toHaveCount(0);
  await checkPage(page);

  const response = await page.goto("/staff/accounts");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ei käyttöoikeutta");
  await checkPage(page);

  await page.getByRole("button", { name: "Kirjaudu ulos", exact: true }).click();
  await expect(page).toHaveURL(/\/$|\/staff\/sign-in/);
  const again = await page.goto("/staff");
  expect(again?.url()).toContain("/staff/sign-in");
  await checkPage(page);
});

test("a wrong password gets a message next to the field and keeps the email", async ({ page }) => {
  await staffSignIn(page, "researcher@panel.example", "not-the-password");
  await expect(page.getByText("Sähköpostiosoite tai salasana on väärin.").first()).toBeVisible();
  await expect(page.getByLabel("Työsähköposti")).toHaveValue("researcher@panel.example");
  await checkPage(page);
});

test("a staff member's saved language wins after sign-in", async ({ page }) => {
  await staffSignIn(page, "facilitator@panel.example");
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Arbetsbord");
  await checkPage(page);
});

test("an admin searches and filters staff accounts and adds one", async ({ page }) => {
  await staffSignIn(page, "admin@panel.example");
  await expect(page).toHaveURL(/\/staff$/);
  await checkPage(page);
  await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Henkilökunta" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Henkilökunnan tunnukset");
  await expect(page.getByRole("cell", { name: "researcher@panel.example" })).toBeVisible();
  await checkPage(page);

  await page.getByLabel("Hae nimellä tai sähköpostilla").fill("fanny");
  await page.getByRole("button", { name: "Hae", exact: true }).click();
  await expect(page).toHaveURL(/q=fanny/);
  await expect(page.getByRole("cell", { name: "facilitator@panel.example" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "researcher@panel.example" })).toHaveCount(0);
  await checkPage(page);

  await page.getByLabel("Hae nimellä tai sähköpostilla").fill("");
  await page.getByLabel("Rooli", { exact: true }).selectOption("FEEDBACK_HANDLER");
  await page.getByRole("button", { name: "Hae", exact: true }).click();
  await expect(page.getByRole("cell", { name: "handler@panel.example" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "admin@panel.example" })).toHaveCount(0);
  await checkPage(page);

  await page.getByRole("link", { name: "Lisää tunnus" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uusi henkilökunnan tunnus");
  await checkPage(page);
  // Checked in the browser before sending: errors by the fields, focus on the first.
  await page.getByRole("button", { name: "Luo tunnus" }).click();
  await expect(page.getByText("Tämä tieto puuttuu.").first()).toBeVisible();
  await expect(page.getByLabel("Nimi")).toBeFocused();
  await checkPage(page);

  await page.getByLabel("Nimi").fill("Tea Testaaja");
  await page.getByLabel("Sähköposti").fill("tea.testaaja@panel.example");
  await page.getByLabel("Tutkija").check();
  await page.getByLabel("Alkusalasana").fill("short");
  await page.getByRole("button", { name: "Luo tunnus" }).click();
  await expect(page.getByText("Salasanassa on oltava vähintään 12 merkkiä.").first()).toBeVisible();
  await page.getByLabel("Alkusalasana").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Luo tunnus" }).click();
  await expect(page.getByText("Tunnus luotu: tea.testaaja@panel.example")).toBeVisible();
  await checkPage(page);
});
