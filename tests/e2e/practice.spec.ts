/**
 * Every exercise and quiz of every lesson, found with the extraction the build uses, driven in
 * Chromium: checks and their messages, hints, the solution, progress across reloads and
 * browsers, broken storage, and accessibility with every practice component open.
 */
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { extractPractice, type Exercise, type QuizQuestion } from "../../src/remark/extract-practice.ts";
import { loadLessons } from "./lessons.ts";

const lessons = loadLessons().map((lesson) => ({ ...lesson, ...extractPractice(readFileSync(lesson.file, "utf8"), lesson.file) }));
const exercises = lessons.flatMap((lesson) => lesson.exercises.map((exercise) => ({ lesson, exercise })));
const quizzes = lessons.flatMap((lesson) => lesson.quizzes.map((quiz) => ({ lesson, quiz })));

const PROGRESS_KEY = "awaitable:progress";

// Each test loads a lesson page, its sandbox and often the editor; give slow machines room.
test.describe.configure({ timeout: 180_000 });

async function replaceCode(page: Page, root: Locator, code: string): Promise<void> {
  await root.scrollIntoViewIfNeeded();
  const editor = root.locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
  await expect(editor).toContainText(code.split("\n").find((line) => line.trim() !== "")!.trim());
}

async function axe(page: Page, selector: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("the course has exercises and quizzes", () => {
  expect(exercises.length).toBeGreaterThan(0);
  expect(quizzes.length).toBeGreaterThan(0);
});

for (const { lesson, exercise } of exercises) {
  test.describe(`exercise ${exercise.key}`, () => {
    const root = (page: Page) => page.locator(`[data-exercise="${exercise.key}"]`);

    test("the starter fails a named check with a message", async ({ page }) => {
      await page.goto(lesson.url);
      const ex = root(page);
      await ex.getByRole("button", { name: "Check", exact: true }).click();
      await expect(ex).toHaveAttribute("data-state", "failed");
      const items = ex.locator("[data-checks] li");
      await expect(items).toHaveCount(exercise.checks.length);
      const failing = ex.locator('[data-checks] li[data-pass="false"]').first();
      const kind = await failing.getAttribute("data-check");
      expect(exercise.checks.map((check) => check.kind)).toContain(kind);
      // The message says what the run did and what the goal is.
      await expect(failing).toContainText(/the goal is|fix the syntax/);
    });

    test("the solution typed into the editor passes, and progress keeps it after a reload", async ({ page }) => {
      await page.goto(lesson.url);
      const ex = root(page);
      await replaceCode(page, ex, exercise.solution.code);
      await ex.getByRole("button", { name: "Check", exact: true }).click();
      await expect(ex).toHaveAttribute("data-state", "passed");
      await expect(ex.locator('[data-checks] li[data-pass="true"]')).toHaveCount(exercise.checks.length);
      await expect(ex.locator("[data-passed-badge]")).toBeVisible();

      await page.reload();
      await expect(root(page).locator("[data-passed-badge]")).toBeVisible();
      await root(page).scrollIntoViewIfNeeded();
      const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null"), PROGRESS_KEY);
      const slug = exercise.key.split("/")[0]!;
      expect(stored.lessons[slug].exercises[exercise.id].code).toBe(exercise.solution.code);
      // The learner's code is still in the editor.
      await expect(root(page).locator(".cm-content")).toContainText(exercise.solution.code.split("\n").find((l) => l.includes("async function main"))!.trim());
      await expect(page.locator(`nav [data-progress-mark="${slug}"]`).first()).toContainText(/[1-9]\/\d|✓/);
    });

    if (exercise.hints.length > 0) {
      test("shows hints one at a time", async ({ page }) => {
        await page.goto(lesson.url);
        const ex = root(page);
        const hints = ex.locator("[data-hints] li");
        await expect(hints.first()).toBeHidden();
        for (let n = 1; n <= exercise.hints.length; n++) {
          await ex.getByRole("button", { name: "Hint" }).click();
          await expect(ex.locator("[data-hints] li:not([hidden])")).toHaveCount(n);
        }
        await expect(ex.getByRole("button", { name: "Hint" })).toHaveAttribute("aria-disabled", "true");
      });
    }

    test("Show solution asks first, then shows it beside the learner's code, which stays", async ({ page }) => {
      await page.goto(lesson.url);
      const ex = root(page);
      const mine = `// my attempt\n${exercise.starter.code}`;
      await replaceCode(page, ex, mine);
      await ex.getByRole("button", { name: "Show solution" }).click();
      await expect(ex.locator("[data-solution]")).toHaveCount(0);
      await ex.getByRole("button", { name: "Show the solution" }).click();
      await expect(ex.locator("[data-solution]")).toHaveText(exercise.solution.code);
      await expect(ex.locator(".cm-content")).toContainText("// my attempt");
    });

    test("Reset restores the starter and Undo brings the learner's code back", async ({ page }) => {
      await page.goto(lesson.url);
      const ex = root(page);
      await replaceCode(page, ex, `// mine\n${exercise.starter.code}`);
      await ex.getByRole("button", { name: "Reset" }).click();
      await expect(ex.locator(".cm-content")).not.toContainText("// mine");
      await ex.getByRole("button", { name: "Undo reset" }).click();
      await expect(ex.locator(".cm-content")).toContainText("// mine");
    });
  });
}

/** Answers a question wrongly (`right` false) or rightly, and presses Check answer. */
async function answer(question: Locator, spec: QuizQuestion, right: boolean): Promise<void> {
  if (spec.kind === "single" || spec.kind === "multiple") {
    const inputs = question.locator("input");
    for (const [i, option] of spec.options.entries()) {
      const choose = right ? option.correct : spec.kind === "single" ? i === spec.options.findIndex((o) => !o.correct) : !option.correct;
      if (spec.kind === "multiple") await inputs.nth(i).setChecked(choose);
      else if (choose) await inputs.nth(i).check();
    }
  } else if (spec.kind === "predict") {
    const lines = spec.example!.expected.lines.map((line) => line.replace(/^\[[\d.]+s\] ?/, ""));
    await question.getByRole("textbox").fill((right ? lines : [...lines].reverse()).join("\n"));
  } else {
    await question.getByRole("textbox", { name: /Virtual time/ }).fill(String(right ? spec.answer : spec.answer! + 1));
  }
  await question.getByRole("button", { name: "Check answer" }).click();
}

for (const { lesson, quiz } of quizzes) {
  test(`quiz ${quiz.key}: each question answered wrong, then right`, async ({ page }) => {
    await page.goto(lesson.url);
    const root = page.locator(`[data-quiz="${quiz.key}"]`);
    for (const spec of quiz.questions) {
      const question = root.locator(`[data-question="${spec.id}"]`);
      await answer(question, spec, false);
      await expect(question).toHaveAttribute("data-state", "incorrect");
      await expect(question.locator("[data-feedback]")).not.toBeEmpty();
      if (spec.options.length > 0) {
        for (const [i, option] of spec.options.entries()) {
          await expect(question.locator("[data-option]").nth(i)).toHaveAttribute("data-correct", String(option.correct));
          await expect(question.locator("[data-explain]").nth(i)).toBeVisible();
        }
      }
      await answer(question, spec, true);
      await expect(question).toHaveAttribute("data-state", "correct");
    }
    await expect(root.locator("[data-quiz-score]")).toContainText(`${quiz.questions.length} of ${quiz.questions.length}`);
  });
}

test("the learner's progress exported in one browser imports into another, unchanged", async ({ browser }) => {
  const { lesson, quiz } = quizzes[0]!;
  const first = await browser.newContext();
  const page = await first.newPage();
  await page.goto(lesson.url);
  const spec = quiz.questions[0]!;
  await answer(page.locator(`[data-quiz="${quiz.key}"] [data-question="${spec.id}"]`), spec, true);
  await page.goto("/progress/");
  await expect(page.locator(`[data-lesson-row]`).first()).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("awaitable-progress.json");
  // The download is deleted with its browser context; keep its bytes for the other one.
  const bytes = readFileSync(await download.path());
  const exported = JSON.parse(bytes.toString("utf8"));
  const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!), PROGRESS_KEY);
  expect(exported).toEqual(stored);
  await first.close();

  const second = await browser.newContext();
  const fresh = await second.newPage();
  await fresh.goto("/progress/");
  // A bad file changes nothing and says what is wrong.
  await fresh.locator("[data-import-file]").setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from('{"version":1,"lessons":{"x":{}}}') });
  await expect(fresh.getByRole("status").filter({ hasText: "Nothing was changed" })).toContainText("lessons.x");
  expect(await fresh.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY)).toBeNull();

  await fresh.locator("[data-import-file]").setInputFiles({ name: "awaitable-progress.json", mimeType: "application/json", buffer: bytes });
  await expect(fresh.getByRole("status").filter({ hasText: "Imported" })).toBeVisible();
  const imported = await fresh.evaluate((key) => JSON.parse(localStorage.getItem(key)!), PROGRESS_KEY);
  expect(imported).toEqual(exported);
  const slug = quiz.key.split("/")[0]!;
  await expect(fresh.locator(`[data-lesson-row="${slug}"]`)).toContainText("1 of");

  await fresh.getByRole("button", { name: "Reset" }).click();
  await fresh.getByRole("button", { name: "Delete my progress" }).click();
  await expect(fresh.locator(`[data-lesson-row="${slug}"]`)).toContainText("Not started");
  await second.close();
});

test("corrupted storage: the page works and says once that progress cannot be kept", async ({ page }) => {
  const { lesson, exercise } = exercises[0]!;
  await page.addInitScript((key) => localStorage.setItem(key, "{not json"), PROGRESS_KEY);
  await page.goto(lesson.url);
  await expect(page.locator("[data-progress-notice]")).toContainText("cannot be kept");
  await expect(page.locator("[data-progress-notice]")).toHaveCount(1);
  const ex = page.locator(`[data-exercise="${exercise.key}"]`);
  await ex.getByRole("button", { name: "Check", exact: true }).click();
  await expect(ex).toHaveAttribute("data-state", "failed");
  const example = page.locator("[data-example]").first();
  await example.getByRole("button", { name: "Run" }).click();
  await expect(example).toHaveAttribute("data-state", /^(match|mismatch)$/);
  // The damaged record is left as it was, for the learner to export or reset.
  expect(await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY)).toBe("{not json");
  await page.reload();
  await expect(page.locator("[data-progress-notice]")).toHaveCount(0);
});

test("a predict-first example hides its output until Reveal", async ({ page }) => {
  const target = lessons.flatMap((l) => l.examples.filter((e) => e.predict).map((e) => ({ lesson: l, example: e })))[0];
  test.skip(!target, "no predict example");
  await page.goto(target!.lesson.url);
  const widget = page.locator(`[data-example="${target!.example.key}"]`);
  await expect(widget.locator("[data-expected]")).toBeHidden();
  await widget.getByRole("button", { name: "Reveal" }).click();
  await expect(widget.locator("[data-expected]")).toBeVisible();
});

for (const theme of ["light", "dark"] as const) {
  test(`exercises and quizzes, open, have no accessibility violations in the ${theme} theme`, async ({ page }) => {
    const { lesson } = exercises[0]!;
    await page.addInitScript((chosen) => localStorage.setItem("starlight-theme", chosen), theme);
    await page.goto(lesson.url);
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    for (const spec of lesson.exercises as Exercise[]) {
      const ex = page.locator(`[data-exercise="${spec.key}"]`);
      await ex.scrollIntoViewIfNeeded();
      await expect(ex.locator(".cm-content")).toBeVisible();
      await ex.getByRole("button", { name: "Check", exact: true }).click();
      await expect(ex).toHaveAttribute("data-state", "failed");
      if (spec.hints.length > 0) await ex.getByRole("button", { name: "Hint" }).click();
      await ex.getByRole("button", { name: "Show solution" }).click();
      await expect(ex.locator("[data-solution]")).toBeVisible();
      await ex.getByRole("button", { name: "Reset" }).click();
    }
    for (const quiz of lesson.quizzes) {
      for (const spec of quiz.questions) await answer(page.locator(`[data-quiz="${quiz.key}"] [data-question="${spec.id}"]`), spec, false);
    }
    await axe(page, "main");
    await page.goto("/progress/");
    await expect(page.locator("[data-lesson-row]").first()).toBeVisible();
    await axe(page, "main");
  });
}
