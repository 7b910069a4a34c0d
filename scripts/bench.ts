/**
 * `npm run bench`: this runtime against CPython's asyncio on the same workloads,
 * side by side in one run, as ratios. Each workload runs REPEAT times in each
 * runtime, alternating, and the median is kept; machines here are noisy, so
 * only the ratios measured together mean anything. The same workloads are then
 * run in Chromium (the runtime bundled by esbuild, on a blank page).
 *
 *   npm run bench                  all workloads, Node + CPython + Chromium
 *   npm run bench -- --no-browser  skip Chromium
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
/** Chromium is slower per step; one run of each workload keeps the benchmark to a few minutes. */
const BROWSER_REPEAT = 1;
const root = fileURLToPath(new URL("..", import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), "awaitable-bench-"));
const limits = { maxSteps: 1e9, maxVirtualTime: 1e9, watchdogMs: 600_000, trace: false };

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

async function timeChromium(ws: Workload[]): Promise<Map<string, number> | string> {
  let chromium;
  try {
    ({ chromium } = await import("@playwright/test"));
  } catch {
    return "Playwright is not installed";
  }
  const { build } = await import("esbuild");
  const bundle = await build({
    stdin: {
      contents: `import { runProgram } from "./src/sandbox/program.ts"; globalThis.runProgram = runProgram;`,
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    minify: true,
  });
  const system = "/usr/bin/chromium";
  const browser = await chromium.launch({
    ...(existsSync(system) && {
      executablePath: system,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }),
  });
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const times = new Map<string, number>();
    for (const w of ws) {
      const runs: number[] = [];
      for (let i = 0; i < BROWSER_REPEAT; i++) {
        const wallMs = await page.evaluate(
          async ({ source, options }) => {
            const run = (globalThis as unknown as { runProgram: typeof runProgram }).runProgram;
            const result = await run(source, options);
            if (result.error) throw new Error(`${result.error.name}: ${result.error.message}`);
            return result.stats.wallMs;
          },
          { source: w.ts, options: limits },
        );
        runs.push(wallMs / 1000);
      }
      times.set(w.name, median(runs));
    }
    return times;
  } finally {
    await browser.close();
  }
}

const rows: string[][] = [];
console.log(`node ${process.version}; ${spawnSync("python3", ["--version"], { encoding: "utf8" }).stdout.trim() || "no python3"}`);
const nodeTimes = new Map<string, number>();
for (const w of workloads) {
  const node: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    node.push(await timeNode(w));
    const t = timeCPython(w);
    if (t !== null) py.push(t);
  }
  const n = median(node);
  nodeTimes.set(w.name, n);
  const p = py.length > 0 ? median(py) : null;
  rows.push([
    w.name,
    `${n.toFixed(3)} s`,
    `${((n / w.steps) * 1e6).toFixed(2)} µs`,
    p === null ? "n/a" : `${p.toFixed(3)} s`,
    p === null ? "n/a" : `${((p / w.steps) * 1e6).toFixed(2)} µs`,
    p === null ? "n/a" : `${(p / n).toFixed(2)}×`,
  ]);
}

const browserTimes = process.argv.includes("--no-browser") ? "skipped (--no-browser)" : await timeChromium(workloads);
for (const row of rows) {
  const t = typeof browserTimes === "string" ? undefined : browserTimes.get(row[0]!);
  row.push(t === undefined ? "n/a" : `${t.toFixed(3)} s`, t === undefined ? "n/a" : `${(t / nodeTimes.get(row[0]!)!).toFixed(2)}×`);
}
const header = ["workload", "Node", "per step", "CPython", "per step", "CPython/Node", "Chromium", "Chromium/Node"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
console.log(
  `\nNode and CPython: median of ${REPEAT} runs each, alternating; Chromium: ${BROWSER_REPEAT} run each.` +
    `\n"CPython/Node" above 1 means this runtime is faster; "Chromium/Node" is how much slower the browser is.\n`,
);
console.log(line(header));
for (const row of rows) console.log(line(row));
for (const w of workloads) console.log(`\n  ${w.name}: ${w.what}`);
if (typeof browserTimes === "string") console.log(`\nChromium: ${browserTimes}`);

// The compile step runs on every Run click: time it on the lessons' own examples.
const examples = loadLessons().flatMap((lesson) => lesson.examples);
for (const example of examples) compile(example.code);
const rounds = 20;
const started = performance.now();
for (let i = 0; i < rounds; i++) for (const example of examples) compile(example.code);
const perCompile = (performance.now() - started) / (rounds * examples.length);
console.log(`\nCompile (type erasure + instrumentation), warm, over the ${examples.length} lesson examples: ${perCompile.toFixed(2)} ms each.`);
