/**
 * Measures click-to-output in Chromium: the time from pressing Run to the finished result on the
 * page (output shown, verdict set), for the first run on a fresh page and for warm runs (a spare
 * worker loaded). Serves the built site with `astro preview` and drives the first example of the
 * first lesson that has one.
 *
 *   npm run bench:site              # builds if dist/ is missing
 *   npm run bench:site -- --runs 40 # number of warm runs (default 25)
 *   npm run bench:site -- --strict  # exit 1 when a target is missed
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { chromium, type Page } from "@playwright/test";
import { extractExamples } from "../src/remark/extract-examples.ts";

const ROOT = resolve(import.meta.dirname, "..");
const PORT = 4329;
const TARGET_FIRST_MS = 300;
const TARGET_WARM_MEDIAN_MS = 50;
const SYSTEM_CHROMIUM = "/usr/bin/chromium";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 25;
const strict = args.includes("--strict");

function firstExample(): { url: string; key: string } {
  const dir = join(ROOT, "content", "lessons");
  for (const name of readdirSync(dir).filter((file) => /^[^_].*\.mdx?$/.test(file)).sort()) {
    const path = join(dir, name);
    const [example] = extractExamples(readFileSync(path, "utf8"), relative(ROOT, path));
    if (example) return { url: `/lessons/${name.replace(/\.mdx?$/, "")}/`, key: example.key };
  }
  throw new Error("No lesson has a runnable example to measure.");
}

async function waitForServer(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`The preview server did not answer at ${url}.`);
}

/** Clicks Run and resolves with the milliseconds until the widget shows its verdict. */
function clickToOutput(page: Page, key: string): Promise<number> {
  return page.evaluate(
    (key) =>
      new Promise<number>((resolve) => {
        const root = document.querySelector<HTMLElement>(`[data-example="${key}"]`)!;
        const button = root.querySelector<HTMLButtonElement>("[data-action=run]")!;
        root.removeAttribute("data-state");
        const observer = new MutationObserver(() => {
          const state = root.getAttribute("data-state");
          if (state === "match" || state === "mismatch") {
            observer.disconnect();
            resolve(performance.now() - started);
          }
        });
        observer.observe(root, { attributes: true, attributeFilter: ["data-state"] });
        const started = performance.now();
        button.click();
      }),
    key,
  );
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

if (!existsSync(join(ROOT, "dist"))) {
  console.log("Building the site…");
  execFileSync("npx", ["astro", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
}

const server = spawn("npx", ["astro", "preview", "--host", "127.0.0.1", "--port", String(PORT)], {
  cwd: ROOT,
  stdio: "ignore",
  detached: true,
});
const browser = await chromium.launch(
  existsSync(SYSTEM_CHROMIUM)
    ? {
        executablePath: SYSTEM_CHROMIUM,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      }
    : {},
);
let missed = false;
try {
  const base = `http://127.0.0.1:${PORT}`;
  await waitForServer(`${base}/`, Date.now() + 30_000);
  const { url, key } = firstExample();
  const page = await browser.newPage();

  // First run: a fresh page, Run pressed as soon as the page has loaded.
  await page.goto(base + url, { waitUntil: "load" });
  const first = await clickToOutput(page, key);
  const state = await page.locator(`[data-example="${key}"]`).getAttribute("data-state");

  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.locator("html[data-sandbox=ready]").waitFor();
    warm.push(await clickToOutput(page, key));
  }
  warm.sort((a, b) => a - b);
  const median = percentile(warm, 0.5);

  console.log(`Click-to-output for ${key} (${url}), result: ${state}`);
  console.log(`  first run     ${ms(first).padStart(10)}   target < ${TARGET_FIRST_MS} ms   ${first < TARGET_FIRST_MS ? "ok" : "MISSED"}`);
  console.log(`  warm median   ${ms(median).padStart(10)}   target < ${TARGET_WARM_MEDIAN_MS} ms    ${median < TARGET_WARM_MEDIAN_MS ? "ok" : "MISSED"}`);
  console.log(`  warm p90      ${ms(percentile(warm, 0.9)).padStart(10)}`);
  console.log(`  warm min/max  ${ms(percentile(warm, 0))} / ${ms(percentile(warm, 1))}   (${runs} runs)`);
  missed = first >= TARGET_FIRST_MS || median >= TARGET_WARM_MEDIAN_MS;
} finally {
  await browser.close();
  if (server.pid) process.kill(-server.pid);
}
if (missed && strict) process.exit(1);
