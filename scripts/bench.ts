/**
 * `npm run bench`: this runtime, in Node and in Chromium, against CPython's
 * asyncio on the same workloads, side by side in one run, as ratios. Each
 * workload runs REPEAT times in each runtime, the three alternating, and the
 * median is kept; machines here are noisy, so only the ratios measured
 * together mean anything. The trace is on, as on the site.
 *
 *   npm run bench                  all workloads, Node + CPython + Chromium
 *   npm run bench -- --no-browser  skip Chromium
 *   npm run bench -- --only=chain  only the workloads whose name contains "chain"
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "../src/compiler/compile.ts";
import { runProgram } from "../src/sandbox/program.ts";
import { loadLessons } from "../tests/e2e/lessons.ts";
import { workloads, type Workload } from "./bench/workloads.ts";

const REPEAT = 3;
const NODE_GOAL = 4;
const CHROMIUM_GOAL = 2;
const root = fileURLToPath(new URL("..", import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), "awaitable-bench-"));
/** Guards lifted for long workloads; the trace is on, as on the site. */
const limits = { maxSteps: 1e9, maxVirtualTime: 1e9, watchdogMs: 600_000, trace: true };

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeNode(w: Workload): Promise<number> {
  const result = await runProgram(w.ts, limits);
  if (result.error) throw new Error(`${w.name} failed in Node: ${result.error.name}: ${result.error.message}`);
  return result.stats.wallMs / 1000;
}

function timeCPython(w: Workload): number | null {
  const file = path.join(work, `${w.name.replace(/\W+/g, "-")}.py`);
  writeFileSync(file, w.py);
  const res = spawnSync("python3", [path.join(root, "scripts/bench/cpython.py"), file], { encoding: "utf8" });
  if (res.error || res.status !== 0) {
    if ((res.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") return null;
    throw new Error(`${w.name} failed in CPython: ${res.stderr}`);
  }
  return Number(res.stdout.trim());
}

/**
 * Times workloads in Chromium as the site runs them: the site's own sandbox
 * worker (src/sandbox/worker.ts, bundled by esbuild), a fresh module worker per
 * run, the program posted to it, and the run's own wall time read back.
 */
async function openChromium(): Promise<{ time(w: Workload): Promise<number>; close(): Promise<void> } | string> {
  let chromium;
  try {
    ({ chromium } = await import("@playwright/test"));
  } catch {
    return "Playwright is not installed";
  }
  const { bundleSandboxWorker } = await import("./bench/sandbox-worker.ts");
  const workerSource = await bundleSandboxWorker({ minify: true });
  const system = "/usr/bin/chromium";
  const browser = await chromium.launch({
    ...(existsSync(system) && {
      executablePath: system,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }),
  });
  const page = await browser.newPage();
  const origin = "http://bench.awaitable.test";
  await page.route(`${origin}/**`, (route) =>
    route.request().url().endsWith("/worker.js")
      ? route.fulfill({ contentType: "text/javascript", body: workerSource })
      : route.fulfill({ contentType: "text/html", body: "<!doctype html><title>bench</title>" }),
  );
  await page.goto(`${origin}/`);
  const time = async (w: Workload): Promise<number> => {
    const wallMs = await page.evaluate(
      ({ source, options }) =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker("/worker.js", { type: "module" });
          worker.onerror = (e) => reject(new Error(`worker failed: ${e.message}`));
          // As the site's client does: a private port first, then every message goes through it.
          const channel = new MessageChannel();
          worker.postMessage({ type: "connect" }, [channel.port2]);
          channel.port1.onmessage = ({ data }) => {
            if (data.type === "ready") channel.port1.postMessage({ type: "run", id: 1, source, options });
            if (data.type !== "done") return;
            worker.terminate();
            if (data.result.error) reject(new Error(`${data.result.error.name}: ${data.result.error.message}`));
            else resolve(data.result.stats.wallMs);
          };
        }),
      { source: w.ts, options: limits },
    );
    return wallMs / 1000;
  };
  return { time, close: () => browser.close() };
}

const python = spawnSync("python3", ["--version"], { encoding: "utf8" }).stdout.trim() || "no python3";
const chromium = process.argv.includes("--no-browser") ? "skipped (--no-browser)" : await openChromium();
console.log(`node ${process.version}; ${python}; ${typeof chromium === "string" ? `Chromium: ${chromium}` : "Chromium (Playwright)"}`);

const rows: string[][] = [];
const misses: string[] = [];
const seconds = (t: number | null): string => (t === null ? "n/a" : `${t.toFixed(3)} s`);
const perStep = (t: number | null, w: Workload): string => (t === null ? "n/a" : `${((t / w.steps) * 1e6).toFixed(2)} µs`);
const ratio = (a: number | null, b: number | null): string => (a === null || b === null ? "n/a" : `${(a / b).toFixed(2)}×`);
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
const selected = workloads.filter((w) => only === undefined || w.name.includes(only));
try {
  for (const w of selected) {
    const node: number[] = [];
    const py: number[] = [];
    const browser: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      node.push(await timeNode(w));
      const t = timeCPython(w);
      if (t !== null) py.push(t);
      if (typeof chromium !== "string") browser.push(await chromium.time(w));
    }
    const n = median(node);
    const p = py.length > 0 ? median(py) : null;
    const c = browser.length > 0 ? median(browser) : null;
    if (p !== null && p / n < NODE_GOAL) misses.push(`${w.name}: Node ${ratio(p, n)} faster than CPython, goal ${NODE_GOAL}×`);
    if (p !== null && c !== null && p / c < CHROMIUM_GOAL) {
      misses.push(`${w.name}: Chromium ${ratio(p, c)} faster than CPython, goal ${CHROMIUM_GOAL}×`);
    }
    rows.push([w.name, seconds(p), seconds(n), perStep(n, w), ratio(p, n), seconds(c), perStep(c, w), ratio(p, c), browser.map((t) => t.toFixed(2)).join(" / ") || "n/a"]);
  }
} finally {
  if (typeof chromium !== "string") await chromium.close();
}

const header = ["workload", "CPython", "Node", "per step", "CPython/Node", "Chromium", "per step", "CPython/Chromium", "Chromium runs (s)"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
console.log(`
Each figure is the median of ${REPEAT} runs, the three runtimes alternating; a ratio above 1 means faster than CPython.
  CPython:  the program exec'd by python3 under asyncio with the twin tests' virtual-clock loop
            (tests/twins/vclock.py); interpreter start-up and the import of asyncio excluded.
  Node:     runProgram in this process: compile + run on the virtual clock, trace on (its stats.wallMs).
  Chromium: the site's sandbox worker, a fresh module worker per run warmed by its own small program
            as on the site: compile + run, trace on, timed inside the worker (its stats.wallMs);
            worker start-up and messages excluded.
  Goals: Node at least ${NODE_GOAL}× and Chromium at least ${CHROMIUM_GOAL}× faster than CPython on every workload.
`);
console.log(line(header));
for (const row of rows) console.log(line(row));
for (const w of selected) console.log(`\n  ${w.name}: ${w.what}`);
console.log(misses.length === 0 ? "\nEvery goal is met." : `\nGoals missed:\n  ${misses.join("\n  ")}`);

// The compile step runs on every Run click: time it on the lessons' own examples.
const examples = loadLessons().flatMap((lesson) => lesson.examples);
for (const example of examples) compile(example.code);
const rounds = 20;
const started = performance.now();
for (let i = 0; i < rounds; i++) for (const example of examples) compile(example.code);
const perCompile = (performance.now() - started) / (rounds * examples.length);
console.log(`\nCompile (type erasure + instrumentation), warm, over the ${examples.length} lesson examples: ${perCompile.toFixed(2)} ms each.`);
