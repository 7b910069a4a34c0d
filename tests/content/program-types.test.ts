/**
 * Programs type-check against the `asyncio` and `time` modules' declarations:
 * every twin program (tests/twins/cases/*.ts) and every runnable example of
 * every lesson, the code a learner reads and edits. tsc runs once over all of
 * them, with the project's compiler options (tsconfig.json maps `asyncio` and
 * `time` to the runtime) except `noUncheckedIndexedAccess`, which learner-style
 * code such as `tasks[0].cancel()` does not use. Errors in a lesson are
 * reported at the lesson's own line and column. An example whose type error is
 * the point opts out with `typecheck=off` in its fence; the check then makes
 * sure that it still has one.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { RunnableExample } from "../../src/remark/extract-examples.ts";
import { loadLessons } from "../e2e/lessons.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const casesDir = path.join(root, "tests", "twins", "cases");
const scratch = mkdtempSync(path.join(tmpdir(), "awaitable-types-"));

interface Checked {
  /** Where tsc reads the program. */
  tsFile: string;
  /** How an error at `line` (1-based, in the program) is named: `file:line:col`. */
  where: (line: number, column: number) => string;
}

const twins: Checked[] = readdirSync(casesDir)
  .filter((name) => name.endsWith(".ts"))
  .sort()
  .map((name) => {
    const tsFile = path.join(casesDir, name);
    return { tsFile, where: (line, column) => `tests/twins/cases/${name}:${line}:${column}` };
  });

const lessons = loadLessons();
const exampleFiles = new Map<RunnableExample, Checked>();
for (const lesson of lessons) {
  for (const example of lesson.examples) {
    const tsFile = path.join(scratch, `${example.key.replace(/\//g, "--")}.mts`);
    // `export {}` makes each example a module of its own without moving its lines.
    writeFileSync(tsFile, `${example.code}\nexport {};\n`);
    // The code starts on the line after the opening fence.
    exampleFiles.set(example, { tsFile, where: (line, column) => `${example.file}:${example.line + line}:${column}` });
  }
}

/** tsc's errors, grouped by the file they are in; each is `where: TSnnnn: message`. */
function typeCheck(programs: Checked[]): Map<string, string[]> {
  const config = path.join(scratch, "tsconfig.json");
  writeFileSync(
    config,
    JSON.stringify({
      extends: path.join(root, "tsconfig.json"),
      compilerOptions: { noUncheckedIndexedAccess: false, typeRoots: [path.join(root, "node_modules", "@types")] },
      files: programs.map((p) => p.tsFile),
      include: [],
    }),
  );
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", config, "--pretty", "false"], { encoding: "utf8", timeout: 120_000 });
  if (run.error) throw run.error;
  const byFile = new Map(programs.map((p) => [path.resolve(p.tsFile), p]));
  const errors = new Map<string, string[]>();
  let last: string[] | null = null;
  for (const line of run.stdout.split("\n")) {
    const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (m) {
      const program = byFile.get(path.resolve(root, m[1]!)) ?? byFile.get(path.resolve(scratch, m[1]!));
      const where = program ? program.where(Number(m[2]), Number(m[3])) : `${m[1]}:${m[2]}:${m[3]}`;
      const key = program?.tsFile ?? "";
      last = errors.get(key) ?? [];
      errors.set(key, last);
      last.push(`${where}: ${m[4]}: ${m[5]}`);
    } else if (line.startsWith(" ") && last !== null && last.length > 0) {
      last[last.length - 1] += `\n  ${line.trim()}`;
    }
  }
  if (run.status !== 0 && errors.size === 0) throw new Error(`tsc failed without an error we could read:\n${run.stdout}${run.stderr}`);
  return errors;
}

const errors = typeCheck([...twins, ...exampleFiles.values()]);

test("type-checks nothing but the programs it was given", () => {
  const found = errors.get("") ?? [];
  if (found.length > 0) assert.fail(`tsc reported errors outside the programs:\n${found.join("\n")}`);
});

test("every twin program type-checks against the asyncio declarations", () => {
  assert.ok(twins.length > 0, `no twin program found in ${casesDir}`);
  const found = twins.flatMap((p) => errors.get(p.tsFile) ?? []);
  if (found.length > 0) assert.fail(`type errors in twin programs:\n${found.join("\n")}`);
});

for (const lesson of lessons) {
  describe(lesson.file, () => {
    test("its runnable examples type-check against the asyncio declarations", () => {
      const found = lesson.examples.filter((e) => e.typecheck).flatMap((e) => errors.get(exampleFiles.get(e)!.tsFile) ?? []);
      if (found.length > 0) assert.fail(`type errors in ${lesson.file}:\n${found.join("\n")}`);
    });

    for (const example of lesson.examples.filter((e) => !e.typecheck)) {
      test(`${example.id}: has the type error its typecheck=off promises`, () => {
        const found = errors.get(exampleFiles.get(example)!.tsFile) ?? [];
        assert.ok(found.length > 0, `${example.file}:${example.line}: ${example.id} type-checks; remove typecheck=off from its fence`);
      });
    }
  });
}
