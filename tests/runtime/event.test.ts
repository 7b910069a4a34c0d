import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;

// Expected lines come from CPython 3.11 running the twin Python program under
// tests/twins/vclock.py; the Python is quoted above each test.

describe("Event", () => {
  // async def waiter(name, event):
  //     print(f"{name}: waiting")
  //     try: await event.wait()
  //     except asyncio.CancelledError: print(f"{name}: cancelled"); raise
  //     print(f"{name}: go, is_set={event.is_set()}")
  // tasks = [asyncio.create_task(waiter(n, event)) for n in ("w1", "w2", "w3")]
  // await asyncio.sleep(1); tasks[1].cancel(); await asyncio.sleep(0); print(len(event._waiters))
  // event.set(); event.clear()
  // await asyncio.gather(*tasks, return_exceptions=True); print(event.is_set())
  // late = asyncio.create_task(waiter("late", event)); await asyncio.sleep(1); event.set(); await late
  // await event.wait(); print("main: wait() on a set event returns at once")
  test("wakes every waiter in order on set, even if cleared before they run", async () => {
    const r = await run(
      program(
        head,
        `async function waiter(name: string, event: asyncio.Event) {`,
        `  console.log(name + ": waiting");`,
        `  try {`,
        `    await event.wait();`,
        `  } catch (err) {`,
        `    if (err instanceof asyncio.CancelledError) console.log(name + ": cancelled");`,
        `    throw err;`,
        `  }`,
        `  console.log(name + ": go, isSet=" + event.isSet());`,
        `}`,
        `asyncio.run(async () => {`,
        `  const event = new asyncio.Event();`,
        `  const tasks = ["w1", "w2", "w3"].map((n) => asyncio.createTask(() => waiter(n, event)));`,
        `  await asyncio.sleep(1);`,
        `  tasks[1].cancel();`,
        `  await asyncio.sleep(0);`,
        `  console.log(String(event));`,
        `  event.set();`,
        `  event.clear();`,
        `  await asyncio.gather(...tasks, { returnExceptions: true });`,
        `  console.log(event.isSet());`,
        `  const late = asyncio.createTask(() => waiter("late", event));`,
        `  await asyncio.sleep(1);`,
        `  event.set();`,
        `  await late;`,
        `  await event.wait();`,
        `  console.log("main: wait() on a set event returns at once", String(event));`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] w1: waiting",
      "[0.000s] w2: waiting",
      "[0.000s] w3: waiting",
      "[1.000s] w2: cancelled",
      "[1.000s] <Event [unset, waiters:2]>",
      "[1.000s] w1: go, isSet=false",
      "[1.000s] w3: go, isSet=false",
      "[1.000s] false",
      "[1.000s] late: waiting",
      "[2.000s] late: go, isSet=true",
      "[2.000s] main: wait() on a set event returns at once <Event [set]>",
    ]);
  });

  test("names what a waiting task waits on", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const event = new asyncio.Event();`,
        `  const t = asyncio.createTask(() => event.wait(), { name: "waiter" });`,
        `  await asyncio.sleep(0);`,
        `  console.log(String(t));`,
        `  event.set();`,
        `  console.log(await t);`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.000s] <Task waiter [pending, waiting on Event.wait()]>", "[0.000s] true"]);
  });

  test("wakes a waiter when a loop callback sets it (the doc example)", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const ready = new asyncio.Event();`,
        `  asyncio.getRunningLoop().callLater(1, () => ready.set());`,
        `  await ready.wait();`,
        `  console.log("ready");`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[1.000s] ready"]);
  });
});
