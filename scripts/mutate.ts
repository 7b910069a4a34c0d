/**
 * `npm run mutate`: the core's mutation score. Each mutant in mutants.ts is one
 * plausible bug: a snippet of a runtime file replaced by something else. The
 * runner copies the project's src/ and tests/ to a temporary directory (src/ is
 * never edited in place), applies one mutant at a time to that copy, and runs the
 * mutant's test files there, in order, until one fails. A mutant is killed when a
 * test fails, survives when every listed test passes. It prints a table and the
 * score, and exits 1 if a mutant survives, a snippet no longer matches its file
 * exactly once, or the unmutated copy already fails a test.
 *
 *     node scripts/mutate.ts                 every mutant
 *     node scripts/mutate.ts lock-newcomer-overtakes   only the mutants named
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mutants, type Mutant } from "./mutants.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** One test file may run this long before it counts as hung (a hang kills the mutant; the table says so). */
const FILE_TIMEOUT_MS = 60_000;
/** Per test, passed to node --test: a mutant that hangs one loop fails that test quickly. */
const TEST_TIMEOUT_MS = 10_000;

interface Outcome {
  mutant: Mutant;
  status: "killed" | "survived" | "stale";
  by: string;
  seconds: number;
}

/** A copy of `from` that tests can run in: src/ and tests/ copied, node_modules linked. */
function makeCopy(from: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "awaitable-mutate-"));
  for (const sub of ["src", "tests"]) cpSync(path.join(from, sub), path.join(dir, sub), { recursive: true });
  cpSync(path.join(from, "package.json"), path.join(dir, "package.json"));
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/** Runs one test file in `dir`; resolves to the first failing test's name, or null when all pass. */
function runTestFile(dir: string, file: string): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--test", `--test-timeout=${TEST_TIMEOUT_MS}`, "--test-force-exit", "--test-reporter=spec", file],
      { cwd: dir, stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    let output = "";
    let failing: string | undefined;
    const stop = (): void => {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    };
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      // The first failure decides; the rest of the file (which may hang on the mutant) need not run.
      failing ??= /^\s*✖ (.+?)(?: \(\d[\d.]*m?s\))?$/m.exec(output)?.[1];
      if (failing !== undefined) stop();
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const timer = setTimeout(() => {
      failing ??= `the file still ran after ${FILE_TIMEOUT_MS / 1000} s`;
      stop();
    }, FILE_TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve(code === 0 && failing === undefined ? null : (failing ?? `exit code ${code}: ${output.slice(-500)}`));
    });
  });
}

/** The mutated text, or null when `find` does not occur exactly once (the file changed under it). */
function mutate(source: string, mutant: Mutant): string | null {
  const at = source.indexOf(mutant.find);
  if (at < 0 || source.indexOf(mutant.find, at + 1) >= 0) return null;
  return source.slice(0, at) + mutant.replace + source.slice(at + mutant.find.length);
}

async function tryMutant(dir: string, mutant: Mutant): Promise<Outcome> {
  const started = performance.now();
  const seconds = (): number => (performance.now() - started) / 1000;
  const file = path.join("src", "runtime", mutant.file);
  // Read from the copy: the sources it was made from may be edited while this runs.
  const original = readFileSync(path.join(dir, file), "utf8");
  const mutated = mutate(original, mutant);
  if (mutated === null) return { mutant, status: "stale", by: `snippet not found exactly once in ${file}`, seconds: 0 };
  writeFileSync(path.join(dir, file), mutated);
  try {
    for (const test of mutant.tests) {
      const failing = await runTestFile(dir, test);
      if (failing !== null) return { mutant, status: "killed", by: `${path.basename(test)}: ${failing}`, seconds: seconds() };
    }
    return { mutant, status: "survived", by: "", seconds: seconds() };
  } finally {
    writeFileSync(path.join(dir, file), original);
  }
}

const only = process.argv.slice(2);
const selected = mutants.filter((m) => only.length === 0 || only.includes(m.id));
if (selected.length === 0) {
  console.error(`no mutant named ${only.join(", ")}; known: ${mutants.map((m) => m.id).join(", ")}`);
  process.exit(2);
}

const workers = Math.max(1, Math.min(2, availableParallelism()));
// One snapshot of the sources, copied again for each worker, so that all of them test the same code.
const snapshot = makeCopy(root);
const copies = [snapshot, ...Array.from({ length: workers - 1 }, () => makeCopy(snapshot))];

/** Runs `work` on every item, one item per copy at a time. */
async function pool<T>(items: readonly T[], work: (dir: string, item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    copies.map(async (dir) => {
      while (next < items.length) await work(dir, items[next++]!);
    }),
  );
}
/** Measures the score; resolves to the exit code. */
async function measure(): Promise<number> {
  const started = performance.now();
  // A failing test on the unmutated sources would "kill" every mutant: check them first.
  const baselineFiles = [...new Set(selected.flatMap((m) => m.tests))];
  const broken: string[] = [];
  await pool(baselineFiles, async (dir, test) => {
    const failing = await runTestFile(dir, test);
    if (failing !== null) broken.push(`${test}: ${failing}`);
  });
  if (broken.length > 0) {
    console.error(`The unmutated sources already fail tests; fix them before measuring the score:\n  ${broken.join("\n  ")}`);
    return 1;
  }

  const outcomes: Outcome[] = [];
  await pool(selected, async (dir, mutant) => {
    const outcome = await tryMutant(dir, mutant);
    outcomes.push(outcome);
    console.log(`${outcome.status.padEnd(8)} ${mutant.id} (${outcome.seconds.toFixed(1)} s)`);
  });
  outcomes.sort((a, b) => selected.indexOf(a.mutant) - selected.indexOf(b.mutant));

  const idWidth = Math.max(...outcomes.map((o) => o.mutant.id.length), "mutant".length);
  console.log(`\n${"mutant".padEnd(idWidth)}  ${"result".padEnd(8)}  killed by / why`);
  for (const o of outcomes) {
    const why = o.status === "killed" ? o.by : o.status === "stale" ? o.by : `${o.mutant.file}: ${o.mutant.description}`;
    console.log(`${o.mutant.id.padEnd(idWidth)}  ${o.status.padEnd(8)}  ${why}`);
  }
  const killed = outcomes.filter((o) => o.status === "killed").length;
  const survived = outcomes.filter((o) => o.status === "survived");
  const stale = outcomes.filter((o) => o.status === "stale");
  const total = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `\nmutation score: ${killed}/${outcomes.length} killed (${((100 * killed) / outcomes.length).toFixed(0)}%), ` +
      `${survived.length} survived, ${stale.length} stale, in ${total} s`,
  );
  if (survived.length > 0) console.log(`survivors: ${survived.map((o) => o.mutant.id).join(", ")}`);
  if (stale.length > 0) console.log(`stale (update their snippet in scripts/mutants.ts): ${stale.map((o) => o.mutant.id).join(", ")}`);
  return survived.length > 0 || stale.length > 0 ? 1 : 0;
}

try {
  process.exitCode = await measure();
} finally {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
}
