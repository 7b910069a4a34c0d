import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;

// Expected lines come from CPython 3.11 running the twin Python program (quoted
// above each test) under tests/twins/vclock.py.

describe("Future", () => {
  // fut = loop.create_future()
  // a, b = cb("a"), cb("b")  # each prints "cb", its name and fut.result()
  // fut.add_done_callback(a); fut.add_done_callback(b); fut.add_done_callback(a)
  // print("removed", fut.remove_done_callback(a)); fut.add_done_callback(a)
  // loop.call_soon(print, "soon"); fut.set_result(1); print("set", fut.done())
  // fut.add_done_callback(cb("late")); print("added late"); await asyncio.sleep(0)
  test("schedules done callbacks on the loop in registration order, also those added once it is done", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const loop = asyncio.getRunningLoop();`,
        `  const fut = loop.createFuture<number>();`,
        `  const cb = (name: string) => (f: asyncio.Future<number>) => console.log("cb", name, f.result());`,
        `  const a = cb("a"), b = cb("b");`,
        `  fut.addDoneCallback(a); fut.addDoneCallback(b); fut.addDoneCallback(a);`,
        `  console.log("removed", fut.removeDoneCallback(a));`,
        `  fut.addDoneCallback(a);`,
        `  loop.callSoon(console.log, "soon");`,
        `  fut.setResult(1);`,
        `  console.log("set", fut.done());`,
        `  fut.addDoneCallback(cb("late"));`,
        `  console.log("added late");`,
        `  await asyncio.sleep(0);`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] removed 2",
      "[0.000s] set true",
      "[0.000s] added late",
      "[0.000s] soon",
      "[0.000s] cb b 1",
      "[0.000s] cb a 1",
      "[0.000s] cb late 1",
    ]);
  });

  // fut.set_result(1) ... print(fut.cancel(), fut.cancelled(), fut.result())
  // try: fut.set_result(2)
  // except asyncio.InvalidStateError: print("InvalidStateError")
  // f2 = loop.create_future()
  // try: f2.result()
  // except asyncio.InvalidStateError as e: print("pending:", e)
  // print(f2.cancel("why"), f2.cancel())
  // try: f2.result()
  // except asyncio.CancelledError as e: print("cancelled:", e)
  test("is done once: a finished future refuses cancel() and a second result", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const loop = asyncio.getRunningLoop();`,
        `  const fut = loop.createFuture<number>();`,
        `  fut.setResult(1);`,
        `  console.log(fut.cancel(), fut.cancelled(), fut.result());`,
        `  try { fut.setResult(2); } catch (e) { if (e instanceof asyncio.InvalidStateError) console.log("InvalidStateError"); }`,
        `  const f2 = loop.createFuture();`,
        `  try { f2.result(); } catch (e) { if (e instanceof asyncio.InvalidStateError) console.log("pending:", e.message); }`,
        `  console.log(f2.cancel("why"), f2.cancel());`,
        `  try { f2.result(); } catch (e) { if (e instanceof asyncio.CancelledError) console.log("cancelled:", e.message); }`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] false false 1",
      "[0.000s] InvalidStateError",
      "[0.000s] pending: Result is not set.",
      "[0.000s] true false",
      "[0.000s] cancelled: why",
    ]);
  });

  // f3 = loop.create_future(); loop.call_later(1, f3.set_exception, ValueError("bad"))
  // try: await f3
  // except ValueError as e: print("raised", e)
  // print(repr(f3.exception()))
  test("raises its exception in the awaiting task when it is set, at that virtual time", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const loop = asyncio.getRunningLoop();`,
        `  const f3 = loop.createFuture();`,
        `  loop.callLater(1, () => f3.setException(new asyncio.ValueError("bad")));`,
        `  try { await f3; } catch (e) { console.log("raised", (e as Error).message); }`,
        `  const exc = f3.exception() as Error;`,
        `  console.log(\`\${exc.name}('\${exc.message}')\`);`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[1.000s] raised bad", "[1.000s] ValueError('bad')"]);
    const suspended = r.trace.filter((e) => e.kind === "task-suspended").map((e) => `${e.t} ${e.task} ${e.detail}`);
    assert.deepEqual(suspended, ["0 Task-1 <Future [pending]>"]);
  });
});
