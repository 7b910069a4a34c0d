import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { firstExample, loadLessons } from "./lessons.ts";

const lessons = loadLessons();
const first = lessons[0]!;

test("the home page says what the course teaches and links to the first lesson", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Awaitable/);
  await expect(page.getByRole("link", { name: "Start the first lesson" })).toHaveAttribute("href", first.url);
});

test("the outline lists every lesson in course order with its description", async ({ page }) => {
  await page.goto("/outline/");
  const outline = page.getByRole("list", { name: "Lessons" });
  await expect(outline.getByRole("listitem")).toHaveCount(lessons.length);
  const hrefs = await outline.getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
  expect(hrefs).toEqual(lessons.map((lesson) => lesson.url));
  for (const [index, lesson] of lessons.entries()) {
    const description = /^description:\s*(.+)$/m.exec(readFileSync(lesson.file, "utf8"))![1]!.replace(/^["']|["']$/g, "");
    await expect(outline.getByRole("listitem").nth(index)).toContainText(description);
  }
});

test("the sidebar lists the lessons and pages link to their neighbours", async ({ page }) => {
  await page.goto(first.url);
  const sidebar = page.getByRole("navigation", { name: "Main" });
  for (const lesson of lessons) await expect(sidebar.locator(`a[href="${lesson.url}"]`)).toHaveCount(1);
  await expect(page.getByRole("link", { name: /Previous/ })).toBeVisible();
});

test("on a phone the sidebar opens from the menu button", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(first.url);
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toBeVisible();
  await menu.click();
  await expect(page.getByRole("navigation", { name: "Main" }).locator(`a[href="${first.url}"]`)).toBeVisible();
});

for (const theme of ["light", "dark"] as const) {
  test.describe(`in the ${theme} theme`, () => {
    // A lesson page runs each of its examples (a dozen or more) before axe reads the page.
    test.describe.configure({ timeout: 120_000 });
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((chosen) => localStorage.setItem("starlight-theme", chosen), theme);
    });

    for (const path of ["/", "/outline/", ...lessons.map((lesson) => lesson.url)]) {
      test(`${path} has no accessibility violations`, async ({ page }) => {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
        // Show a result in every widget so the output, status and diff styles are checked too.
        for (const widget of await page.locator("[data-example]").all()) {
          await widget.getByRole("button", { name: "Run" }).click();
          await expect(widget).toHaveAttribute("data-state", /^(match|mismatch)$/);
        }
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      });
    }

    test("the editor and an error have no accessibility violations", async ({ page }) => {
      const { lesson, example } = firstExample();
      await page.goto(lesson.url);
      const widget = page.locator(`[data-example="${example.key}"]`);
      await widget.getByRole("group", { name: /Example code/ }).click();
      await expect(widget.getByRole("textbox")).toBeFocused();
      await page.keyboard.press("ControlOrMeta+End");
      await page.keyboard.insertText("\nconst broken = ;");
      await widget.getByRole("button", { name: "Run" }).click();
      await expect(widget.locator("[data-error]")).toBeVisible();
      const results = await new AxeBuilder({ page }).include(`[data-example="${example.key}"]`).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    });
  });
}
