/**
 * Runs Python programs through vclock.py, for the twin tests. CPython is the oracle, so when
 * python3 is missing the Python half of those tests is skipped and says so, never passed.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const twinsDir = path.dirname(fileURLToPath(import.meta.url));
const vclock = path.join(twinsDir, "vclock.py");

/** `python3 --version`'s answer ("Python 3.11.7"), or null when there is no python3. */
export const pythonVersion: string | null = (() => {
  const probe = spawnSync("python3", ["--version"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.trim() : null;
})();

/** The reason to pass as `skip` to a test that needs python3, or false when it is there. */
export const skipWithoutPython: string | false =
  pythonVersion === null ? "python3 not found: CPython is the oracle, so this check did not run" : false;

if (pythonVersion === null) {
  console.warn(`WARNING: ${skipWithoutPython}. Install python3 (3.11 or later) to run it.`);
}

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
