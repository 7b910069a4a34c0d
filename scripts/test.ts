/**
 * `npm test`: every check of the project, in order, each stage's own output
 * shown as it runs, then one summary line with the totals.
 *
 * Stages: type check, unit and twin tests (node:test), the mutation score of the
 * core, the content check (every runnable example of every lesson against its
 * documented output), the site build (which also validates every internal
 * link), the JavaScript budget, and the end-to-end tests in Chromium.
 * Lighthouse's scores are `npm run budget`'s second half, not a stage here: a
 * score moves with the machine's load, and a test must not.
 *
 * Nothing can hang it: node:test stops a test after TEST_TIMEOUT_MS and exits a
 * file whose tests are done even if something still runs in it
 * (`--test-force-exit`); a stage that still runs after its own limit (a test
 * that spins synchronously) is killed and counted as failed.
 */
import { spawn } from "node:child_process";

interface Stage {
  name: string;
  command: string[];
  /** Reads passed/failed counts from the stage's output; stages without counts count as one check. */
  counts?: (output: string) => { passed: number; failed: number; skipped: number } | null;
  /** A figure for the summary line, read from the stage's output. */
  note?: (output: string) => string | null;
  /** The stage is killed, and fails, after this many minutes. */
  minutes: number;
}

/** Per test, for node:test: a test whose loop hangs fails after this long. */
const TEST_TIMEOUT_MS = 60_000;
const nodeTest = ["node", "--test", "--test-reporter=spec", `--test-timeout=${TEST_TIMEOUT_MS}`, "--test-force-exit"];

const nodeTestCounts = (output: string) => {
  const num = (label: string): number => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output)?.[1] ?? NaN);
  const passed = num("pass");
  if (Number.isNaN(passed)) return null;
  // A test stopped by its timeout is counted as "cancelled".
  return { passed, failed: num("fail") + num("cancelled"), skipped: num("skipped") + num("todo") };
};

/** How many TypeScript twins print what CPython prints, out of how many ran. */
const twinCount = (output: string): string | null => {
  const report = output.split("✖ failing tests:")[0]!;
  const count = (mark: string): number => report.split(`${mark} the TypeScript twin prints what CPython prints`).length - 1;
  const passed = count("✔");
  const total = passed + count("✖");
  return total === 0 ? null : `twins: ${passed}/${total} match CPython`;
};

const mutationScore = (output: string): string | null => /mutation score: (\d+\/\d+ killed \(\d+%\))/.exec(output)?.[1] ?? null;

const playwrightCounts = (output: string) => {
  const num = (label: string): number => Number(new RegExp(`(\\d+) ${label}`).exec(output)?.[1] ?? 0);
  if (!/\d+ (passed|failed)/.test(output)) return null;
  return { passed: num("passed"), failed: num("failed"), skipped: num("skipped") };
};

const only = process.argv.slice(2);
const stages: Stage[] = [
  { name: "types", command: ["npx", "tsc", "-p", "tsconfig.json"], minutes: 5 },
  {
    name: "unit",
    command: [...nodeTest, "tests/runtime/*.test.ts", "tests/compiler/*.test.ts", "tests/cli/*.test.ts", "tests/widgets/*.test.ts", "tests/scripts/*.test.ts", "tests/practice/*.test.ts", "tests/twins/*.test.ts"],
    counts: nodeTestCounts,
    note: twinCount,
    minutes: 15,
  },
  { name: "mutate", command: ["node", "scripts/mutate.ts"], note: mutationScore, minutes: 10 },
  { name: "content", command: [...nodeTest, "tests/content/*.test.ts"], counts: nodeTestCounts, minutes: 15 },
  { name: "build", command: ["npx", "astro", "build"], minutes: 10 },
  { name: "budget", command: ["node", "scripts/budget.ts"], minutes: 5 },
  { name: "e2e", command: ["npx", "playwright", "test"], counts: playwrightCounts, minutes: 30 },
].filter((stage) => only.length === 0 || only.includes(stage.name));

/** The running stage's process group (detached, so that a hung stage can be killed whole). */
let runningGroup: number | undefined;
process.on("SIGINT", () => {
  if (runningGroup !== undefined) process.kill(-runningGroup, "SIGKILL");
  process.exit(130);
});

function runStage(stage: Stage): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(stage.command[0]!, stage.command.slice(1), { stdio: ["ignore", "pipe", "pipe"], shell: false, detached: true });
    runningGroup = child.pid;
    let output = "";
    const limit = setTimeout(() => {
      const message = `\n${stage.name}: still running after ${stage.minutes} min; stopped (a test hangs?)\n`;
      output += message;
      process.stderr.write(message);
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    }, stage.minutes * 60_000);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on("close", (code) => {
      clearTimeout(limit);
      runningGroup = undefined;
      resolve({ code: code ?? 1, output });
    });
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
  const note = stage.note?.(output) ?? null;
  summary.push(
    `${stage.name.padEnd(8)} ${code === 0 ? "ok    " : "FAILED"} ${seconds.padStart(6)} s` +
      `${counts ? `  (${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped)` : ""}${note ? `  ${note}` : ""}`,
  );
}
console.log(`\n${summary.join("\n")}\n`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
