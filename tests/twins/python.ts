/**
 * Runs Python programs through vclock.py, for the twin tests. CPython is the oracle, so when
 * python3 is missing the Python half of those tests is skipped and says so, never passed.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const twinsDir = path.dirname(fileURLToPath(import.meta.url));
const vclock = path.join(twinsDir, "vclock.py");

/** `python3 --version`'s answer ("Python 3.11.7"), or null when there is no python3. */
export const pythonVersion: string | null = (() => {
  const probe = spawnSync("python3", ["--version"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.trim() : null;
})();

/**
 * The CPython release the oracle is pinned to: asyncio's scheduling details (task
 * numbering, timeouts, what is printed when) differ between releases.
 */
export const oracleRelease = "3.11";

/** The full CPython version the expected outputs were made with, as regen.py recorded it. */
export const recordedVersion: string = readFileSync(path.join(twinsDir, "expected", "PYTHON_VERSION"), "utf8").trim();

/** Why python3 cannot serve as the oracle, or null when it is CPython 3.11. */
export const oracleProblem: string | null =
  pythonVersion === null
    ? `python3 not found: CPython ${oracleRelease} is the oracle, so the checks that run it did not run`
    : !pythonVersion.startsWith(`Python ${oracleRelease}.`)
      ? `python3 is ${pythonVersion}, but the oracle is CPython ${oracleRelease} (expected/ was made with ${recordedVersion}); ` +
        `put a python3 ${oracleRelease} first on PATH`
      : null;

/** The reason to pass as `skip` to a test that needs CPython 3.11, or false when python3 is that. */
export const skipWithoutPython: string | false = oracleProblem ?? false;

if (oracleProblem !== null) console.warn(`WARNING: ${oracleProblem}.`);

export interface VclockRun {
  /** Each stdout line, `[1.500s] text`. */
  stdout: string[];
  stderr: string;
  status: number | null;
}

/** Runs `file` (relative to `cwd`) as __main__ on the virtual clock. */
export function runOnVirtualClock(file: string, cwd: string): VclockRun {
  const run = spawnSync("python3", [vclock, file], { cwd, encoding: "utf8", timeout: 60_000 });
  if (run.error) throw run.error;
  return { stdout: splitLines(run.stdout), stderr: run.stderr, status: run.status };
}

/** Lines of a text that ends with a newline (or is empty). */
export function splitLines(text: string): string[] {
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
}
