import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;
const work = `async function work<T>(d: number, v: T) { await asyncio.sleep(d); return v; }`;
const boom = `async function boom() { await asyncio.sleep(0.2); throw new asyncio.ValueError("boom"); }`;
/** Python's repr of a list of strings. */
const repr = `const repr = (xs: unknown[]) => "[" + xs.map((x) => \`'\${x}'\`).join(", ") + "]";`;

// Expected lines come from CPython 3.11 running the twin Python program (quoted
// above each test) under tests/twins/vclock.py.

describe("gather", () => {
  // t = asyncio.create_task(work(1, "x")); print(await asyncio.gather(t, t, work(0.5, "y")))
  test("returns results in argument order, once per argument even when one is passed twice", async () => {
    const r = await run(
      program(
        head,
        work,
        repr,
        `asyncio.run(async () => {`,
        `  const t = asyncio.createTask(() => work(1, "x"));`,
        `  console.log(repr(await asyncio.gather(t, t, work(0.5, "y"))));`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[1.000s] ['x', 'x', 'y']"]);
  });

  // slow = asyncio.create_task(work(1, "slow"))
  // try: await asyncio.gather(boom(), slow)
  // except ValueError as e: print("first error:", e, slow.done())
  // print(await slow)
  // r = await asyncio.gather(boom(), work(0.1, "ok"), return_exceptions=True); print(type(r[0]).__name__, r[1])
  test("fails with the first exception while the others run on, or returns exceptions as results", async () => {
    const r = await run(
      program(
        head,
        work,
        boom,
        `asyncio.run(async () => {`,
        `  const slow = asyncio.createTask(() => work(1, "slow"));`,
        `  try { await asyncio.gather(boom(), slow); } catch (e) { console.log("first error:", (e as Error).message, slow.done()); }`,
        `  console.log(await slow);`,
        `  const r = await asyncio.gather(boom(), work(0.1, "ok"), { returnExceptions: true });`,
        `  console.log((r[0] as Error).name, r[1]);`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.200s] first error: boom false", "[1.000s] slow", "[1.200s] ValueError ok"]);
  });

  // g = asyncio.gather(work(5, "a"), work(5, "b"), return_exceptions=True)
  // await asyncio.sleep(1); print(g.cancel())
  // try: await g
  // except asyncio.CancelledError: print("gather cancelled")
  test("raises CancelledError when cancelled, even with returnExceptions", async () => {
    const r = await run(
      program(
        head,
        work,
        `asyncio.run(async () => {`,
        `  const g = asyncio.gather(work(5, "a"), work(5, "b"), { returnExceptions: true });`,
        `  await asyncio.sleep(1);`,
        `  console.log(g.cancel());`,
        `  try { await g; console.log("resolved"); } catch (e) { if (e instanceof asyncio.CancelledError) console.log("gather cancelled"); }`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[1.000s] true", "[1.000s] gather cancelled"]);
    assert.equal(r.trace.filter((e) => e.kind === "task-cancelled").length, 2, "both children are cancelled");
  });
});

describe("shield", () => {
  // inner = asyncio.create_task(work(1, "inner"))
  // async def waiter(): return await asyncio.shield(inner)
  // w = asyncio.create_task(waiter()); await asyncio.sleep(0.5); w.cancel()
  // try: await w
  // except asyncio.CancelledError: print("waiter cancelled, inner cancelled:", inner.cancelled())
  // print(await inner)
  test("cancels the waiter but not the work it shields", async () => {
    const r = await run(
      program(
        head,
        work,
        `asyncio.run(async () => {`,
        `  const inner = asyncio.createTask(() => work(1, "inner"));`,
        `  const w = asyncio.createTask(async () => await asyncio.shield(inner));`,
        `  await asyncio.sleep(0.5);`,
        `  w.cancel();`,
        `  try { await w; } catch (e) { if (e instanceof asyncio.CancelledError) console.log("waiter cancelled, inner cancelled:", inner.cancelled()); }`,
        `  console.log(await inner);`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.500s] waiter cancelled, inner cancelled: false", "[1.000s] inner"]);
  });
});
