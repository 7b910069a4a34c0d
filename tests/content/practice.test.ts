/**
 * The exercises and quizzes of every lesson, found with the extraction the build uses: each
 * exercise's starter fails a check, its solution passes them all, each wrong answer fails the
 * check kinds it names, and a program that only replays the solution's output with prints and
 * sleeps in one task fails every exercise graded on the timeline. Every predict and time answer
 * is what the program really prints.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, test } from "node:test";
import type { Check } from "../../src/practice/checks.ts";
import { gradeRun, type Predicate } from "../../src/practice/grade.ts";
import { extractPractice } from "../../src/remark/extract-practice.ts";
import { runProgram } from "../../src/sandbox/program.ts";
import { formatLine, type RunResult } from "../../src/sandbox/protocol.ts";
import { loadLessons } from "../e2e/lessons.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const TIMELINE_KINDS = new Set<Check["kind"]>(["duration", "concurrency", "overlap", "after", "blocking"]);

async function loadPredicate(file: string): Promise<Predicate> {
  const module = (await import(pathToFileURL(path.join(ROOT, "content", "lessons", file)).href)) as { default: Predicate };
  return module.default;
}

async function grade(code: string, checks: Check[]) {
  const result = await runProgram(code, { filename: "exercise.ts" });
  return { result, outcomes: await gradeRun(code, checks, result, loadPredicate) };
}

/** A program that prints the same lines at the same virtual times from one task, and ends the same way. */
export function replayProgram(result: RunResult): string {
  const body: string[] = [];
  let now = 0;
  for (const line of result.lines.filter((l) => l.stream === "stdout")) {
    if (line.t > now) body.push(`  await asyncio.sleep(${+(line.t - now).toFixed(3)});`);
    now = line.t;
    body.push(`  console.log(${JSON.stringify(line.text)});`);
  }
  if (result.stats.virtualTime > now) body.push(`  await asyncio.sleep(${+(result.stats.virtualTime - now).toFixed(3)});`);
  if (result.error) body.push(`  const error = new Error(${JSON.stringify(result.error.message)});`, `  error.name = ${JSON.stringify(result.error.name)};`, "  throw error;");
  return `import * as asyncio from "asyncio";\n\nasync function main() {\n${body.join("\n")}\n}\n\nasyncio.run(main);\n`;
}

const lessons = loadLessons().map((lesson) => ({
  ...lesson,
  practice: extractPractice(readFileSync(path.join(ROOT, lesson.file), "utf8"), lesson.file),
}));

for (const lesson of lessons) {
  describe(lesson.file, { timeout: 60_000 }, () => {
    for (const exercise of lesson.practice.exercises) {
      const where = `${exercise.file}:${exercise.line} (${exercise.id})`;

      test(`${exercise.id}: the starter fails at least one check`, async () => {
        const { outcomes } = await grade(exercise.starter.code, exercise.checks);
        assert.ok(outcomes.some((o) => !o.pass), `${where}: the starter passes every check`);
      });

      test(`${exercise.id}: the solution passes every check`, async () => {
        const { outcomes } = await grade(exercise.solution.code, exercise.checks);
        const failed = outcomes.filter((o) => !o.pass).map((o) => `${o.text}: ${o.message}`);
        assert.deepEqual(failed, [], `${where}: the solution fails checks`);
      });

      for (const [n, wrong] of exercise.wrong.entries()) {
        test(`${exercise.id}: wrong answer ${n + 1} (${wrong.title ?? "untitled"}) fails ${wrong.fails.join(", ")}`, async () => {
          const { outcomes } = await grade(wrong.code, exercise.checks);
          for (const kind of wrong.fails) {
            assert.ok(
              outcomes.some((o) => o.kind === kind && !o.pass),
              `${exercise.file}:${wrong.line}: this wrong answer passes every \`${kind}\` check`,
            );
          }
        });
      }

      if (exercise.checks.some((check) => TIMELINE_KINDS.has(check.kind))) {
        test(`${exercise.id}: replaying the solution's output from one task fails`, async () => {
          const solution = await runProgram(exercise.solution.code);
          const replay = replayProgram(solution);
          const { result, outcomes } = await grade(replay, exercise.checks);
          const stdout = (r: RunResult) => r.lines.filter((l) => l.stream === "stdout").map(formatLine);
          assert.deepEqual(stdout(result), stdout(solution), "the replay does not reproduce the solution's output");
          assert.ok(outcomes.some((o) => !o.pass), `${where}: a program that only prints and sleeps passes:\n${replay}`);
        });
      }
    }

    for (const quiz of lesson.practice.quizzes) {
      for (const question of quiz.questions) {
        const where = `${quiz.file}:${question.line} (${quiz.id}/${question.id})`;
        if (question.kind === "single" || question.kind === "multiple") {
          test(`${quiz.id}/${question.id}: the answer key is consistent`, () => {
            const correct = question.options.filter((o) => o.correct).length;
            assert.ok(correct >= 1, `${where}: no correct option`);
            if (question.kind === "single") assert.equal(correct, 1, `${where}: a single-choice question needs one correct option`);
            for (const option of question.options) assert.ok(option.explain.trim().length > 0, `${where}: an option has no explanation`);
          });
        } else {
          test(`${quiz.id}/${question.id}: the answer is what the program prints`, async () => {
            const example = question.example!;
            const result = await runProgram(example.code);
            const stdout = result.lines.filter((l) => l.stream === "stdout");
            if (question.kind === "predict") {
              assert.deepEqual(stdout.map(formatLine), example.expected.lines, `${where}: the documented output is not the real output`);
            } else {
              const line = stdout.find((l) => l.text === question.timeLine);
              assert.ok(line, `${where}: the program never prints \`${question.timeLine}\``);
              assert.ok(Math.abs(line.t - question.answer!) < 0.001, `${where}: \`${question.timeLine}\` prints at ${line.t}, not ${question.answer}`);
            }
          });
        }
      }
    }
  });
}
