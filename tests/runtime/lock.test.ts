import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;

// Expected lines come from CPython 3.11 running the twin Python program under
// tests/twins/vclock.py; the Python is quoted above each test.

describe("Lock", () => {
  // async def user(name, lock):
  //     print(f"{name}: waiting")
  //     try:
  //         async with lock:
  //             print(f"{name}: acquired"); await asyncio.sleep(1); print(f"{name}: releasing")
  //     except asyncio.CancelledError:
  //         print(f"{name}: cancelled"); raise
  // tasks = [asyncio.create_task(user(n, lock)) for n in "abcd"]
  // await asyncio.sleep(0.5); print(lock); tasks[1].cancel()
  // await asyncio.sleep(0.6); print("locked", lock.locked()); await asyncio.sleep(1)
  // await asyncio.gather(*tasks, return_exceptions=True); print(lock)
  test("hands the lock to waiters in FIFO order, skipping a cancelled one", async () => {
    const r = await run(
      program(
        head,
        `async function user(name: string, lock: asyncio.Lock) {`,
        `  console.log(name + ": waiting");`,
        `  try {`,
        `    await lock.run(async () => {`,
        `      console.log(name + ": acquired");`,
        `      await asyncio.sleep(1);`,
        `      console.log(name + ": releasing");`,
        `    });`,
        `  } catch (err) {`,
        `    if (err instanceof asyncio.CancelledError) console.log(name + ": cancelled");`,
        `    throw err;`,
        `  }`,
        `}`,
        `asyncio.run(async () => {`,
        `  const lock = new asyncio.Lock();`,
        `  const tasks = ["a", "b", "c", "d"].map((n) => asyncio.createTask(() => user(n, lock)));`,
        `  await asyncio.sleep(0.5);`,
        `  console.log(String(lock));`,
        `  tasks[1].cancel();`,
        `  await asyncio.sleep(0.6);`,
        `  console.log("locked", lock.locked());`,
        `  await asyncio.sleep(1);`,
        `  await asyncio.gather(...tasks, { returnExceptions: true });`,
        `  console.log(String(lock));`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] a: waiting",
      "[0.000s] a: acquired",
      "[0.000s] b: waiting",
      "[0.000s] c: waiting",
      "[0.000s] d: waiting",
      "[0.500s] <Lock [locked, waiters:3]>",
      "[0.500s] b: cancelled",
      "[1.000s] a: releasing",
      "[1.000s] c: acquired",
      "[1.100s] locked true",
      "[2.000s] c: releasing",
      "[2.000s] d: acquired",
      "[3.000s] d: releasing",
      "[3.000s] <Lock [unlocked]>",
    ]);
  });

  // await lock.acquire()
  // b = asyncio.create_task(user("b", lock)); c = asyncio.create_task(user("c", lock))
  // await asyncio.sleep(0)
  // lock.release(); b.cancel()
  test("passes the lock on when a woken waiter is cancelled before it runs", async () => {
    const r = await run(
      program(
        head,
        `async function user(name: string, lock: asyncio.Lock) {`,
        `  try {`,
        `    await lock.acquire();`,
        `  } catch (err) {`,
        `    console.log(name + ": cancelled while waiting, locked=" + lock.locked());`,
        `    throw err;`,
        `  }`,
        `  console.log(name + ": acquired");`,
        `  await asyncio.sleep(1);`,
        `  lock.release();`,
        `  console.log(name + ": released");`,
        `}`,
        `asyncio.run(async () => {`,
        `  const lock = new asyncio.Lock();`,
        `  await lock.acquire();`,
        `  const b = asyncio.createTask(() => user("b", lock));`,
        `  const c = asyncio.createTask(() => user("c", lock));`,
        `  await asyncio.sleep(0);`,
        `  lock.release();`,
        `  b.cancel();`,
        `  await asyncio.gather(b, c, { returnExceptions: true });`,
        `  console.log("b cancelled:", b.cancelled(), "locked:", lock.locked());`,
        `  try {`,
        `    lock.release();`,
        `  } catch (err) {`,
        `    console.log(String(err));`,
        `  }`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] b: cancelled while waiting, locked=false",
      "[0.000s] c: acquired",
      "[1.000s] c: released",
      "[1.000s] b cancelled: true locked: false",
      "[1.000s] RuntimeError: Lock is not acquired.",
    ]);
  });

  // await lock.acquire()
  // async def waiter():
  //     await lock.acquire(); print("waiter holds it, locked:", lock.locked())
  //     await asyncio.sleep(1); lock.release(); print("waiter released")
  // t = asyncio.create_task(waiter()); await asyncio.sleep(0)
  // lock.release(); await lock.acquire(); print("main holds it"); lock.release(); await t
  test("queues a newcomer behind the waiter a release woke, so only one task holds the lock", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const lock = new asyncio.Lock();`,
        `  await lock.acquire();`,
        `  async function waiter() {`,
        `    await lock.acquire();`,
        `    console.log("waiter holds it, locked:", lock.locked());`,
        `    await asyncio.sleep(1);`,
        `    lock.release();`,
        `    console.log("waiter released");`,
        `  }`,
        `  const t = asyncio.createTask(waiter);`,
        `  await asyncio.sleep(0);`,
        `  lock.release();`,
        `  await lock.acquire();`,
        `  console.log("main holds it");`,
        `  lock.release();`,
        `  await t;`,
        `  console.log(String(lock));`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] waiter holds it, locked: true",
      "[1.000s] waiter released",
      "[1.000s] main holds it",
      "[1.000s] <Lock [unlocked]>",
    ]);
  });

  test("names what a waiting task waits on", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const lock = new asyncio.Lock();`,
        `  await lock.acquire();`,
        `  const t = asyncio.createTask(() => lock.acquire(), { name: "waiter" });`,
        `  await asyncio.sleep(0);`,
        `  console.log(String(t));`,
        `  lock.release();`,
        `  console.log(await t, String(lock));`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] <Task waiter [pending, waiting on Lock.acquire()]>",
      "[0.000s] true <Lock [locked]>",
    ]);
  });

  test("fails the program with RuntimeError when released unlocked", async () => {
    const r = await run(program(head, `asyncio.run(async () => { new asyncio.Lock().release(); });`));
    assert.equal(r.error?.name, "RuntimeError");
    assert.equal(r.error?.message, "Lock is not acquired.");
  });
});
