/**
 * vclock.py is the oracle's harness, so it gets tests of its own: the clock it fakes, the
 * order it must leave alone, and the guards that stop a run that cannot finish.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { runOnVirtualClock, skipWithoutPython } from "./python.ts";

const workDir = mkdtempSync(path.join(tmpdir(), "vclock-"));
after(() => rmSync(workDir, { recursive: true, force: true }));

function run(source: string) {
  writeFileSync(path.join(workDir, "program.py"), source);
  return runOnVirtualClock("program.py", workDir);
}

describe("vclock.py", { skip: skipWithoutPython }, () => {
  test("stamps each line with the virtual time it began at", () => {
    const result = run(`
import asyncio

async def main():
    print("a\\nb")
    print("begun at 0", end="")
    await asyncio.sleep(1.5)
    print(", ended at 1.5")
    print("unfinished", end="")

asyncio.run(main())
`);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout, [
      "[0.000s] a",
      "[0.000s] b",
      "[0.000s] begun at 0, ended at 1.5",
      "[1.500s] unfinished",
    ]);
  });

  test("lets time.sleep hold up the whole loop", () => {
    const result = run(`
import asyncio, time

async def sleeper():
    await asyncio.sleep(0.5)
    print(f"sleeper woke, monotonic {time.monotonic()}")

async def blocker():
    time.sleep(2)
    print(f"blocker done, loop.time {asyncio.get_running_loop().time()}")

async def main():
    await asyncio.gather(sleeper(), blocker())
    print(f"time.time {time.time() - 1_700_000_000}")

asyncio.run(main())
`);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout, [
      "[2.000s] blocker done, loop.time 2.0",
      "[2.000s] sleeper woke, monotonic 2.0",
      "[2.000s] time.time 2.0",
    ]);
  });

  test("wakes at a timer's deadline exactly, so sums of delays stay exact", () => {
    const result = run(`
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.1)
    await asyncio.sleep(1.2)
    print(repr(loop.time()), repr(0.1 + 1.2))

asyncio.run(main())
`);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout, ["[1.300s] 1.3 1.3"]);
  });

  test("keeps CPython's order for timers with equal deadlines, which is the heap's", () => {
    const result = run(`
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    for n in range(1, 5):
        loop.call_later(1, print, n)
    await asyncio.sleep(2)

asyncio.run(main())
`);
    assert.equal(result.status, 0, result.stderr);
    // TimerHandle compares deadlines only, and heapq does not keep insertion order among
    // equal keys: popping 1 moves the last item to the root, and the sift-down prefers the
    // right child on ties, which brings 3 up before 2.
    assert.deepEqual(result.stdout, ["[1.000s] 1", "[1.000s] 3", "[1.000s] 2", "[1.000s] 4"]);
  });

  test("rounds halves up when stamping, as JavaScript's toFixed does", () => {
    const result = run(`
import asyncio

async def main():
    await asyncio.sleep(0.0625)
    print(f"python alone would say {asyncio.get_running_loop().time():.3f}")

asyncio.run(main())
`);
    assert.deepEqual(result.stdout, ["[0.063s] python alone would say 0.062"]);
  });

  test("reports a deadlock on stderr and exits with status 1", () => {
    const result = run(`
import asyncio

async def main():
    print("waiting for a future nobody resolves")
    await asyncio.sleep(1)
    await asyncio.get_running_loop().create_future()

asyncio.run(main())
`);
    assert.equal(result.status, 1);
    assert.deepEqual(result.stdout, ["[0.000s] waiting for a future nobody resolves"]);
    assert.match(result.stderr, /^DeadlockError: at t=1\.000s the event loop has nothing ready/);
    assert.match(result.stderr, /Task-1.*main\(\)/);
  });

  test("stops at the virtual-time horizon without running finally blocks", () => {
    const result = run(`
import asyncio

async def main():
    try:
        await asyncio.sleep(4000)
    finally:
        print("finally")

asyncio.run(main())
`);
    assert.equal(result.status, 1);
    assert.deepEqual(result.stdout, []);
    assert.match(result.stderr, /^HorizonError: the event loop's next timer would move virtual time to 4000\.000s/);
  });

  test("stops a loop that spins on sleep(0) forever", () => {
    const result = run(`
import asyncio

async def main():
    while True:
        await asyncio.sleep(0)

asyncio.run(main())
`);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^HorizonError: aborting after 1,000,000 event-loop iterations/);
  });

  test("shows an uncaught error's traceback from the program's own frames", () => {
    const result = run(`
raise KeyError("missing")
`);
    assert.equal(result.status, 1);
    assert.equal(
      result.stderr,
      'Traceback (most recent call last):\n  File "program.py", line 2, in <module>\n' +
        '    raise KeyError("missing")\nKeyError: \'missing\'\n',
    );
  });
});
