// Shared fixtures for the end-to-end tests.
// - Every page a test lands on must be scanned with axe (WCAG 2.1 A/AA rules):
//   call `checkPage(page)` after each navigation. When the test ends, a visited
//   page that was never scanned fails the test, and the last page is scanned.
// - Any console error or uncaught page error (CSP violations included) fails
//   the test, except the browser's own note on a 4xx document we asked for.
// - `inbox` reads the local web inbox that `npm start` runs without SMTP_URL.
import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Browser, type Page } from "@playwright/test";

export const INBOX = "http://127.0.0.1:1180";

interface InboxMessage {
  subject: string;
  text: string;
  to: { address: string }[];
  time: string;
}

export interface Inbox {
  /** Waits for a message to `address` newer than `since` and returns it. */
  latest(address: string, since: number, subject?: string): Promise<InboxMessage>;
  /** Reads the 8-digit sign-in code from the newest code email to `address`. */
  signInCode(address: string, since: number): Promise<string>;
}

const scanned = new WeakMap<Page, Set<string>>();
/** Pages opened with JavaScript off, and the browser to scan their HTML in. */
const noScript = new WeakMap<Page, Browser>();
const visited = new WeakMap<Page, Set<string>>();

const pageKey = (page: Page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

/**
 * axe needs JavaScript in the page. A page served with JavaScript off is
 * scanned as served: its HTML (scripts removed) is replayed at the same URL in
 * a scripting context, with the real stylesheets, so contrast is judged too.
 */
async function scanWithoutScripts(page: Page, browser: Browser) {
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
  const context = await browser.newContext({ javaScriptEnabled: true });
  const replay = await context.newPage();
  await replay.route(page.url(), (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
  await replay.goto(page.url());
  try {
    return await new AxeBuilder({ page: replay }).withTags(axeTags).analyze();
  } finally {
    await context.close();
  }
}

const axeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export async function checkPage(page: Page) {
  await page.waitForLoadState("load");
  const browser = noScript.get(page);
  const results = browser
    ? await scanWithoutScripts(page, browser)
    : await new AxeBuilder({ page }).withTags(axeTags).analyze();
  const problems = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  scanned.get(page)?.add(pageKey(page));
  expect(problems, `axe violations on ${page.url()}`).toEqual([]);
}

export const test = base.extend<{ inbox: Inbox }>({
  page: async ({ page, javaScriptEnabled, browser }, use) => {
    const errors: string[] = [];
    if (!javaScriptEnabled) noScript.set(page, browser);
    scanned.set(page, new Set());
    visited.set(page, new Set());
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      if (/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
      errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame() && frame.url().startsWith("http")) visited.get(page)?.add(pageKey(page));
    });
    await use(page);
    if (!page.isClosed() && page.url().startsWith("http") && !scanned.get(page)?.has(pageKey(page))) await checkPage(page);
    const unscanned = [...(visited.get(page) ?? [])].filter((key) => !scanned.get(page)?.has(key));
    expect(unscanned, "pages visited without an axe scan").toEqual([]);
    expect(errors, "console errors").toEqual([]);
  },
  inbox: async ({ request }, use) => {
    const latest = async (address: string, since: number, subject?: string) => {
      let found: InboxMessage | undefined;
      await expect
        .poll(
          async () => {
            const response = await request.get(`${INBOX}/api/email`);
            const messages = (await response.json()) as InboxMessage[];
            found = messages
              .filter(
                (m) =>
                  m.to.some((to) => to.address.toLowerCase() === address) &&
                  Date.parse(m.time) >= since - 1000 &&
                  (subject === undefined || m.subject === subject),
              )
              .sort((a, b) => Date.parse(b.time) - Date.parse(a.time))[0];
            return Boolean(found);
          },
          { timeout: 20_000, message: `an email to ${address}` },
        )
        .toBe(true);
      return found!;
    };
    await use({
      latest,
      async signInCode(address, since) {
        const message = await latest(address, since);
        const code = /\b(\d{8})\b/.exec(message.text)?.[1];
        expect(code, "an 8-digit code in the email").toBeTruthy();
        return code!;
      },
    });
  },
});

export { expect };

export const STAFF_PASSWORD = "demo-panel-2026";

export async function staffSignIn(page: Page, email: string, password = STAFF_PASSWORD) {
  await page.goto("/staff/sign-in");
  await checkPage(page);
  await page.getByLabel("Työsähköposti").fill(email);
  await page.getByLabel("Salasana").fill(password);
  await page.getByRole("button", { name: "Kirjaudu" }).click();
}
