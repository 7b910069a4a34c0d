import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { CHEATSHEET } from "../../src/utils/cheatsheet.ts";

test("the cheat sheet is in the sidebar and shows every row with its Python and TypeScript", async ({ page }) => {
  await page.goto("/lessons/01-sync-vs-async/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cheat sheet" }).click();
  await expect(page).toHaveURL(/\/cheatsheet\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cheat sheet");
  const rows = CHEATSHEET.flatMap((section) => section.rows);
  await expect(page.locator("table.aw-cheat tbody tr")).toHaveCount(rows.length);
  const createTask = page.getByRole("row").filter({ hasText: "asyncio.create_task(" });
  await expect(createTask).toContainText("asyncio.createTask(() => coro(), { name })");
  await createTask.getByRole("link", { name: "Tasks" }).click();
  await expect(page).toHaveURL(/\/lessons\/03-tasks\/$/);
});

test("on a phone the page does not scroll sideways, and a table wider than the screen would scroll in itself", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/cheatsheet/");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const region = page.getByRole("region", { name: "Tasks, Python and TypeScript", exact: true });
  await expect(region).toBeVisible();
  expect(await region.evaluate((element) => getComputedStyle(element).overflowX)).toBe("auto");
  const box = (await region.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
});

for (const theme of ["light", "dark"] as const) {
  test(`the cheat sheet has no accessibility violations in the ${theme} theme`, async ({ page }) => {
    await page.addInitScript((chosen) => localStorage.setItem("starlight-theme", chosen), theme);
    await page.goto("/cheatsheet/");
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}
