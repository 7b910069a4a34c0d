/**
 * Every check kind, passing and failing, on real runs of small programs.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseCheck } from "../../src/practice/checks.ts";
import { gradeRun, type PredicateLoader } from "../../src/practice/grade.ts";
import { runProgram } from "../../src/sandbox/program.ts";

const HEAD = 'import * as asyncio from "asyncio";\nimport * as time from "time";\n';

const SEQUENTIAL = `${HEAD}
async function download(name: string, seconds: number) {
  await asyncio.sleep(seconds);
  console.log(\`\${name}: 200\`);
}
async function main() {
  await download("a", 1);
  await download("b", 3);
  await download("c", 2);
}
asyncio.run(main);
`;

const CONCURRENT = `${HEAD}
async function download(name: string, seconds: number) {
  await asyncio.sleep(seconds);
  console.log(\`\${name}: 200\`);
}
async function worker() {
  await asyncio.sleep(0.5);
}
async function main() {
  await asyncio.gather(download("a", 1), download("b", 3), download("c", 2), worker());
}
asyncio.run(main);
`;

const BLOCKING = `${HEAD}
async function tick() {
  await asyncio.sleep(1);
  console.log("tick");
}
async function main() {
  const task = asyncio.createTask(() => tick());
  time.sleep(2);
  await task;
}
asyncio.run(main);
`;

const TIMEOUT = `${HEAD}
async function main() {
  await asyncio.waitFor(asyncio.sleep(5), 1);
}
asyncio.run(main);
`;

async function grade(source: string, line: string, loader?: PredicateLoader) {
  const result = await runProgram(source);
  const [outcome] = await gradeRun(source, [parseCheck(line)], result, loader);
  return outcome!;
}

async function expectPass(source: string, line: string, loader?: PredicateLoader) {
  const outcome = await grade(source, line, loader);
  assert.equal(outcome.pass, true, `${line}: ${outcome.message}`);
  return outcome;
}

async function expectFail(source: string, line: string, pattern: RegExp, loader?: PredicateLoader) {
  const outcome = await grade(source, line, loader);
  assert.equal(outcome.pass, false, `${line} passed: ${outcome.message}`);
  assert.match(outcome.message, pattern);
  return outcome;
}

describe("grading", { timeout: 30_000 }, () => {
  test("output exactly compares stdout lines without times", async () => {
    await expectPass(SEQUENTIAL, 'output exactly "a: 200", "b: 200", "c: 200"');
    await expectFail(CONCURRENT, 'output exactly "a: 200", "b: 200", "c: 200"', /Line 2 of your output is “c: 200”; the goal is “b: 200”/);
  });

  test("output exactly timed compares lines with their virtual times", async () => {
    await expectPass(SEQUENTIAL, 'output exactly timed "[1.000s] a: 200", "[4.000s] b: 200", "[6.000s] c: 200"');
    await expectFail(CONCURRENT, 'output exactly timed "[1.000s] a: 200", "[2.000s] c: 200", "[4.000s] b: 200"', /Line 3 of your output is “\[3\.000s\] b: 200”; the goal is “\[4\.000s\] b: 200”/);
  });

  test("output in order allows lines between, not a different order", async () => {
    await expectPass(SEQUENTIAL, 'output in order "a: 200", "c: 200"');
    await expectFail(CONCURRENT, 'output in order "b: 200", "c: 200"', /printed “c: 200” before “b: 200”; the goal is “b: 200”, “c: 200” in this order/);
    await expectFail(CONCURRENT, 'output in order "d: 200"', /never printed “d: 200”/);
  });

  test("output contains looks inside lines", async () => {
    await expectPass(SEQUENTIAL, 'output contains "b: 2"');
    await expectFail(SEQUENTIAL, 'output contains "404"', /No line .* contains “404”/);
  });

  test("duration says how long the run took and the goal", async () => {
    await expectPass(CONCURRENT, "duration at most 3");
    await expectPass(SEQUENTIAL, "duration exactly 6");
    await expectPass(SEQUENTIAL, "duration at least 6");
    const outcome = await expectFail(SEQUENTIAL, "duration at most 3 -- Start them as tasks.", /took 6\.000 s of virtual time; the goal is at most 3\.000 s\. Start them as tasks\.$/);
    assert.equal(outcome.kind, "duration");
    await expectFail(CONCURRENT, "duration at least 4", /took 3\.000 s/);
  });

  test("concurrency counts the learner's tasks, optionally by coroutine function", async () => {
    await expectPass(CONCURRENT, "concurrency at least 4");
    await expectPass(CONCURRENT, "concurrency of download exactly 3");
    await expectFail(CONCURRENT, "concurrency of download at least 4", /At most 3 tasks running `download` were alive at once; the goal is at least 4/);
    await expectFail(SEQUENTIAL, "concurrency at least 2", /No task besides main ever ran/);
    await expectPass(BLOCKING, "concurrency of tick exactly 1");
  });

  test("overlap needs a stretch of positive length", async () => {
    await expectPass(CONCURRENT, "overlap download worker");
    await expectFail(SEQUENTIAL, "overlap download download", /No task running `download` was alive while one running `download` was/);
  });

  test("after compares the virtual times of the first matching lines", async () => {
    await expectPass(SEQUENTIAL, '"c: 200" after "b: 200"');
    await expectFail(CONCURRENT, '"b: 200" after "b: 200"', /printed at 3\.000 s and .* at 3\.000 s/);
    await expectFail(CONCURRENT, '"z" after "a"', /never printed a line containing “z”/);
  });

  test("no blocking finds time.sleep while another task waited", async () => {
    await expectPass(SEQUENTIAL, "no blocking");
    await expectPass(`${HEAD}time.sleep(1);\nconsole.log("alone");\n`, "no blocking");
    await expectFail(BLOCKING, "no blocking", /`time\.sleep\(2\)` blocked the loop at 0\.000 s while 1 other task waited/);
  });

  test("ends checks how the run ended", async () => {
    await expectPass(SEQUENTIAL, "ends without error");
    await expectPass(TIMEOUT, "ends with TimeoutError");
    await expectFail(TIMEOUT, "ends without error", /ended with TimeoutError/);
    await expectFail(SEQUENTIAL, "ends with TimeoutError", /ended without an error; the goal is that it ends with TimeoutError/);
  });

  test("uses reads calls from the AST, not from comments or strings", async () => {
    await expectPass(CONCURRENT, "uses gather or createTask");
    await expectPass(BLOCKING, "uses createTask");
    await expectPass(BLOCKING, "uses time.sleep");
    await expectFail(SEQUENTIAL, "uses gather or createTask", /never calls `gather` or `createTask`/);
    const commented = `${SEQUENTIAL}// asyncio.gather(a, b)\nconsole.log("asyncio.gather()");\n`;
    await expectFail(commented, "uses gather", /never calls `gather`/);
    await expectPass(SEQUENTIAL, "not uses time.sleep");
    await expectFail(BLOCKING, "not uses time.sleep", /calls `time\.sleep` on line 10/);
    await expectFail("const x = ;", "uses gather", /does not compile/);
  });

  test("predicate returns its module's message", async () => {
    const loader: PredicateLoader = async () => (result) => (result.lines.length >= 3 ? null : "Print three lines.");
    await expectPass(SEQUENTIAL, "predicate checks/three.ts", loader);
    await expectFail(TIMEOUT, "predicate checks/three.ts -- Try again.", /^Print three lines\. Try again\.$/, loader);
    await expectFail(SEQUENTIAL, "predicate checks/missing.ts", /could not run/, async () => {
      throw new Error("no such module");
    });
  });
});
