import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;

// Expected lines come from CPython 3.11 running the twin Python program under
// tests/twins/vclock.py; the Python is quoted above each test. Where Python
// printed `sem._value, len(sem._waiters)`, the TypeScript prints the
// Semaphore's description, which shows the same numbers.

describe("Semaphore", () => {
  // async def worker(name, sem):
  //     print(f"{name}: acquiring, locked={sem.locked()}")
  //     async with sem:
  //         print(f"{name}: in"); await asyncio.sleep(1); print(f"{name}: out")
  // sem = asyncio.Semaphore(2)
  // tasks = [asyncio.create_task(worker(f"w{i}", sem)) for i in range(1, 5)]
  // await asyncio.sleep(0.5); print(sem._value, len(sem._waiters)); await asyncio.sleep(0.5)
  // tasks.append(asyncio.create_task(worker("w5", sem)))
  // await asyncio.gather(*tasks); print(sem._value)
  test("lets at most value tasks in at once, in arrival order", async () => {
    const r = await run(
      program(
        head,
        `async function worker(name: string, sem: asyncio.Semaphore) {`,
        `  console.log(name + ": acquiring, locked=" + sem.locked());`,
        `  await sem.run(async () => {`,
        `    console.log(name + ": in");`,
        `    await asyncio.sleep(1);`,
        `    console.log(name + ": out");`,
        `  });`,
        `}`,
        `asyncio.run(async () => {`,
        `  const sem = new asyncio.Semaphore(2);`,
        `  const tasks = [1, 2, 3, 4].map((i) => asyncio.createTask(() => worker("w" + i, sem)));`,
        `  await asyncio.sleep(0.5);`,
        `  console.log(String(sem));`,
        `  await asyncio.sleep(0.5);`,
        `  tasks.push(asyncio.createTask(() => worker("w5", sem)));`,
        `  await asyncio.gather(...tasks);`,
        `  console.log(String(sem));`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] w1: acquiring, locked=false",
      "[0.000s] w1: in",
      "[0.000s] w2: acquiring, locked=false",
      "[0.000s] w2: in",
      "[0.000s] w3: acquiring, locked=true",
      "[0.000s] w4: acquiring, locked=true",
      "[0.500s] <Semaphore [locked, waiters:2]>",
      "[1.000s] w1: out",
      "[1.000s] w2: out",
      "[1.000s] w3: in",
      "[1.000s] w4: in",
      "[1.000s] w5: acquiring, locked=true",
      "[2.000s] w3: out",
      "[2.000s] w4: out",
      "[2.000s] w5: in",
      "[3.000s] w5: out",
      "[3.000s] <Semaphore [unlocked, value:2]>",
    ]);
  });

  // sem = asyncio.Semaphore(0)
  // a = asyncio.create_task(worker("a", sem)); await asyncio.sleep(0)
  // sem.release(); sem.release()
  // print(sem._value, sem.locked(), len(sem._waiters))
  // await sem.acquire(); print("main: in"); await a; print(sem._value, sem.locked())
  test("queues a newcomer behind a woken waiter even when a slot is free", async () => {
    const r = await run(
      program(
        head,
        `async function worker(name: string, sem: asyncio.Semaphore) {`,
        `  await sem.acquire();`,
        `  console.log(name + ": in");`,
        `}`,
        `asyncio.run(async () => {`,
        `  const sem = new asyncio.Semaphore(0);`,
        `  const a = asyncio.createTask(() => worker("a", sem));`,
        `  await asyncio.sleep(0);`,
        `  sem.release();`,
        `  sem.release();`,
        `  console.log(sem.locked(), String(sem));`,
        `  await sem.acquire();`,
        `  console.log("main: in");`,
        `  await a;`,
        `  console.log(String(sem));`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] true <Semaphore [locked, waiters:1]>",
      "[0.000s] a: in",
      "[0.000s] main: in",
      "[0.000s] <Semaphore [locked]>",
    ]);
  });

  // sem = asyncio.Semaphore(0); a, b, c = (create_task(worker(n, sem)) for n in "abc")
  // await asyncio.sleep(0); b.cancel(); await asyncio.sleep(0)
  // sem.release(); a.cancel()
  // await asyncio.gather(a, b, c, return_exceptions=True); print(sem._value, sem.locked())
  test("gives the slot of a woken, then cancelled, waiter to the next one", async () => {
    const r = await run(
      program(
        head,
        `async function worker(name: string, sem: asyncio.Semaphore) {`,
        `  try {`,
        `    await sem.acquire();`,
        `  } catch (err) {`,
        `    if (err instanceof asyncio.CancelledError) console.log(name + ": cancelled");`,
        `    throw err;`,
        `  }`,
        `  console.log(name + ": in");`,
        `  await asyncio.sleep(1);`,
        `  sem.release();`,
        `  console.log(name + ": out");`,
        `}`,
        `asyncio.run(async () => {`,
        `  const sem = new asyncio.Semaphore(0);`,
        `  const [a, b, c] = ["a", "b", "c"].map((n) => asyncio.createTask(() => worker(n, sem)));`,
        `  await asyncio.sleep(0);`,
        `  b.cancel();`,
        `  await asyncio.sleep(0);`,
        `  sem.release();`,
        `  a.cancel();`,
        `  await asyncio.gather(a, b, c, { returnExceptions: true });`,
        `  console.log(String(sem), sem.locked());`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] b: cancelled",
      "[0.000s] a: cancelled",
      "[0.000s] c: in",
      "[1.000s] c: out",
      "[1.000s] <Semaphore [unlocked, value:1]> false",
    ]);
  });

  test("names what a waiting task waits on", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const sem = new asyncio.Semaphore(0);`,
        `  const t = asyncio.createTask(() => sem.acquire(), { name: "waiter" });`,
        `  await asyncio.sleep(0);`,
        `  console.log(String(t));`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, ["[0.000s] <Task waiter [pending, waiting on Semaphore.acquire()]>"]);
  });

  // sem = asyncio.BoundedSemaphore(2); await sem.acquire(); sem.release(); sem.release()
  // -> ValueError: BoundedSemaphore released too many times
  // asyncio.Semaphore(-1) -> ValueError: Semaphore initial value must be >= 0
  test("refuses a BoundedSemaphore release beyond its initial value with ValueError", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const sem = new asyncio.BoundedSemaphore(2);`,
        `  await sem.acquire();`,
        `  sem.release();`,
        `  console.log(String(sem));`,
        `  sem.release();`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, ["[0.000s] <BoundedSemaphore [unlocked, value:2]>"]);
    assert.equal(r.error?.name, "ValueError");
    assert.equal(r.error?.message, "BoundedSemaphore released too many times");
  });

  test("refuses a negative initial value with ValueError", async () => {
    const r = await run(program(head, `new asyncio.Semaphore(-1);`));
    assert.equal(r.error?.name, "ValueError");
    assert.equal(r.error?.message, "Semaphore initial value must be >= 0");
  });
});
