import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;
// async def work(d, v, fail=False):
//     try: await asyncio.sleep(d)
//     except asyncio.CancelledError:
//         print(v, "cleaning up"); await asyncio.sleep(0.5); print(v, "cleaned"); raise
//     if fail: raise ValueError(v)
//     return v
const work = program(
  `async function work(d: number, v: string, fail = false) {`,
  `  try { await asyncio.sleep(d); }`,
  `  catch (e) { console.log(v, "cleaning up"); await asyncio.sleep(0.5); console.log(v, "cleaned"); throw e; }`,
  `  if (fail) throw new asyncio.ValueError(v);`,
  `  return v;`,
  `}`,
);

// Expected lines come from CPython 3.11 running the twin Python program (quoted
// above each test) under tests/twins/vclock.py.

describe("wait", () => {
  // a, b, c = (asyncio.create_task(work(1, "a")), asyncio.create_task(work(2, "b", True)),
  //            asyncio.create_task(work(3, "c")))
  // done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_EXCEPTION)
  // print("first exception:", len(done), len(pending))
  // done, pending = await asyncio.wait([c], timeout=0.5); print("timeout:", len(done), len(pending))
  // done, pending = await asyncio.wait([c]); print("all:", len(done), len(pending), c.result())
  test("returns at the first exception, at the timeout, or when all are done, and cancels nothing", async () => {
    const r = await run(
      program(
        head,
        work,
        `asyncio.run(async () => {`,
        `  const a = asyncio.createTask(() => work(1, "a"));`,
        `  const b = asyncio.createTask(() => work(2, "b", true));`,
        `  const c = asyncio.createTask(() => work(3, "c"));`,
        `  let [done, pending] = await asyncio.wait([a, b, c], { returnWhen: asyncio.FIRST_EXCEPTION });`,
        `  console.log("first exception:", done.size, pending.size);`,
        `  [done, pending] = await asyncio.wait([c], { timeout: 0.5 });`,
        `  console.log("timeout:", done.size, pending.size);`,
        `  [done, pending] = await asyncio.wait([c]);`,
        `  console.log("all:", done.size, pending.size, c.result());`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[2.000s] first exception: 2 1", "[2.500s] timeout: 0 1", "[3.000s] all: 1 0 c"]);
    assert.equal(r.trace.filter((e) => e.kind === "task-cancelled").length, 0);
  });
});

describe("waitFor", () => {
  // try: await asyncio.wait_for(work(10, "d"), 1)
  // except TimeoutError: print("TimeoutError")
  // print(await asyncio.wait_for(work(0.5, "e"), 1))
  test("on timeout, cancels the work, waits for its cleanup, then raises TimeoutError", async () => {
    const r = await run(
      program(
        head,
        work,
        `asyncio.run(async () => {`,
        `  try { await asyncio.waitFor(work(10, "d"), 1); }`,
        `  catch (e) { console.log(e instanceof asyncio.TimeoutError ? "TimeoutError" : String(e)); }`,
        `  console.log(await asyncio.waitFor(work(0.5, "e"), 1));`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[1.000s] d cleaning up", "[1.500s] d cleaned", "[1.500s] TimeoutError", "[2.000s] e"]);
  });
});
