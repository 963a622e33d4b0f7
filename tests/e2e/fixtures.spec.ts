// The accessibility check itself must be able to fail, with and without
// JavaScript: a page with an unlabelled field and an image without alt text.
import { checkPage, expect, test } from "./fixtures";

const broken = `<!doctype html><html lang="fi"><head><title>x</title></head>
<body><main><h1>Rikki</h1><img src="/favicon.svg"><input name="q"></main></body></html>`;

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("the axe check reports a page with known violations", async ({ page }) => {
      await page.route("**/__broken", (route) => route.fulfill({ contentType: "text/html", body: broken }));
      await page.goto("/__broken");
      const error = await checkPage(page).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toContain("image-alt");
      expect(error?.message).toContain("label");
      // The page was looked at; the fixture must not fail it again at teardown.
      await page.goto("/");
      await checkPage(page);
    });
  });
}
