import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;

// Expected lines come from CPython 3.11 running the twin Python program under
// tests/twins/vclock.py; the Python is quoted above each test.

describe("Condition", () => {
  // async def consumer(name, cond, items):
  //     async with cond:
  //         print(f"{name}: waiting")
  //         await cond.wait_for(lambda: items)
  //         print(f"{name}: got {items.pop(0)}, locked={cond.locked()}")
  // tasks = [asyncio.create_task(consumer(f"c{i}", cond, items)) for i in range(1, 5)]
  // await asyncio.sleep(1); print(len(cond._waiters))
  // async with cond: items.extend(["a", "b"]); cond.notify(2); print("notified 2")
  // await asyncio.sleep(1)
  // async with cond: items.extend(["c", "d"]); cond.notify_all()
  // await asyncio.gather(*tasks)
  // cond.notify()      -> RuntimeError: cannot notify on un-acquired lock
  // await cond.wait()  -> RuntimeError: cannot wait on un-acquired lock
  test("wakes notified waiters in FIFO order, each holding the lock again", async () => {
    const r = await run(
      program(
        head,
        `async function consumer(name: string, cond: asyncio.Condition, items: string[]) {`,
        `  await cond.run(async () => {`,
        `    console.log(name + ": waiting");`,
        `    await cond.waitFor(() => items.length > 0);`,
        `    console.log(name + ": got " + items.shift() + ", locked=" + cond.locked());`,
        `  });`,
        `}`,
        `asyncio.run(async () => {`,
        `  const cond = new asyncio.Condition();`,
        `  const items: string[] = [];`,
        `  const tasks = [1, 2, 3, 4].map((i) => asyncio.createTask(() => consumer("c" + i, cond, items)));`,
        `  await asyncio.sleep(1);`,
        `  console.log(String(cond));`,
        `  await cond.run(async () => {`,
        `    items.push("a", "b");`,
        `    cond.notify(2);`,
        `    console.log("notified 2");`,
        `  });`,
        `  await asyncio.sleep(1);`,
        `  await cond.run(async () => {`,
        `    items.push("c", "d");`,
        `    cond.notifyAll();`,
        `  });`,
        `  await asyncio.gather(...tasks);`,
        `  try {`,
        `    cond.notify();`,
        `  } catch (err) {`,
        `    console.log(String(err));`,
        `  }`,
        `  try {`,
        `    await cond.wait();`,
        `  } catch (err) {`,
        `    console.log(String(err));`,
        `  }`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] c1: waiting",
      "[0.000s] c2: waiting",
      "[0.000s] c3: waiting",
      "[0.000s] c4: waiting",
      "[1.000s] <Condition [unlocked, waiters:4]>",
      "[1.000s] notified 2",
      "[1.000s] c1: got a, locked=true",
      "[1.000s] c2: got b, locked=true",
      "[2.000s] c3: got c, locked=true",
      "[2.000s] c4: got d, locked=true",
      "[2.000s] RuntimeError: cannot notify on un-acquired lock",
      "[2.000s] RuntimeError: cannot wait on un-acquired lock",
    ]);
  });

  // async def waiter(cond):
  //     async with cond:
  //         try: await cond.wait()
  //         except asyncio.CancelledError:
  //             print(f"waiter: cancelled, holds the lock: {cond.locked()}"); raise
  // t = asyncio.create_task(waiter(cond)); await asyncio.sleep(0)
  // await cond.acquire(); t.cancel(); await asyncio.sleep(1)
  // print("main: releasing at 1s"); cond.release()
  // try: await t
  // except asyncio.CancelledError: print("task cancelled:", t.cancelled(), "locked:", cond.locked())
  test("takes the lock back before a cancelled wait raises CancelledError", async () => {
    const r = await run(
      program(
        head,
        `async function waiter(cond: asyncio.Condition) {`,
        `  await cond.run(async () => {`,
        `    try {`,
        `      await cond.wait();`,
        `    } catch (err) {`,
        `      if (err instanceof asyncio.CancelledError) console.log("waiter: cancelled, holds the lock: " + cond.locked());`,
        `      throw err;`,
        `    }`,
        `  });`,
        `}`,
        `asyncio.run(async () => {`,
        `  const cond = new asyncio.Condition();`,
        `  const t = asyncio.createTask(() => waiter(cond), { name: "waiter" });`,
        `  await asyncio.sleep(0);`,
        `  await cond.acquire();`,
        `  t.cancel();`,
        `  await asyncio.sleep(1);`,
        `  console.log(String(t));`,
        `  console.log("main: releasing at 1s");`,
        `  cond.release();`,
        `  try {`,
        `    await t;`,
        `  } catch (err) {`,
        `    if (err instanceof asyncio.CancelledError) console.log("task cancelled:", t.cancelled(), "locked:", cond.locked());`,
        `  }`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[1.000s] <Task waiter [pending, waiting on Lock.acquire()]>",
      "[1.000s] main: releasing at 1s",
      "[1.000s] waiter: cancelled, holds the lock: true",
      "[1.000s] task cancelled: true locked: false",
    ]);
  });

  test("uses the lock it is given", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const lock = new asyncio.Lock();`,
        `  const cond = new asyncio.Condition(lock);`,
        `  await lock.acquire();`,
        `  console.log(cond.locked(), String(cond));`,
        `  const t = asyncio.createTask(() => cond.run(() => cond.wait()), { name: "waiter" });`,
        `  lock.release();`,
        `  await asyncio.sleep(0);`,
        `  console.log(String(t), lock.locked());`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] true <Condition [locked]>",
      "[0.000s] <Task waiter [pending, waiting on Condition.wait()]> false",
    ]);
  });

  test("lets a consumer wait for a predicate under the lock (the doc example)", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const cond = new asyncio.Condition();`,
        `  const items: string[] = [];`,
        `  const consumer = asyncio.createTask(() =>`,
        `    cond.run(async () => {`,
        `      await cond.waitFor(() => items.length > 0);`,
        `      console.log(items.shift());`,
        `    }),`,
        `  );`,
        `  await asyncio.sleep(1);`,
        `  await cond.run(async () => {`,
        `    items.push("item");`,
        `    cond.notify();`,
        `  });`,
        `  await consumer;`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[1.000s] item"]);
  });

  // async def w(i):
  //     async with cond: await cond.wait(); print("woken", i)
  // ts = [asyncio.create_task(w(i)) for i in range(3)]; await asyncio.sleep(0)
  // async with cond: cond.notify(2)
  // await asyncio.sleep(1); print("still waiting:", sum(not t.done() for t in ts))
  // async with cond: cond.notify_all()
  // await asyncio.gather(*ts)
  test("notify(n) wakes the first n waiters only", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const cond = new asyncio.Condition();`,
        `  const w = (i: number) => cond.run(async () => { await cond.wait(); console.log("woken", i); });`,
        `  const ts = [0, 1, 2].map((i) => asyncio.createTask(() => w(i)));`,
        `  await asyncio.sleep(0);`,
        `  await cond.run(async () => cond.notify(2));`,
        `  await asyncio.sleep(1);`,
        `  console.log("still waiting:", ts.filter((t) => !t.done()).length);`,
        `  await cond.run(async () => cond.notifyAll());`,
        `  await asyncio.gather(...ts);`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.000s] woken 0", "[0.000s] woken 1", "[1.000s] still waiting: 1", "[1.000s] woken 2"]);
  });
});
