import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;

// Expected lines come from CPython 3.11 running the twin Python program (quoted
// above each test) under tests/twins/vclock.py.

describe("Task", () => {
  // async def body(): print("body ran"); await asyncio.sleep(1)
  // t = asyncio.create_task(body()); print(t.cancel(), t.cancelling())
  // try: await t
  // except asyncio.CancelledError: print("cancelled before it started:", t.cancelled())
  test("never starts the coroutine of a task cancelled before its first step", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  async function body() { console.log("body ran"); await asyncio.sleep(1); }`,
        `  const t = asyncio.createTask(body, { name: "early" });`,
        `  console.log(t.cancel(), t.cancelling());`,
        `  try { await t; } catch (e) { if (e instanceof asyncio.CancelledError) console.log("cancelled before it started:", t.cancelled()); }`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.000s] true 1", "[0.000s] cancelled before it started: true"]);
    const events = r.trace.filter((e) => e.task === "early" && e.kind !== "task-runs").map((e) => e.kind);
    assert.deepEqual(events, ["task-created", "task-started", "task-cancelled"]);
  });

  // s = asyncio.create_task(sleeper()); await asyncio.sleep(0)
  // print(s.cancelling(), s.cancel("stop"), s.cancelling(), s.uncancel(), s.uncancel(), s.cancelling())
  // try: await s
  // except asyncio.CancelledError as e: print("first:", e)
  // try: s.result()
  // except asyncio.CancelledError as e: print("second:", repr(e))
  test("counts cancel requests, never below zero, and hands out the CancelledError that ended it once", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const s = asyncio.createTask(() => asyncio.sleep(10));`,
        `  await asyncio.sleep(0);`,
        `  console.log(s.cancelling(), s.cancel("stop"), s.cancelling(), s.uncancel(), s.uncancel(), s.cancelling());`,
        `  try { await s; } catch (e) { console.log("first:", (e as Error).message); }`,
        `  try { s.result(); } catch (e) { console.log("second:", \`\${(e as Error).name}(\${(e as Error).message})\`); }`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.000s] 0 true 1 0 0 0", "[0.000s] first: stop", "[0.000s] second: CancelledError()"]);
  });

  // async def fails(): await asyncio.sleep(0.5); raise ValueError("nope")
  // f = asyncio.create_task(fails())
  // try: f.result()
  // except asyncio.InvalidStateError as e: print("pending:", e)
  // await asyncio.sleep(1); print(f.done(), repr(f.exception()))
  // async def value(): return 7
  // print(await asyncio.create_task(value()))
  test("finishes with its coroutine's exception or value", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  async function fails() { await asyncio.sleep(0.5); throw new asyncio.ValueError("nope"); }`,
        `  const f = asyncio.createTask(fails, { name: "fails" });`,
        `  try { f.result(); } catch (e) { if (e instanceof asyncio.InvalidStateError) console.log("pending:", e.message); }`,
        `  await asyncio.sleep(1);`,
        `  const exc = f.exception() as Error;`,
        `  console.log(f.done(), \`\${exc.name}('\${exc.message}')\`);`,
        `  console.log(await asyncio.createTask(async () => 7));`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.000s] pending: Result is not set.", "[1.000s] true ValueError('nope')", "[1.000s] 7"]);
    const failed = r.trace.find((e) => e.kind === "task-failed" && e.task === "fails");
    assert.equal(failed?.t, 0.5);
  });
});
