import { expect, test, type Locator, type Page } from "@playwright/test";
import { firstExample, loadLessons, outputLines } from "./lessons.ts";

/** Every behaviour below is checked on the first widget of the first lesson that has one. */
const { lesson, example } = firstExample();

async function openWidget(page: Page): Promise<Locator> {
  await page.goto(lesson.url);
  return page.locator(`[data-example="${example.key}"]`);
}

/** Opens the editor by clicking into the code, and waits for it. */
async function editor(widget: Locator): Promise<Locator> {
  await widget.getByRole("group", { name: /Example code/ }).or(widget.getByRole("textbox")).first().click();
  const textbox = widget.getByRole("textbox");
  await expect(textbox).toBeFocused();
  return textbox;
}

async function replaceCode(page: Page, widget: Locator, code: string): Promise<void> {
  const textbox = await editor(widget);
  await textbox.press("ControlOrMeta+a");
  await textbox.press("Delete");
  await page.keyboard.insertText(code);
}

test.describe("a runnable example", () => {
  test("loads no editor until the learner goes to edit", async ({ page }) => {
    const editorRequests: string[] = [];
    page.on("request", (request) => {
      if (/\/editor\.[^/]*\.js$/.test(request.url())) editorRequests.push(request.url());
    });
    const widget = await openWidget(page);
    await widget.getByRole("button", { name: "Run" }).click();
    await expect(widget).toHaveAttribute("data-state", "match");
    expect(editorRequests).toEqual([]);
    await expect(widget.getByRole("textbox")).toHaveCount(0);

    await editor(widget);
    expect(editorRequests).toHaveLength(1);
  });

  test("stops an infinite loop with a message, and the next run works", async ({ page }) => {
    const widget = await openWidget(page);
    await replaceCode(page, widget, "while (true) {}\n");
    await expect(page.locator("html")).toHaveAttribute("data-sandbox", "ready");

    const started = Date.now();
    await widget.getByRole("button", { name: "Run" }).click();
    await expect(widget.locator("[data-error]")).toContainText("Stopped after 1.5 s", { timeout: 3_500 });
    await expect(widget.locator("[data-error]")).not.toContainText("2.5 s");
    expect(Date.now() - started).toBeLessThan(3_500);
    await expect(widget).toHaveAttribute("data-state", "edited");

    await widget.getByRole("button", { name: "Reset" }).click();
    await widget.getByRole("button", { name: "Run" }).click();
    await expect(widget).toHaveAttribute("data-state", "match", { timeout: 1_000 });
    await expect(widget.locator("[data-error]")).toHaveCount(0);
  });

  test("shows a syntax error with its line and column and marks the line", async ({ page }) => {
    const widget = await openWidget(page);
    await replaceCode(page, widget, 'console.log("fine");\nconst x = ;\n');
    await widget.getByRole("button", { name: "Run" }).click();
    const error = widget.locator("[data-error]");
    await expect(error).toContainText(/line 2:\d+/);
    await expect(error).toHaveAttribute("data-error", "syntax");
    const marked = widget.locator(".cm-line.aw-error-line");
    await expect(marked).toHaveCount(1);
    await expect(marked).toHaveText("const x = ;");
  });

  test("keeps an edit across a reload, and Reset restores the original", async ({ page }) => {
    const widget = await openWidget(page);
    const textbox = await editor(widget);
    await textbox.press("ControlOrMeta+End");
    await page.keyboard.insertText("\n// my change");
    await expect(widget).toHaveAttribute("data-edited", "");

    await page.reload();
    await expect(widget.getByRole("textbox")).toContainText("// my change");
    await expect(widget).toHaveAttribute("data-edited", "");

    await widget.getByRole("button", { name: "Reset" }).click();
    await expect(widget.getByRole("textbox")).not.toContainText("// my change");
    const shown = await widget.getByRole("textbox").evaluate((element) =>
      [...element.querySelectorAll(".cm-line")].map((line) => line.textContent).join("\n"),
    );
    expect(shown).toBe(example.code);

    await page.reload();
    await expect(widget).not.toHaveAttribute("data-edited");
    await expect(widget.getByRole("textbox")).toHaveCount(0);
  });

  test("runs with Ctrl+Enter from the editor", async ({ page }) => {
    const widget = await openWidget(page);
    const textbox = await editor(widget);
    await textbox.press("Control+Enter");
    await expect(widget).toHaveAttribute("data-state", "match");
    expect(outputLines(await widget.getByRole("log").innerText())).toEqual(example.expected.lines);
  });

  test("runs from the keyboard alone", async ({ page }) => {
    const widget = await openWidget(page);
    const run = widget.getByRole("button", { name: "Run" });
    for (let presses = 0; presses < 60 && !(await run.evaluate((button) => button === document.activeElement)); presses++) {
      await page.keyboard.press("Tab");
    }
    await expect(run).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(widget).toHaveAttribute("data-state", "match");
  });

  test("shows an edited run as the learner's output, with the comparison one click away", async ({ page }) => {
    const widget = await openWidget(page);
    await replaceCode(page, widget, `${example.code}\nconsole.log("one line too many");\n`);
    await widget.getByRole("button", { name: "Run" }).click();
    await expect(widget).toHaveAttribute("data-state", "edited");
    await expect(widget.getByText("Your output", { exact: true })).toBeVisible();
    await expect(widget.locator("[data-expected]")).toBeHidden();
    await expect(widget.getByRole("status")).toHaveText("Ran your edited code. The documented output is for the original code.");
    const compare = widget.getByRole("button", { name: "Compare with the documented output" });
    await expect(compare).toHaveAttribute("aria-expanded", "false");

    await compare.click();
    await expect(widget.locator("[data-expected]")).toBeVisible();
    await expect(widget.getByRole("button", { name: "Hide the documented output" })).toHaveAttribute("aria-expanded", "true");
    const log = widget.getByRole("log");
    const shown = outputLines(await log.innerText());
    expect(shown).toContainEqual(expect.stringMatching(/one line too many$/));
    const differing = shown.map((line, index) => line !== example.expected.lines[index]);
    const marked = await log.locator(".aw-line").evaluateAll((lines) => lines.map((line) => line.classList.contains("aw-diff")));
    expect(marked).toEqual(differing);
    const count = differing.filter(Boolean).length;
    await expect(widget.getByRole("status")).toHaveText(
      `Output differs from the expected output: ${count} line${count === 1 ? "" : "s"} differ.`,
    );

    await widget.getByRole("button", { name: "Reset" }).click();
    await expect(widget.locator("[data-action=compare]")).toHaveCount(0);
    await expect(widget.locator("[data-expected]")).toBeVisible();
    await widget.getByRole("button", { name: "Run" }).click();
    await expect(widget).toHaveAttribute("data-state", "match");
    await expect(widget.getByText("Output", { exact: true })).toBeVisible();
  });
});

const withPython = loadLessons()
  .flatMap((page) => page.examples.map((item) => ({ page, item })))
  .find(({ item }) => item.python !== null);

test("switches to the Python original with the mouse and the arrow keys", async ({ page }) => {
  test.skip(!withPython, "no example has a Python original");
  await page.goto(withPython!.page.url);
  const widget = page.locator(`[data-example="${withPython!.item.key}"]`);
  const python = widget.getByRole("tab", { name: "Python original" });
  const typescript = widget.getByRole("tab", { name: "TypeScript" });
  await python.click();
  await expect(python).toHaveAttribute("aria-selected", "true");
  await expect(widget.getByRole("tabpanel")).toContainText(withPython!.item.python!.code.split("\n")[0]!);
  await expect(widget.getByRole("button", { name: "Run" })).toBeHidden();
  await page.keyboard.press("ArrowLeft");
  await expect(typescript).toBeFocused();
  await expect(typescript).toHaveAttribute("aria-selected", "true");
  await expect(widget.getByRole("button", { name: "Run" })).toBeVisible();
});
