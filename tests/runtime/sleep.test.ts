import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;

// Expected lines come from CPython 3.11 running the twin Python program (quoted
// above each test) under tests/twins/vclock.py.

describe("sleep", () => {
  // def a(): print("a"); loop.call_soon(print, "b")
  // loop.call_soon(a); await asyncio.sleep(0); print("main after sleep(0)")
  // await asyncio.sleep(0); print(await asyncio.sleep(0.5, "result"), loop.time())
  test("sleep(0) yields for one turn of the ready queue; sleep(d, result) resumes at now + d with the result", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const loop = asyncio.getRunningLoop();`,
        `  loop.callSoon(function a() { console.log("a"); loop.callSoon(console.log, "b"); });`,
        `  await asyncio.sleep(0);`,
        `  console.log("main after sleep(0)");`,
        `  await asyncio.sleep(0);`,
        `  console.log(await asyncio.sleep(0.5, "result"), loop.time());`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.000s] a", "[0.000s] main after sleep(0)", "[0.000s] b", "[0.500s] result 0.5"]);
    // sleep(0) sets no timer; sleep(0.5) sets one.
    const timers = r.trace.filter((e) => e.kind === "timer-scheduled").map((e) => e.detail);
    assert.deepEqual(timers, ["sleep(0.5) due at 0.500s"]);
  });

  // t = asyncio.create_task(asyncio.sleep(10)); await asyncio.sleep(1); t.cancel(); await asyncio.sleep(0)
  // print(t.cancelled(), sum(not h.cancelled() for h in loop._scheduled))
  // await asyncio.sleep(20); print("end")
  test("cancelling a sleep cancels its timer", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const loop = asyncio.getRunningLoop();`,
        `  const t = asyncio.createTask(() => asyncio.sleep(10));`,
        `  await asyncio.sleep(1);`,
        `  t.cancel();`,
        `  await asyncio.sleep(0);`,
        `  console.log(t.cancelled(), /timers:(\\d+)/.exec(String(loop))![1]);`,
        `  await asyncio.sleep(20);`,
        `  console.log("end");`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[1.000s] true 0", "[21.000s] end"]);
    assert.deepEqual(
      r.trace.filter((e) => e.kind === "timer-fired").map((e) => `${e.t} ${e.detail}`),
      ["1 sleep(1)", "21 sleep(20)"],
    );
  });

  // This runtime only: CPython 3.11 accepts NaN and never wakes (wait_for(sleep(nan), 1) times out).
  test("refuses NaN as a delay instead of sleeping forever", async () => {
    const r = await run(program(head, `asyncio.run(async () => { await asyncio.sleep(NaN); });`));
    assert.equal(r.error?.name, "ValueError");
    assert.equal(r.error?.message, "sleep() got NaN as its delay");
  });
});
