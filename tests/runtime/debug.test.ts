/**
 * Debug mode's slow-callback report against CPython's: each case is one program written twice;
 * CPython 3.11 runs the Python half with debug on, on the virtual clock, and both must report
 * the same slow handles, in the same order, with the same durations. The subject is compared as
 * what both can name: a task's name, or a plain callback's kind and function name (CPython adds
 * source positions and the task's frame, which the runtime describes in its own words).
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { runProgram } from "../../src/sandbox/program.ts";
import { runOnVirtualClock, skipWithoutPython } from "../twins/python.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "awaitable-debug-"));

interface Case {
  name: string;
  python: string;
  ts: string;
  /** How many reports CPython is known to make, so a case that reports nothing cannot pass by accident. */
  reports: number;
}

const cases: Case[] = [
  {
    name: "a task that blocks the loop",
    reports: 1,
    python: `
import asyncio, time

def tick(n):
    print(f"tick {n}")
    if n < 4:
        asyncio.get_running_loop().call_later(0.5, tick, n + 1)

async def main():
    asyncio.get_running_loop().call_soon(tick, 1)
    await asyncio.sleep(0.6)
    time.sleep(1.2)
    await asyncio.sleep(1)

asyncio.run(main(), debug=True)
`,
    ts: `
import * as asyncio from "asyncio";
import * as time from "time";

function tick(n: number) {
  console.log(\`tick \${n}\`);
  if (n < 4) asyncio.getRunningLoop().callLater(0.5, tick, n + 1);
}

async function main() {
  asyncio.getRunningLoop().callSoon(tick, 1);
  await asyncio.sleep(0.6);
  time.sleep(1.2);
  await asyncio.sleep(1);
}

asyncio.run(main, { debug: true });
`,
  },
  {
    name: "plain callbacks, a named task, and a step of exactly 0.1 s",
    reports: 5,
    python: `
import asyncio, time

def edge():
    time.sleep(0.1)  # from 0.0 to 0.1: exactly the limit, reported

def slow(n):
    time.sleep(0.3)
    print("slow", n)

async def work():
    time.sleep(0.05)
    await asyncio.sleep(0)
    time.sleep(0.1)
    await asyncio.sleep(0)
    time.sleep(0.25)

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(edge)
    loop.call_soon(slow, 1)
    loop.call_later(1, slow, 2)
    await asyncio.create_task(work(), name="worker")
    await asyncio.sleep(2)

asyncio.run(main(), debug=True)
`,
    ts: `
import * as asyncio from "asyncio";
import * as time from "time";

function edge() {
  time.sleep(0.1);
}

function slow(n: number) {
  time.sleep(0.3);
  console.log("slow", n);
}

async function work() {
  time.sleep(0.05);
  await asyncio.sleep(0);
  time.sleep(0.1);
  await asyncio.sleep(0);
  time.sleep(0.25);
}

async function main() {
  const loop = asyncio.getRunningLoop();
  loop.callSoon(edge);
  loop.callSoon(slow, 1);
  loop.callLater(1, slow, 2);
  await asyncio.createTask(() => work(), { name: "worker" });
  await asyncio.sleep(2);
}

asyncio.run(main, { debug: true });
`,
  },
  {
    name: "a raised threshold, and a run without debug",
    reports: 1,
    python: `
import asyncio, time

async def main():
    loop = asyncio.get_running_loop()
    loop.slow_callback_duration = 0.5
    time.sleep(0.4)
    await asyncio.sleep(0)
    time.sleep(0.6)

async def quiet():
    time.sleep(2)

asyncio.run(main(), debug=True)
asyncio.run(quiet())
`,
    ts: `
import * as asyncio from "asyncio";
import * as time from "time";

async function main() {
  const loop = asyncio.getRunningLoop();
  loop.slowCallbackDuration = 0.5;
  time.sleep(0.4);
  await asyncio.sleep(0);
  time.sleep(0.6);
}

async function quiet() {
  time.sleep(2);
}

await asyncio.run(main, { debug: true });
await asyncio.run(quiet);
`,
  },
];

const REPORT = /^Executing (.*) took (\d+\.\d{3}) seconds$/;

/** `Task worker took 0.250` or `TimerHandle slow took 0.300`, from either runtime's report. */
function summarise(line: string): string | null {
  const match = REPORT.exec(line);
  if (!match) return null;
  const [, subject = "", seconds] = match;
  const task = /^<Task (?:pending |finished |cancelling )?name='([^']+)'/.exec(subject) ?? /^<Task (\S+) \[/.exec(subject);
  if (task) return `Task ${task[1]} took ${seconds}`;
  const handle = /^<(Handle|TimerHandle) (?:when=\S+ )?(\w+)\(/.exec(subject);
  if (handle) return `${handle[1]} ${handle[2]} took ${seconds}`;
  return `unrecognised ${subject} took ${seconds}`;
}

function reports(text: string[]): string[] {
  return text.map(summarise).filter((s): s is string => s !== null);
}

describe("debug mode reports slow callbacks as CPython does", () => {
  for (const c of cases) {
    test(c.name, { skip: skipWithoutPython, timeout: 60_000 }, async () => {
      const file = `${c.name.replace(/\W+/g, "-")}.py`;
      writeFileSync(path.join(scratch, file), c.python);
      const cpython = runOnVirtualClock(file, scratch);
      assert.equal(cpython.status, 0, `CPython failed:\n${cpython.stderr}`);
      const expected = reports(cpython.stderr.split("\n"));
      assert.equal(expected.length, c.reports, `CPython's reports changed:\n${cpython.stderr}`);

      const result = await runProgram(c.ts, { filename: "debug.ts" });
      assert.equal(result.error, null, `the program failed: ${result.error?.message}`);
      const actual = reports(result.lines.filter((l) => l.stream === "stderr").map((l) => l.text));
      assert.deepEqual(actual, expected, "- CPython, + ours");
      const stdout = result.lines.filter((l) => l.stream === "stdout").map((l) => l.text);
      assert.deepEqual(stdout, cpython.stdout.map((l) => l.replace(/^\[\d+\.\d{3}s\] /, "")));
    });
  }
});

test("a run without debug reports nothing", { timeout: 30_000 }, async () => {
  const result = await runProgram(
    'import * as asyncio from "asyncio";\nimport * as time from "time";\nasyncio.run(async () => { time.sleep(5); });\n',
    { filename: "quiet.ts" },
  );
  assert.deepEqual(result.lines.filter((l) => l.stream === "stderr"), []);
});
