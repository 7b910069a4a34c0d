import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { runProgram } from "../../src/sandbox/program.ts";
import type { RunResult } from "../../src/sandbox/protocol.ts";
import { loadLessons, type LessonPage } from "./lessons.ts";
import type { RunnableExample } from "../../src/remark/extract-examples.ts";

const LINE = /^\[(\d+\.\d{3})s\] (.*)$/;

interface Subject {
  lesson: LessonPage;
  example: RunnableExample;
  /** The same program run in Node: which task printed each line. */
  result: RunResult;
}

// Finding a subject runs every lesson example in Node first; give a loaded machine time.
test.describe.configure({ timeout: 120_000 });

const candidates = loadLessons().flatMap((lesson) => lesson.examples.map((example) => ({ lesson, example })));

/** The first example, in course order, that matches `wanted` when run in Node. */
async function find(wanted: (subject: Subject) => boolean): Promise<Subject | undefined> {
  for (const { lesson, example } of candidates) {
    if (example.expected.error !== null) continue;
    const subject = { lesson, example, result: await runProgram(example.code, { filename: "main.ts" }) };
    if (subject.result.error === null && wanted(subject)) return subject;
  }
  return undefined;
}

/** Output at two different virtual times, printed by two different tasks. */
const printsOverTime = ({ example, result }: Subject) =>
  new Set(example.expected.lines.map((line) => LINE.exec(line)?.[1])).size >= 2 &&
  new Set(result.lines.filter((line) => line.task !== null).map((line) => line.task)).size >= 2;

async function runAndOpen(page: Page, { lesson, example }: Subject): Promise<{ widget: Locator; timeline: Locator }> {
  await page.goto(lesson.url);
  const widget = page.locator(`[data-example="${example.key}"]`);
  await widget.getByRole("button", { name: "Run" }).click();
  await expect(widget).toHaveAttribute("data-state", "match");
  const timeline = widget.locator("details[data-timeline]");
  await timeline.getByText(/^Timeline:/).click();
  await expect(timeline).toHaveAttribute("open", "");
  return { widget, timeline };
}

/** What a print marker says: `t=1.000s Task-2 prints "three"`. */
function markerLabels({ example, result }: Subject): string[] {
  return example.expected.lines.map((line, index) => {
    const [, t, text] = LINE.exec(line)!;
    return `t=${t}s ${result.lines[index]!.task ?? "main program"} prints ${JSON.stringify(text)}`;
  });
}

const centerX = async (locator: Locator) => {
  const box = (await locator.boundingBox())!;
  return box.x + box.width / 2;
};

test.describe("the timeline of a run", () => {
  let subject: Subject;
  test.beforeAll(async () => {
    const found = await find(printsOverTime);
    test.skip(!found, "no example prints at two times from two tasks");
    subject = found!;
  });

  test("is collapsed after a run and sums up the tasks and the virtual time", async ({ page }) => {
    await page.goto(subject.lesson.url);
    const widget = page.locator(`[data-example="${subject.example.key}"]`);
    await widget.getByRole("button", { name: "Run" }).click();
    const timeline = widget.locator("details[data-timeline]");
    await expect(timeline).not.toHaveAttribute("open");
    await expect(timeline.locator(".aw-tl-scroll")).toBeHidden();
    const end = subject.result.stats.virtualTime.toFixed(3);
    await expect(timeline.locator("summary")).toHaveText(new RegExp(`^Timeline: \\d+ tasks? over ${end.replace(".", "\\.")} s$`));
  });

  test("shows a lane for each task that printed and a marker at the time of each printed line", async ({ page }) => {
    const { timeline } = await runAndOpen(page, subject);
    const lanes = await timeline.locator(".aw-tl-task").allTextContents();
    for (const line of subject.result.lines) expect(lanes).toContain(line.task ?? "main program");

    const markers = timeline.getByRole("img");
    const labels = await markers.evaluateAll((all) => all.map((marker) => marker.getAttribute("aria-label")!));
    expect(labels.toSorted()).toEqual(markerLabels(subject).toSorted());

    // Later lines sit further right, and each at or right of the last tick before its time.
    const ticks = await Promise.all(
      (await timeline.locator(".aw-tl-tick").all()).map(async (tick) => ({
        t: parseFloat((await tick.textContent())!),
        x: (await tick.boundingBox())!.x,
      })),
    );
    const placed = await Promise.all(
      (await markers.all()).map(async (marker) => ({
        t: Number(/^t=([\d.]+)s/.exec((await marker.getAttribute("aria-label"))!)![1]),
        x: await centerX(marker),
      })),
    );
    for (const a of placed) {
      const tick = ticks.filter((tick) => tick.t <= a.t).at(-1)!;
      expect(a.x).toBeGreaterThanOrEqual(tick.x);
      for (const b of placed) if (a.t < b.t) expect(a.x).toBeLessThan(b.x);
    }
  });

  test("shows a marker's line when it is pointed at or focused, and the arrow keys step through them", async ({ page }) => {
    const { timeline } = await runAndOpen(page, subject);
    const readout = timeline.locator(".aw-tl-readout");
    const markers = timeline.getByRole("img");
    const last = markers.last();
    await last.hover();
    await expect(readout).toHaveText((await last.getAttribute("aria-label"))!);

    const labels = markerLabels(subject); // documented order is time order
    const first = timeline.getByRole("img", { name: labels[0]!, exact: true });
    await expect(first).toHaveAttribute("tabindex", "0");
    await first.focus();
    await expect(readout).toHaveText(labels[0]!);
    await page.keyboard.press("ArrowRight");
    await expect(page.locator(":focus")).toHaveAttribute("aria-label", labels[1]!);
    await expect(readout).toHaveText(labels[1]!);
  });

  test("tells screen readers what happened as a list by virtual time", async ({ page }) => {
    const { timeline } = await runAndOpen(page, subject);
    const items = await timeline.getByRole("list", { name: "What happened, by virtual time" }).getByRole("listitem").allTextContents();
    const times = items.map((item) => Number(/^t=([\d.]+)s — /.exec(item)?.[1]));
    expect(times).toEqual(times.toSorted((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
    for (const [index, line] of subject.example.expected.lines.entries()) {
      const [, t, text] = LINE.exec(line)!;
      const task = subject.result.lines[index]!.task ?? "main program";
      const item = items.find((entry) => entry.startsWith(`t=${t}s — `));
      expect(item, `no entry for t=${t}s`).toContain(task);
      expect(item).toContain(`prints ${JSON.stringify(text)}`);
    }
  });

  test("keeps a wide chart scrolling inside the timeline on a phone", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(subject.lesson.url);
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    const before = await pageWidth();
    const { widget, timeline } = await runAndOpen(page, subject);
    await expect(timeline.getByRole("img").first()).toBeAttached();
    expect(await pageWidth()).toBeLessThanOrEqual(before);
    const scroller = (await timeline.locator(".aw-tl-scroll").boundingBox())!;
    const frame = (await widget.boundingBox())!;
    expect(scroller.x + scroller.width).toBeLessThanOrEqual(frame.x + frame.width);
  });

  for (const theme of ["light", "dark"] as const) {
    test(`has no accessibility violations in the ${theme} theme`, async ({ page }) => {
      await page.addInitScript((chosen) => localStorage.setItem("starlight-theme", chosen), theme);
      const { timeline } = await runAndOpen(page, subject);
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      await timeline.getByRole("img").first().hover();
      const results = await new AxeBuilder({ page }).include(`[data-example="${subject.example.key}"] [data-timeline]`).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    });
  }
});

test("shows time.sleep as a stretch that blocks every lane", async ({ page }) => {
  const blocking = await find(({ result }) => result.trace.some((event) => event.kind === "blocked"));
  test.skip(!blocking, "no example calls time.sleep");
  const { timeline } = await runAndOpen(page, blocking!);
  const blocked = blocking!.result.trace.filter((event) => event.kind === "blocked");
  const bands = timeline.locator(".aw-tl-overlay .aw-tl-block");
  await expect(bands).toHaveCount(blocked.length);
  // One band crosses every lane: it is as tall as the lanes together.
  const band = (await bands.first().boundingBox())!;
  const lanes = await timeline.locator(".aw-tl-track:not(.aw-tl-axis)").all();
  const lastLane = (await lanes.at(-1)!.boundingBox())!;
  expect(band.y + band.height).toBeGreaterThanOrEqual(lastLane.y + lastLane.height - 1);
  const items = timeline.getByRole("list", { name: "What happened, by virtual time" });
  await expect(items).toContainText(`everything is blocked in ${blocked[0]!.detail}`);
});

test.describe("the timeline is drawn to scale", () => {
  for (const lesson of loadLessons().filter((page) => page.examples.length > 0)) {
    test(`on every example of ${lesson.url}`, async ({ page }) => {
      test.setTimeout(120_000);
      test.fixme(
        lesson.url.includes("06-streams"),
        "instants a millisecond apart (the virtual network's latency) are drawn up to 11 px off the linear scale",
      );
      await page.goto(lesson.url);
      let checked = 0;
      for (const example of lesson.examples) {
        const widget = page.locator(`[data-example="${example.key}"]`);
        await widget.getByRole("button", { name: "Run" }).click();
        await expect(widget).toHaveAttribute("data-state", /^(match|mismatch)$/);
        const timeline = widget.locator("details[data-timeline]");
        if ((await timeline.count()) === 0) continue;
        await timeline.locator("summary").click();
        const stretches = await timeline.locator("[data-t0]").evaluateAll((nodes) =>
          nodes.map((node) => {
            const box = node.getBoundingClientRect();
            const data = (node as HTMLElement).dataset;
            return { t0: Number(data.t0), t1: Number(data.t1), state: data.state ?? "", left: box.left, right: box.right, width: box.width };
          }),
        );
        expect(stretches.length, `${example.key} draws no stretch`).toBeGreaterThan(0);
        for (const s of stretches) expect(s.state, `${example.key}: a stretch without data-state`).toMatch(/^(running|waiting|ready|blocked)$/);
        // Where each stretch starts and ends; an instant is a tick centred on its time.
        const points = stretches.flatMap((s) =>
          s.t0 === s.t1
            ? [{ t: s.t0, x: s.left + s.width / 2 }]
            : [
                { t: s.t0, x: s.left },
                { t: s.t1, x: s.right },
              ],
        );
        for (const s of stretches.filter((s) => s.t0 === s.t1)) {
          expect(s.width, `${example.key}: an instant at t=${s.t0} is ${s.width}px wide`).toBeLessThanOrEqual(4);
        }
        const first = points.reduce((a, b) => (b.t < a.t ? b : a));
        const last = points.reduce((a, b) => (b.t > a.t ? b : a));
        if (last.t > first.t) {
          const pxPerSecond = (last.x - first.x) / (last.t - first.t);
          expect(pxPerSecond).toBeGreaterThan(0);
          for (const p of points) {
            const expected = first.x + (p.t - first.t) * pxPerSecond;
            expect(Math.abs(p.x - expected), `${example.key}: t=${p.t} drawn at ${p.x}, not ${expected}`).toBeLessThanOrEqual(1);
          }
        }
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});
