/**
 * Twin tests: each case in cases/ is one program written twice, NAME.py in plain asyncio and
 * NAME.ts for our runtime. CPython, run on a virtual clock by vclock.py, is the oracle: its
 * output is kept in expected/NAME.out (written by regen.py, never by hand), and both twins
 * must print exactly those lines at exactly those virtual times.
 *
 * To add a case, write cases/NAME.py and its translation cases/NAME.ts, then run
 * `python3 tests/twins/regen.py`. Run the tests with `node --test "tests/twins/*.test.ts"`.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { formatLine } from "../../src/sandbox/protocol.ts";
import { oracleProblem, oracleRelease, pythonVersion, recordedVersion, runOnVirtualClock, skipWithoutPython, splitLines, twinsDir } from "./python.ts";

const casesDir = path.join(twinsDir, "cases");
const expectedDir = path.join(twinsDir, "expected");

/** Every case named by a .py or a .ts in cases/; each must have both, and an oracle file. */
const caseNames = [
  ...new Set(
    readdirSync(casesDir)
      .filter((file) => /\.(py|ts)$/.test(file))
      .map((file) => file.replace(/\.(py|ts)$/, "")),
  ),
].sort();

const regenHint = "run `python3 tests/twins/regen.py` and review the change to expected/";

/** assert.deepEqual, with `context` put before the diff that node:assert writes. */
function assertSame<T>(actual: T, expected: T, context: string): void {
  try {
    assert.deepEqual(actual, expected);
  } catch (error) {
    if (!(error instanceof assert.AssertionError)) throw error;
    throw new assert.AssertionError({ message: `${context}\n${error.message}` });
  }
}

function expectedLines(name: string): string[] {
  const file = path.join(expectedDir, `${name}.out`);
  assert.ok(existsSync(file), `expected/${name}.out is missing: ${regenHint}`);
  return splitLines(readFileSync(file, "utf8"));
}

async function runTypeScript(name: string) {
  // Imported here rather than at the top so that the CPython half still runs when the
  // runtime cannot be loaded; every TypeScript twin then fails with the loading error.
  const { runProgram } = await import("../../src/sandbox/program.ts");
  const source = readFileSync(path.join(casesDir, `${name}.ts`), "utf8");
  return runProgram(source, { filename: `${name}.ts` });
}

test(`python3 is CPython ${oracleRelease}, the release expected/ was made with`, () => {
  assert.ok(recordedVersion.startsWith(`${oracleRelease}.`), `expected/PYTHON_VERSION says ${recordedVersion}, not ${oracleRelease}.x`);
  assert.equal(oracleProblem, null, oracleProblem ?? "");
});

test("finds the twin cases", () => {
  assert.ok(caseNames.length >= 20, `only ${caseNames.length} cases found in ${casesDir}`);
  console.log(`twin cases: ${caseNames.length} (oracle: CPython ${recordedVersion})`);
});

for (const name of caseNames) {
  describe(name, () => {
    test("has a Python twin, a TypeScript twin and CPython's output", () => {
      for (const file of [`cases/${name}.py`, `cases/${name}.ts`]) {
        assert.ok(existsSync(path.join(twinsDir, file)), `${file} is missing`);
      }
      expectedLines(name);
    });

    test("CPython still prints expected/NAME.out", { skip: skipWithoutPython }, () => {
      const run = runOnVirtualClock(`${name}.py`, casesDir);
      assert.equal(run.status, 0, `${name}.py exited with status ${run.status}:\n${run.stderr}`);
      assertSame(
        run.stdout,
        expectedLines(name),
        `${pythonVersion} prints something else than expected/${name}.out: ${regenHint}`,
      );
    });

    test("the TypeScript twin prints what CPython prints", async () => {
      const result = await runTypeScript(name);
      const stdout = result.lines.filter((line) => line.stream === "stdout").map(formatLine);
      const stderr = result.lines.filter((line) => line.stream === "stderr").map((line) => line.text);
      assertSame(
        { stdout, error: result.error },
        { stdout: expectedLines(name), error: null },
        `${name}.ts differs from CPython (- CPython, + ours)` +
          (stderr.length > 0 ? `; its stderr:\n${stderr.join("\n")}` : ""),
      );
    });
  });
}
