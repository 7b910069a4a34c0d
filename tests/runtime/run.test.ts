import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;

// Expected lines come from CPython 3.11 running the twin Python program (quoted
// above each test) under tests/twins/vclock.py.

describe("run", () => {
  // async def leftover():
  //     try: await asyncio.sleep(10)
  //     except asyncio.CancelledError:
  //         print("leftover cancelled"); await asyncio.sleep(0); print("leftover cleaned up"); raise
  // async def main():
  //     loop = asyncio.get_running_loop(); asyncio.create_task(leftover())
  //     def chain(n):
  //         print("chain", n)
  //         if n < 12: loop.call_soon(chain, n + 1)
  //     await asyncio.sleep(1); loop.call_soon(chain, 1); print("main done"); return 42
  // print(asyncio.run(main()))
  test("cancels the tasks main left behind, lets them clean up, and gives ready callbacks their last turns", async () => {
    const r = await run(
      program(
        head,
        `async function leftover() {`,
        `  try { await asyncio.sleep(10); }`,
        `  catch (e) { console.log("leftover cancelled"); await asyncio.sleep(0); console.log("leftover cleaned up"); throw e; }`,
        `}`,
        `async function main() {`,
        `  const loop = asyncio.getRunningLoop();`,
        `  asyncio.createTask(leftover);`,
        `  function chain(n: number) { console.log("chain", n); if (n < 12) loop.callSoon(chain, n + 1); }`,
        `  await asyncio.sleep(1);`,
        `  loop.callSoon(chain, 1);`,
        `  console.log("main done");`,
        `  return 42;`,
        `}`,
        `console.log(await asyncio.run(main));`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[1.000s] main done",
      "[1.000s] chain 1",
      "[1.000s] chain 2",
      "[1.000s] leftover cancelled",
      "[1.000s] chain 3",
      "[1.000s] leftover cleaned up",
      "[1.000s] chain 4",
      "[1.000s] chain 5",
      "[1.000s] chain 6",
      "[1.000s] chain 7",
      "[1.000s] chain 8",
      "[1.000s] chain 9",
      "[1.000s] 42",
    ]);
    assert.deepEqual(r.err, []);
  });

  test("ends the program with main's error, after the leftovers are cancelled", async () => {
    const r = await run(
      program(
        head,
        `async function leftover() { try { await asyncio.sleep(10); } finally { console.log("leftover finally"); } }`,
        `asyncio.run(async () => {`,
        `  asyncio.createTask(leftover);`,
        `  await asyncio.sleep(1);`,
        `  throw new asyncio.ValueError("main failed");`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, ["[1.000s] leftover finally"]);
    assert.equal(r.error?.name, "ValueError");
    assert.equal(r.error?.message, "main failed");
    assert.equal(r.stats.virtualTime, 1);
  });
});
