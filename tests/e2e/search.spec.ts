import { expect, test, type Page } from "@playwright/test";
import { loadLessons } from "./lessons.ts";

const lesson = loadLessons()[0]!;

/** Records the URLs of the search UI's script as the page requests them. */
function watchSearchUi(page: Page): string[] {
  const requested: string[] = [];
  page.on("request", (request) => {
    if (/\/_astro\/ui-core\.[\w-]+\.js$/.test(request.url())) requested.push(request.url());
  });
  return requested;
}

test("the search UI is not loaded while nobody searches, even after the page goes idle", async ({ page }) => {
  const requested = watchSearchUi(page);
  await page.goto(lesson.url);
  // The sandbox loads on idle: once it reports ready, the page's idle work has run.
  await expect(page.locator("html")).toHaveAttribute("data-sandbox", "ready");
  await page.waitForLoadState("networkidle");
  expect(requested).toEqual([]);
});

test("opening search with the keyboard loads the UI and finds a lesson", async ({ page }) => {
  const requested = watchSearchUi(page);
  await page.goto(lesson.url);
  await page.keyboard.press("Control+k");
  const dialog = page.getByRole("dialog", { name: "Search" });
  await expect(dialog).toBeVisible();
  const input = dialog.getByRole("textbox", { name: "Search" });
  await expect(input).toBeFocused();
  await input.fill("gather");
  await expect(dialog.locator(".pagefind-ui__result-link").first()).toBeVisible();
  expect(requested).toHaveLength(1);
});

test("pointing at the search button starts loading the UI before the click", async ({ page }) => {
  const requested = watchSearchUi(page);
  await page.goto(lesson.url);
  const button = page.getByRole("button", { name: /^Search/ });
  const loaded = page.waitForRequest(/\/_astro\/ui-core\.[\w-]+\.js$/);
  await button.hover();
  await loaded;
  await button.click();
  await page.getByRole("dialog", { name: "Search" }).getByRole("textbox", { name: "Search" }).fill("event loop");
  await expect(page.locator(".pagefind-ui__result-link").first()).toBeVisible();
  expect(requested).toHaveLength(1);
});
