/**
 * The extraction of exercises and quizzes, and the `file:line` error it gives for each malformed
 * case authors can write.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ExampleError } from "../../src/remark/extract-examples.ts";
import { extractPractice } from "../../src/remark/extract-practice.ts";

const FILE = "content/lessons/09-sample.mdx";
const F = "```";
const PROGRAM = 'import * as asyncio from "asyncio";\nawait asyncio.sleep(1);\nconsole.log("hi");';

function exercise(parts: { starter?: string | null; checks?: string | null; solution?: string | null; extra?: string; attrs?: string } = {}): string {
  const starter = parts.starter === undefined ? PROGRAM : parts.starter;
  const checks = parts.checks === undefined ? "duration at most 0.5\noutput exactly \"hi\"" : parts.checks;
  const solution = parts.solution === undefined ? PROGRAM : parts.solution;
  const fences = [
    starter !== null ? `${F}ts starter\n${starter}\n${F}` : null,
    checks !== null ? `${F}checks\n${checks}\n${F}` : null,
    `${F}hint\nA \`hint\`.\n${F}`,
    solution !== null ? `${F}ts solution\n${solution}\n${F}` : null,
    parts.extra ?? null,
  ].filter((part) => part !== null);
  return `---\ntitle: Sample\n---\n\n<Exercise ${parts.attrs ?? 'id="sample" title="A sample"'}>\n\nDo the thing.\n\n${fences.join("\n")}\n\n</Exercise>\n`;
}

function quiz(body: string): string {
  return `---\ntitle: Sample\n---\n\n<Quiz id="q" title="Quiz">\n\n${body}\n\n</Quiz>\n`;
}

function rejects(source: string, line: number, message: RegExp): void {
  assert.throws(
    () => extractPractice(source, FILE),
    (error: unknown) => {
      assert.ok(error instanceof ExampleError, String(error));
      assert.equal(error.line, line, error.message);
      assert.match(error.message, new RegExp(`^${FILE}:${line}: `));
      assert.match(error.message, message);
      assert.match(error.message, /\nHint: ./);
      return true;
    },
  );
}

test("extracts an exercise with its parts, key and lines", { timeout: 10_000 }, () => {
  const { exercises } = extractPractice(exercise({ extra: `${F}ts wrong fails=duration title="too slow"\n${PROGRAM}\n${F}` }), FILE);
  const [ex] = exercises;
  assert.equal(ex?.key, "09-sample/sample");
  assert.equal(ex?.title, "A sample");
  assert.equal(ex?.line, 5);
  assert.equal(ex?.starter.line, 9);
  assert.deepEqual(ex?.checks.map((c) => c.kind), ["duration", "output"]);
  assert.deepEqual(ex?.hints.map((h) => h.text), ["A `hint`."]);
  assert.deepEqual(ex?.wrong.map((w) => [w.fails, w.title]), [[["duration"], "too slow"]]);
});

test("rejects malformed exercises with file:line and a hint", { timeout: 10_000 }, () => {
  rejects(exercise({ solution: null }), 5, /has no `ts solution` fence/);
  rejects(exercise({ starter: null }), 5, /has no `ts starter` fence/);
  rejects(exercise({ checks: null }), 5, /has no `checks` fence/);
  rejects(exercise({ checks: "duration at most 3\nspeed fast" }), 16, /unknown check `speed`/);
  rejects(exercise({ checks: "duration below 3" }), 15, /cannot read `below 3`/);
  rejects(exercise({ starter: "const x = ;" }), 10, /the starter does not compile/);
  rejects(exercise({ extra: `${F}ts wrong fails=blocking\n${PROGRAM}\n${F}` }), 26, /names check kind `blocking`, which the exercise does not have/);
  rejects(exercise({ extra: `${F}ts wrong\n${PROGRAM}\n${F}` }), 26, /does not say which checks it fails/);
  rejects(exercise({ extra: `${F}ts starter\n${PROGRAM}\n${F}` }), 26, /`starter` fence out of order or repeated/);
  rejects(exercise({ extra: `${F}python\nprint(1)\n${F}` }), 26, /unexpected `python` fence/);
  rejects(exercise({ attrs: 'title="no id"' }), 5, /has no id/);
  rejects(exercise({ attrs: 'id="x" level="3"' }), 5, /unknown attribute `level`/);
  rejects(exercise({ attrs: "id={name}" }), 5, /`\{\.\.\.\}` expression/);
  rejects(exercise().replace("</Exercise>", ""), 5, /never closed/);
  rejects(exercise() + exercise().replace(/^---[\s\S]*?---\n/, ""), 29, /duplicate exercise or quiz id `sample`/);
});

const SINGLE = `<Question id="one" kind="single">
Pick one.

<Option correct explain="Yes.">A</Option>
<Option explain="No.">B</Option>
</Question>`;

const PREDICT = `<Question id="order" kind="predict">
What does it print?

${F}ts runnable id=order predict
${PROGRAM}
${F}
${F}output
[1.000s] hi
${F}
</Question>`;

test("extracts quiz questions of every kind", { timeout: 10_000 }, () => {
  const time = PREDICT.replace('id="order" kind="predict"', 'id="when" kind="time" line="hi" answer="1"').replace("id=order", "id=when");
  const { quizzes } = extractPractice(quiz(`${SINGLE}\n\n${SINGLE.replace('"one" kind="single"', '"two" kind="multiple"').replace('explain="No."', 'correct explain="Also."')}\n\n${PREDICT}\n\n${time}`), FILE);
  const questions = quizzes[0]!.questions;
  assert.deepEqual(questions.map((q) => [q.id, q.kind]), [["one", "single"], ["two", "multiple"], ["order", "predict"], ["when", "time"]]);
  assert.deepEqual(questions[0]!.options.map((o) => [o.text, o.correct, o.explain]), [["A", true, "Yes."], ["B", false, "No."]]);
  assert.equal(questions[2]!.example?.predict, true);
  assert.deepEqual([questions[3]!.timeLine, questions[3]!.answer], ["hi", 1]);
});

test("rejects malformed quizzes with file:line and a hint", { timeout: 10_000 }, () => {
  rejects(quiz(SINGLE.replace('explain="No."', 'correct explain="No."')), 7, /single-choice question `one` has 2 correct options/);
  rejects(quiz(SINGLE.replace("<Option correct", "<Option")), 7, /has no correct option/);
  rejects(quiz(SINGLE.replace(' explain="No."', "")), 11, /an option has no explain/);
  rejects(quiz(SINGLE.replace('kind="single"', 'kind="essay"')), 7, /has kind `essay`/);
  rejects(quiz('<Question id="p" kind="predict">\nGuess.\n</Question>'), 7, /predict question `p` has no runnable example/);
  rejects(quiz(PREDICT.replace('kind="predict"', 'kind="time" line="bye" answer="1"')), 7, /never prints the line `bye`/);
  rejects(quiz(PREDICT.replace('kind="predict"', 'kind="time" line="hi" answer="2"')), 7, /answer 2 disagrees with the documented output/);
  rejects(quiz(PREDICT.replace('kind="predict"', 'kind="time" line="hi"')), 7, /has no numeric answer/);
  rejects(quiz(`${SINGLE}\n${SINGLE}`), 13, /duplicate question id `one`/);
  rejects(`---\ntitle: x\n---\n\n${SINGLE}\n`, 5, /<Question> outside a <Quiz>/);
});
