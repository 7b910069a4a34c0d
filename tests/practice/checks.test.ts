import assert from "node:assert/strict";
import { test } from "node:test";
import { CheckSyntaxError, parseCheck, parseChecks } from "../../src/practice/checks.ts";

test("parses each check kind with its arguments and advice", { timeout: 5000 }, () => {
  assert.deepEqual(parseCheck('output exactly "a", "say \\"hi\\"" -- print both'), {
    text: 'output exactly "a", "say \\"hi\\""',
    advice: "print both",
    kind: "output",
    mode: "exactly",
    timed: false,
    lines: ["a", 'say "hi"'],
  });
  assert.equal((parseCheck('output exactly timed "[0.000s] a"') as { timed: boolean }).timed, true);
  assert.equal(parseCheck('output in order "a", "b"').kind, "output");
  assert.deepEqual(parseCheck("duration at most 2.5"), { text: "duration at most 2.5", advice: null, kind: "duration", op: "at most", seconds: 2.5 });
  assert.deepEqual(parseCheck("concurrency of download at least 3"), {
    text: "concurrency of download at least 3",
    advice: null,
    kind: "concurrency",
    fn: "download",
    op: "at least",
    count: 3,
  });
  assert.equal(parseCheck("overlap download worker").kind, "overlap");
  assert.deepEqual(parseCheck('"b -- x" after "a" -- advice'), { text: '"b -- x" after "a"', advice: "advice", kind: "after", later: "b -- x", earlier: "a" });
  assert.equal(parseCheck("no blocking").kind, "blocking");
  assert.deepEqual(parseCheck("ends with TimeoutError"), { text: "ends with TimeoutError", advice: null, kind: "ends", error: "TimeoutError" });
  assert.deepEqual(parseCheck("not uses time.sleep"), { text: "not uses time.sleep", advice: null, kind: "uses", names: ["time.sleep"], negated: true });
  assert.deepEqual((parseCheck("uses gather or createTask") as { names: string[] }).names, ["gather", "createTask"]);
  assert.equal(parseCheck("predicate checks/no-orphans.ts").kind, "predicate");
});

test("rejects malformed checks with a hint", { timeout: 5000 }, () => {
  const bad: [string, RegExp][] = [
    ["speed at most 3", /unknown check `speed`/],
    ["duration at most three", /cannot read `at most three` after `duration`/],
    ["duration below 3", /cannot read/],
    ['output exactly "a', /never closed/],
    ["output exactly a", /not a quoted string/],
    ['output exactly timed "a"', /not a `\[1\.000s\] text` line/],
    ["concurrency at least 2.5", /whole number/],
    ["overlap download", /two coroutine functions/],
    ["ends with", /cannot read/],
    ["uses gather and createTask", /cannot read/],
    ["predicate other/x.ts", /cannot read/],
    ['"a" before "b"', /cannot read/],
  ];
  for (const [line, message] of bad) {
    assert.throws(() => parseCheck(line), (error: unknown) => {
      assert.ok(error instanceof CheckSyntaxError, line);
      assert.match(error.message, message, line);
      assert.ok(error.hint.length > 0, line);
      return true;
    });
  }
});

test("parseChecks skips blank lines and reports the offending line", { timeout: 5000 }, () => {
  assert.equal(parseChecks("no blocking\n\nends without error\n").length, 2);
  assert.throws(() => parseChecks("no blocking\nbogus"), (error: unknown) => (error as { offset?: number }).offset === 1);
});
