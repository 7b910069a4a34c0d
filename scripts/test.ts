/**
 * `npm test`: every check of the project, in order, each stage's own output
 * shown as it runs, then one summary line with the totals.
 *
 * Stages: type check, unit and twin tests (node:test), the content check (every
 * runnable example of every lesson against its documented output), the site
 * build, the JavaScript budget, and the end-to-end tests in Chromium.
 */
import { spawn } from "node:child_process";

interface Stage {
  name: string;
  command: string[];
  /** Reads passed/failed counts from the stage's output; stages without counts count as one check. */
  counts?: (output: string) => { passed: number; failed: number; skipped: number } | null;
}

const nodeTestCounts = (output: string) => {
  const num = (label: string): number => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output)?.[1] ?? NaN);
  const passed = num("pass");
  if (Number.isNaN(passed)) return null;
  return { passed, failed: num("fail"), skipped: num("skipped") + num("todo") };
};

const playwrightCounts = (output: string) => {
  const num = (label: string): number => Number(new RegExp(`(\\d+) ${label}`).exec(output)?.[1] ?? 0);
  if (!/\d+ (passed|failed)/.test(output)) return null;
  return { passed: num("passed"), failed: num("failed"), skipped: num("skipped") };
};

const only = process.argv.slice(2);
const stages: Stage[] = [
  { name: "types", command: ["npx", "tsc", "-p", "tsconfig.json"] },
  {
    name: "unit",
    command: ["node", "--test", "--test-reporter=spec", "tests/runtime/*.test.ts", "tests/compiler/*.test.ts", "tests/cli/*.test.ts", "tests/widgets/*.test.ts", "tests/practice/*.test.ts", "tests/twins/*.test.ts"],
    counts: nodeTestCounts,
  },
  { name: "content", command: ["node", "--test", "--test-reporter=spec", "tests/content/*.test.ts"], counts: nodeTestCounts },
  { name: "build", command: ["npx", "astro", "build"] },
  { name: "budget", command: ["node", "scripts/budget.ts"] },
  { name: "e2e", command: ["npx", "playwright", "test"], counts: playwrightCounts },
].filter((stage) => only.length === 0 || only.includes(stage.name));

function runStage(stage: Stage): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(stage.command[0]!, stage.command.slice(1), { stdio: ["ignore", "pipe", "pipe"], shell: false });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

let passed = 0;
let failed = 0;
let skipped = 0;
const summary: string[] = [];
for (const stage of stages) {
  console.log(`\n=== ${stage.name}: ${stage.command.join(" ")}`);
  const started = performance.now();
  const { code, output } = await runStage(stage);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const counts = stage.counts?.(output) ?? null;
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
    skipped += counts.skipped;
  } else if (code === 0) {
    passed += 1;
  }
  if (code !== 0 && (!counts || counts.failed === 0)) failed += 1;
  summary.push(`${stage.name.padEnd(8)} ${code === 0 ? "ok    " : "FAILED"} ${seconds.padStart(6)} s${counts ? `  (${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped)` : ""}`);
}
console.log(`\n${summary.join("\n")}\n`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
