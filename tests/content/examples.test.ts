/**
 * The content check: every runnable example of every lesson runs through the
 * runtime in Node and must print its documented output; where a lesson gives
 * the Python original, CPython runs it on the virtual clock and must print the
 * original's documented output. The examples are found in the lessons with the
 * extraction the build uses; nothing here lists them by hand.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { runProgram } from "../../src/sandbox/program.ts";
import { formatLine } from "../../src/sandbox/protocol.ts";
import { loadLessons } from "../e2e/lessons.ts";
import { runOnVirtualClock, skipWithoutPython } from "../twins/python.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "awaitable-content-"));
const lessons = loadLessons();

test("finds lessons with runnable examples", () => {
  assert.ok(lessons.length > 0, "no lesson found under content/lessons");
  for (const lesson of lessons) assert.ok(lesson.examples.length > 0, `${lesson.file} has no runnable example`);
});

for (const lesson of lessons) {
  describe(lesson.file, () => {
    for (const example of lesson.examples) {
      const where = `${example.file}:${example.line} (${example.id})`;

      test(`${example.id}: prints its documented output`, async () => {
        const result = await runProgram(example.code, { filename: `${example.id}.ts` });
        const stdout = result.lines.filter((l) => l.stream === "stdout").map(formatLine);
        const error = result.error?.name ?? null;
        assert.deepEqual(
          { stdout, error },
          { stdout: example.expected.lines, error: example.expected.error },
          `${where} prints something else than its documented output (- documented, + actual)` +
            (result.error ? `\n${result.error.name}: ${result.error.message} at line ${result.error.line}` : ""),
        );
      });

      if (example.python !== null) {
        const python = example.python;
        test(`${example.id}: the Python original prints its documented output`, { skip: skipWithoutPython }, () => {
          const file = `${lesson.file.replace(/\W+/g, "-")}-${example.id}.py`;
          writeFileSync(path.join(scratch, file), python.code);
          const run = runOnVirtualClock(file, scratch);
          const documentedError = python.expected.error;
          if (documentedError === null) {
            assert.equal(run.status, 0, `${example.file}:${python.line}: the Python original failed:\n${run.stderr}`);
          } else {
            assert.match(run.stderr, new RegExp(`^${documentedError}\\b`, "m"), `${example.file}:${python.line}: expected ${documentedError}`);
          }
          assert.deepEqual(
            run.stdout,
            python.expected.lines,
            `${example.file}:${python.line}: CPython prints something else than the documented output (- documented, + CPython)`,
          );
        });
      }
    }
  });
}
