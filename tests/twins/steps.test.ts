/**
 * The stepper's story against CPython's: for each twin program, the sequence of
 * (clock, running handle, ready queue) snapshots our loop records must equal what
 * CPython's `BaseEventLoop._run_once` sees, as vclock.py writes it down with
 * VCLOCK_STEPS set (each handle as it is popped off the ready deque).
 *
 * Handles are compared by kind and name: a task's step by the task's name,
 * asyncio's plumbing in the stepper's words, a callback by its function's name.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { MAX_LISTED as LISTED, type LoopStep, type StepHandle } from "../../src/runtime/loop-steps.ts";
import { skipWithoutPython, twinsDir } from "./python.ts";

const casesDir = path.join(twinsDir, "cases");
const scratch = mkdtempSync(path.join(tmpdir(), "vclock-steps-"));
after(() => rmSync(scratch, { recursive: true, force: true }));


/**
 * Twins whose step stories differ, and why. Their printed lines still agree
 * (twins.test.ts); what differs is which handle did the work, or its name.
 */
const DIFFERENT: Record<string, string> = {
  "as-completed-order": "CPython's as_completed makes its tasks in the order of a set of coroutines (by hash); the runtime in argument order, so two of them swap Task-N names",
  "as-completed-timeout": "the runtime queues a second wake-up of main at t=1.000",
  "blocking-sleep": "JavaScript starts gather's coroutines at the call, inside main's step",
  "future-from-callback": "the twins schedule different callbacks (fut.set_result, an arrow function)",
  "task-await-itself": "the runtime raises the error through a promise, not in the task's step",
  "task-group-cancel": "two wake-ups due at t=1.000 run in the other order",
  "wait-for-swallowed-cancel": "the loop ends at a different time after the swallowed cancellation",
};

const caseNames = readdirSync(casesDir)
  .filter((file) => file.endsWith(".py"))
  .map((file) => file.slice(0, -3))
  .sort();
const compared = caseNames.filter((name) => !(name in DIFFERENT));

/** One step as both sides are compared: the clock to the millisecond, then handles by kind and name. */
function snapshot(t: number, run: StepHandle, ready: StepHandle[], moreReady: number): string {
  const key = (h: StepHandle): string => `${h.kind}:${h.name}`;
  return `${t.toFixed(3)} ${key(run)} | ${ready.map(key).join(", ")}${moreReady > 0 ? ` +${moreReady}` : ""}`;
}

/** Python builtins a twin hands to the loop, as the TypeScript twin writes them. */
const SAME_CALLBACK: Record<string, string> = { print: "console.log" };

function cpythonSteps(name: string): string[] {
  const file = path.join(scratch, `${name}.jsonl`);
  const run = spawnSync("python3", [path.join(twinsDir, "vclock.py"), `${name}.py`], {
    cwd: casesDir,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, VCLOCK_STEPS: file },
  });
  if (run.error) throw run.error;
  assert.equal(run.status, 0, `${name}.py exited with status ${run.status}:\n${run.stderr}`);
  const translate = (h: StepHandle): StepHandle =>
    h.kind === "callback" && h.name in SAME_CALLBACK ? { kind: h.kind, name: SAME_CALLBACK[h.name]! } : h;
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const step = JSON.parse(line) as { t: number; run: StepHandle; ready: StepHandle[] };
      const ready = step.ready.map(translate);
      return snapshot(step.t, translate(step.run), ready.slice(0, LISTED), Math.max(0, ready.length - LISTED));
    });
}

async function runtimeSteps(name: string): Promise<string[]> {
  const { runProgram } = await import("../../src/sandbox/program.ts");
  const source = readFileSync(path.join(casesDir, `${name}.ts`), "utf8");
  const result = await runProgram(source, { filename: `${name}.ts` });
  assert.equal(result.error, null, `${name}.ts failed: ${result.error?.message}`);
  const steps: LoopStep[] = result.steps ?? [];
  // The top-level code runs outside any loop, as in CPython: the first step is the first handle.
  return steps.map((s) => snapshot(s.t, s.run, s.ready, s.moreReady));
}

test("compares the step stories of at least 10 twins", () => {
  assert.ok(compared.length >= 10, `only ${compared.length} twins compared`);
  for (const name of Object.keys(DIFFERENT)) assert.ok(caseNames.includes(name), `${name} is not a twin case`);
});

describe("the stepper's snapshots equal CPython's _run_once", { skip: skipWithoutPython }, () => {
  for (const name of compared) {
    test(name, { timeout: 60_000 }, async () => {
      const [ours, cpython] = [await runtimeSteps(name), cpythonSteps(name)];
      assert.ok(cpython.length > 0, "CPython recorded no step");
      assert.deepEqual(ours, cpython);
    });
  }
});
