import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

describe("sandbox globals", () => {
  test("runs setTimeout and setInterval on the virtual clock, and clears them", async () => {
    const r = await run(
      program(
        `setTimeout(() => console.log("timeout", Date.now() - start), 1500);`,
        `const start = Date.now();`,
        `let n = 0;`,
        `const id = setInterval(() => { n++; console.log("interval", n); if (n === 3) clearInterval(id); }, 400);`,
        `const never = setTimeout(() => console.log("never"), 100);`,
        `clearTimeout(never);`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.400s] interval 1", "[0.800s] interval 2", "[1.200s] interval 3", "[1.500s] timeout 1500"]);
  });

  test("gives Date and performance.now the virtual time", async () => {
    const r = await run(
      program(
        `import * as asyncio from "asyncio";`,
        `import * as time from "time";`,
        `const t0 = performance.now();`,
        `await asyncio.run(async () => { await asyncio.sleep(2.25); });`,
        `console.log(performance.now() - t0, new Date().toISOString(), time.strftime("%H:%M:%S"), time.time() - 1735722000);`,
      ),
    );
    assert.deepEqual(r.out, ["[2.250s] 2250 2025-01-01T09:00:02.250Z 09:00:02 2.25"]);
  });

  test("formats values as console.log does", async () => {
    const r = await run(
      program(
        `console.log("text", 1, -0, 2n, true, null, undefined, [1, "a", [2]], { a: 1, "b c": [] }, new Map([["k", 1]]), new Set([1]));`,
        `console.log("%s has %d items costing %i", "cart", 3, 4.7, "extra");`,
        `console.log(new Error("boom"), new TypeError(""), new Uint8Array([104, 105, 10, 0]));`,
        `class Point { constructor(public_x = 1) {} }`,
        `console.log(new Point(), () => 1, function named() {});`,
      ),
    );
    assert.deepEqual(r.out, [
      `[0.000s] text 1 -0 2n true null undefined [ 1, 'a', [ 2 ] ] { a: 1, 'b c': [] } Map(1) { 'k' => 1 } Set(1) { 1 }`,
      "[0.000s] cart has 3 items costing 4 extra",
      "[0.000s] Error: boom TypeError b'hi\\n\\x00'",
      "[0.000s] Point {} [Function (anonymous)] [Function: named]",
    ]);
  });

  test("sends console.error and console.warn to stderr", async () => {
    const r = await run(program(`console.warn("careful");`, `console.error("broken", 42);`, `console.info("fine");`));
    assert.deepEqual(r.err, ["careful", "broken 42"]);
    assert.deepEqual(r.out, ["[0.000s] fine"]);
  });
});

describe("trace", () => {
  test("records what each task did, and when", async () => {
    const r = await run(
      program(
        `import * as asyncio from "asyncio";`,
        `async function child() { await asyncio.sleep(1); return 7; }`,
        `asyncio.run(async () => {`,
        `  const fut = asyncio.getRunningLoop().createFuture();`,
        `  asyncio.getRunningLoop().callLater(0.5, () => fut.setResult("ok"));`,
        `  await fut;`,
        `  const t = asyncio.createTask(child, { name: "kid" });`,
        `  console.log(await t);`,
        `});`,
      ),
    );
    const kid = r.trace.filter((e) => e.task === "kid").map((e) => `${e.t.toFixed(3)} ${e.kind}${e.detail ? ` ${e.detail}` : ""}`);
    assert.deepEqual(kid, [
      "0.500 task-runs child()",
      "0.500 task-created deferred",
      "0.500 task-started",
      "0.500 timer-scheduled sleep(1) due at 1.500s",
      "0.500 task-suspended sleep(1)",
      "1.500 task-resumed",
      "1.500 task-finished 7",
    ]);
    const kinds = r.trace.map((e) => e.kind);
    assert.ok(kinds.includes("future-resolved"), "the program's own future is traced");
    assert.ok(kinds.includes("callback"), "the callLater callback is traced");
    assert.deepEqual(r.trace.filter((e) => e.kind === "print").map((e) => [e.t, e.task, e.detail]), [[1.5, "Task-1", "7"]]);
  });
});

describe("futures", () => {
  test("refuses to await a future whose result is itself awaitable, saying why", async () => {
    const r = await run(
      program(
        `import * as asyncio from "asyncio";`,
        `asyncio.run(async () => {`,
        `  const fut = asyncio.getRunningLoop().createFuture();`,
        `  fut.setResult(fut);`,
        `  try { await fut; } catch (e) { console.log(String(e).slice(0, 60)); }`,
        `  console.log(fut.result() === fut);`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.000s] TypeError: cannot await <Future [finished, result=<…>]>: its", "[0.000s] true"]);
  });
});
