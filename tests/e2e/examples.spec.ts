import { expect, test } from "@playwright/test";
import { loadLessons, outputLines } from "./lessons.ts";

const lessons = loadLessons();

test("the course has lessons with runnable examples", () => {
  expect(lessons.length).toBeGreaterThan(0);
  expect(lessons.flatMap((lesson) => lesson.examples).length).toBeGreaterThan(0);
});

for (const lesson of lessons) {
  test.describe(lesson.file, () => {
    test("renders one widget per example in the source", async ({ page }) => {
      await page.goto(lesson.url);
      const keys = await page.locator("[data-example]").evaluateAll((roots) =>
        roots.map((root) => (root as HTMLElement).dataset.example),
      );
      expect(keys).toEqual(lesson.examples.map((example) => example.key));
    });

    for (const example of lesson.examples) {
      test(`example ${example.id} (line ${example.line}) prints its documented output`, async ({ page }) => {
        await page.goto(lesson.url);
        const widget = page.locator(`[data-example="${example.key}"]`);
        const expected = widget.locator("[data-expected]");
        expect(outputLines(await expected.innerText())).toEqual(example.expected.lines);

        await widget.getByRole("button", { name: "Run" }).click();
        await expect(widget).toHaveAttribute("data-state", /^(match|mismatch)$/);
        // The log shows stderr too; documented output is stdout only.
        const shown = (await widget.getByRole("log").locator(".aw-line.aw-stdout").allInnerTexts()).map((l) => l.trimEnd());
        expect(shown).toEqual(outputLines(await expected.innerText()));
        await expect(widget).toHaveAttribute("data-state", "match");
        await expect(widget.getByRole("status")).toHaveText(/matches the expected output/);
      });
    }
  });
}
