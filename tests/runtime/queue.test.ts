import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;

// Expected lines come from CPython 3.11 running the twin Python program under
// tests/twins/vclock.py; the Python is quoted above each test. Where Python
// printed private counts (`len(q._getters)`), the TypeScript prints the queue's
// description, which shows the same numbers.

describe("Queue", () => {
  // async def consumer(name, q):
  //     try: item = await q.get()
  //     except asyncio.CancelledError: print(f"{name}: cancelled"); raise
  //     print(f"{name}: got {item}")
  // tasks = [asyncio.create_task(consumer(n, q)) for n in ("c1", "c2", "c3", "c4")]
  // await asyncio.sleep(0); print(len(q._getters))
  // tasks[1].cancel(); await asyncio.sleep(0)
  // q.put_nowait("x"); tasks[0].cancel()
  // await asyncio.sleep(0); await asyncio.sleep(0); print(q.qsize(), len(q._getters))
  // q.put_nowait("y"); await asyncio.gather(*tasks, return_exceptions=True)
  // print(q.qsize(), q._unfinished_tasks)
  test("serves getters in FIFO order and passes a cancelled getter's item on", async () => {
    const r = await run(
      program(
        head,
        `async function consumer(name: string, q: asyncio.Queue<string>) {`,
        `  let item: string;`,
        `  try {`,
        `    item = await q.get();`,
        `  } catch (err) {`,
        `    if (err instanceof asyncio.CancelledError) console.log(name + ": cancelled");`,
        `    throw err;`,
        `  }`,
        `  console.log(name + ": got " + item);`,
        `}`,
        `asyncio.run(async () => {`,
        `  const q = new asyncio.Queue<string>();`,
        `  const tasks = ["c1", "c2", "c3", "c4"].map((n) => asyncio.createTask(() => consumer(n, q)));`,
        `  await asyncio.sleep(0);`,
        `  console.log(String(q));`,
        `  tasks[1].cancel();`,
        `  await asyncio.sleep(0);`,
        `  q.putNowait("x");`,
        `  tasks[0].cancel();`,
        `  await asyncio.sleep(0);`,
        `  await asyncio.sleep(0);`,
        `  console.log(String(q));`,
        `  q.putNowait("y");`,
        `  await asyncio.gather(...tasks, { returnExceptions: true });`,
        `  console.log(String(q));`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] <Queue [maxsize=0, items=0, getters:4]>",
      "[0.000s] c2: cancelled",
      "[0.000s] c1: cancelled",
      "[0.000s] c3: got x",
      "[0.000s] <Queue [maxsize=0, items=0, unfinished=1, getters:1]>",
      "[0.000s] c4: got y",
      "[0.000s] <Queue [maxsize=0, items=0, unfinished=2]>",
    ]);
  });

  // async def producer(name, q, items):
  //     for item in items:
  //         print(f"{name}: putting {item}, full={q.full()}"); await q.put(item); print(f"{name}: put {item}")
  // q = asyncio.Queue(maxsize=2); print(q.maxsize, q.empty(), q.full())
  // p1 = asyncio.create_task(producer("p1", q, [1, 2, 3]))
  // p2 = asyncio.create_task(producer("p2", q, [10, 20]))
  // await asyncio.sleep(1); print(q.qsize(), len(q._putters))
  // while not (p1.done() and p2.done()) or not q.empty():
  //     print("got", await q.get()); await asyncio.sleep(0.5)
  test("makes putters wait while the queue is full, and wakes them one per get", async () => {
    const r = await run(
      program(
        head,
        `async function producer(name: string, q: asyncio.Queue<number>, items: number[]) {`,
        `  for (const item of items) {`,
        `    console.log(name + ": putting " + item + ", full=" + q.full());`,
        `    await q.put(item);`,
        `    console.log(name + ": put " + item);`,
        `  }`,
        `}`,
        `asyncio.run(async () => {`,
        `  const q = new asyncio.Queue<number>(2);`,
        `  console.log(q.maxsize, q.empty(), q.full());`,
        `  const p1 = asyncio.createTask(() => producer("p1", q, [1, 2, 3]));`,
        `  const p2 = asyncio.createTask(() => producer("p2", q, [10, 20]));`,
        `  await asyncio.sleep(1);`,
        `  console.log(String(q));`,
        `  while (!(p1.done() && p2.done()) || !q.empty()) {`,
        `    console.log("got", await q.get());`,
        `    await asyncio.sleep(0.5);`,
        `  }`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] 2 true false",
      "[0.000s] p1: putting 1, full=false",
      "[0.000s] p1: put 1",
      "[0.000s] p1: putting 2, full=false",
      "[0.000s] p1: put 2",
      "[0.000s] p1: putting 3, full=true",
      "[0.000s] p2: putting 10, full=true",
      "[1.000s] <Queue [maxsize=2, items=2, unfinished=2, putters:2]>",
      "[1.000s] got 1",
      "[1.000s] p1: put 3",
      "[1.500s] got 2",
      "[1.500s] p2: put 10",
      "[1.500s] p2: putting 20, full=true",
      "[2.000s] got 3",
      "[2.000s] p2: put 20",
      "[2.500s] got 10",
      "[3.000s] got 20",
    ]);
  });

  // async def producer(name, q, item):
  //     try: await q.put(item)
  //     except asyncio.CancelledError: print(f"{name}: cancelled, full={q.full()}"); raise
  //     print(f"{name}: put {item}")
  // q = asyncio.Queue(maxsize=1); q.put_nowait(0)
  // tasks = [asyncio.create_task(producer(f"p{i}", q, i)) for i in (1, 2, 3)]
  // await asyncio.sleep(0); tasks[2].cancel()
  // print("got", q.get_nowait()); tasks[0].cancel()
  // await asyncio.gather(*tasks, return_exceptions=True); print(q.qsize(), q.get_nowait(), len(q._putters))
  test("passes a free slot on when a woken putter is cancelled before it runs", async () => {
    const r = await run(
      program(
        head,
        `async function producer(name: string, q: asyncio.Queue<number>, item: number) {`,
        `  try {`,
        `    await q.put(item);`,
        `  } catch (err) {`,
        `    if (err instanceof asyncio.CancelledError) console.log(name + ": cancelled, full=" + q.full());`,
        `    throw err;`,
        `  }`,
        `  console.log(name + ": put " + item);`,
        `}`,
        `asyncio.run(async () => {`,
        `  const q = new asyncio.Queue<number>(1);`,
        `  q.putNowait(0);`,
        `  const tasks = [1, 2, 3].map((i) => asyncio.createTask(() => producer("p" + i, q, i)));`,
        `  await asyncio.sleep(0);`,
        `  tasks[2].cancel();`,
        `  console.log("got", q.getNowait());`,
        `  tasks[0].cancel();`,
        `  await asyncio.gather(...tasks, { returnExceptions: true });`,
        `  console.log(q.qsize(), q.getNowait(), String(q));`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] got 0",
      "[0.000s] p3: cancelled, full=false",
      "[0.000s] p1: cancelled, full=false",
      "[0.000s] p2: put 2",
      "[0.000s] 1 2 <Queue [maxsize=1, items=0, unfinished=2]>",
    ]);
  });

  // async def worker(name, q):
  //     while True:
  //         item = await q.get(); print(f"{name}: working on {item}")
  //         await asyncio.sleep(item); print(f"{name}: done with {item}"); q.task_done()
  // async def joiner(name, q): await q.join(); print(f"{name}: joined")
  // await q.join(); print("join on a fresh queue returns at once")
  // for item in (2, 1, 3): q.put_nowait(item)
  // j = asyncio.create_task(joiner("j1", q))
  // workers = [asyncio.create_task(worker(f"w{i}", q)) for i in (1, 2)]
  // await q.join(); print("main: joined", q._unfinished_tasks); await j
  // for w in workers: w.cancel()
  // q.task_done()  -> ValueError: task_done() called too many times
  test("returns from join once every item is marked done, waking joiners in order", async () => {
    const r = await run(
      program(
        head,
        `async function worker(name: string, q: asyncio.Queue<number>) {`,
        `  while (true) {`,
        `    const item = await q.get();`,
        `    console.log(name + ": working on " + item);`,
        `    await asyncio.sleep(item);`,
        `    console.log(name + ": done with " + item);`,
        `    q.taskDone();`,
        `  }`,
        `}`,
        `async function joiner(name: string, q: asyncio.Queue<number>) {`,
        `  await q.join();`,
        `  console.log(name + ": joined");`,
        `}`,
        `asyncio.run(async () => {`,
        `  const q = new asyncio.Queue<number>();`,
        `  await q.join();`,
        `  console.log("join on a fresh queue returns at once");`,
        `  for (const item of [2, 1, 3]) q.putNowait(item);`,
        `  const j = asyncio.createTask(() => joiner("j1", q));`,
        `  const workers = [1, 2].map((i) => asyncio.createTask(() => worker("w" + i, q)));`,
        `  await q.join();`,
        `  console.log("main: joined", String(q));`,
        `  await j;`,
        `  for (const w of workers) w.cancel();`,
        `  q.taskDone();`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, [
      "[0.000s] join on a fresh queue returns at once",
      "[0.000s] w1: working on 2",
      "[0.000s] w2: working on 1",
      "[1.000s] w2: done with 1",
      "[1.000s] w2: working on 3",
      "[2.000s] w1: done with 2",
      "[4.000s] w2: done with 3",
      "[4.000s] main: joined <Queue [maxsize=0, items=0, getters:2]>",
      "[4.000s] j1: joined",
    ]);
    assert.equal(r.error?.name, "ValueError");
    assert.equal(r.error?.message, "taskDone() called too many times");
  });

  test("names what a waiting getter, putter or joiner waits on", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const q = new asyncio.Queue<number>(1);`,
        `  const getter = asyncio.createTask(() => q.get(), { name: "getter" });`,
        `  await asyncio.sleep(0);`,
        `  console.log(String(getter));`,
        `  q.putNowait(1);`,
        `  console.log(await getter);`,
        `  q.putNowait(2);`,
        `  const putter = asyncio.createTask(() => q.put(3), { name: "putter" });`,
        `  const joiner = asyncio.createTask(() => q.join(), { name: "joiner" });`,
        `  await asyncio.sleep(0);`,
        `  console.log(String(putter));`,
        `  console.log(String(joiner));`,
        `  console.log(String(q));`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] <Task getter [pending, waiting on Queue.get()]>",
      "[0.000s] 1",
      "[0.000s] <Task putter [pending, waiting on Queue.put()]>",
      "[0.000s] <Task joiner [pending, waiting on Queue.join()]>",
      "[0.000s] <Queue [maxsize=1, items=1, unfinished=2, putters:1]>",
    ]);
  });
});

describe("PriorityQueue and LifoQueue", () => {
  // pq = asyncio.PriorityQueue()
  // for item in [(3, "c"), (1, "b"), (1, "a"), (2, "z"), (1, "a", 0), (0,)]: pq.put_nowait(item)
  // print([pq.get_nowait() for _ in range(pq.qsize())])
  // nums = asyncio.PriorityQueue()
  // for n in [5, 3, 8, 1, 9, 2, 7, 3.5, True]: await nums.put(n)
  // print([nums.get_nowait() for _ in range(nums.qsize())])
  // lq = asyncio.LifoQueue(); for n in [1, 2, 3]: lq.put_nowait(n)
  // print([await lq.get() for _ in range(3)])
  // -> [(0,), (1, 'a'), (1, 'a', 0), (1, 'b'), (2, 'z'), (3, 'c')]
  //    [1, True, 2, 3, 3.5, 5, 7, 8, 9]
  //    [3, 2, 1]
  test("hands out the smallest item first, comparing arrays like tuples, in heapq's order", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const pq = new asyncio.PriorityQueue<unknown[]>();`,
        `  for (const item of [[3, "c"], [1, "b"], [1, "a"], [2, "z"], [1, "a", 0], [0]]) pq.putNowait(item);`,
        `  console.log(String(pq));`,
        `  const out = [];`,
        `  while (!pq.empty()) out.push(pq.getNowait());`,
        `  console.log(JSON.stringify(out));`,
        `  const nums = new asyncio.PriorityQueue<number | boolean>();`,
        `  for (const n of [5, 3, 8, 1, 9, 2, 7, 3.5, true]) await nums.put(n);`,
        `  const got = [];`,
        `  while (!nums.empty()) got.push(await nums.get());`,
        `  console.log(JSON.stringify(got));`,
        `  const lq = new asyncio.LifoQueue<number>();`,
        `  for (const n of [1, 2, 3]) lq.putNowait(n);`,
        `  console.log(await lq.get(), await lq.get(), await lq.get(), String(lq));`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] <PriorityQueue [maxsize=0, items=6, unfinished=6]>",
      '[0.000s] [[0],[1,"a"],[1,"a",0],[1,"b"],[2,"z"],[3,"c"]]',
      "[0.000s] [1,true,2,3,3.5,5,7,8,9]",
      "[0.000s] 3 2 1 <LifoQueue [maxsize=0, items=0, unfinished=3]>",
    ]);
  });

  // bad = asyncio.PriorityQueue(); bad.put_nowait((1, {"a": 1}))
  // bad.put_nowait((1, {"b": 2}))  -> TypeError: '<' not supported between instances of 'dict' and 'dict'
  // bad.get_nowait(); bad.get_nowait(); bad.get_nowait()  -> QueueEmpty, with an empty message
  test("throws TypeError for items it cannot order, keeping the item as heapq does", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const bad = new asyncio.PriorityQueue<[number, object]>();`,
        `  bad.putNowait([1, { a: 1 }]);`,
        `  try {`,
        `    bad.putNowait([1, { b: 2 }]);`,
        `  } catch (err) {`,
        `    console.log(String(err));`,
        `  }`,
        `  try {`,
        `    bad.getNowait();`,
        `    bad.getNowait();`,
        `    bad.getNowait();`,
        `  } catch (err) {`,
        `    console.log(err instanceof asyncio.QueueEmpty, JSON.stringify(String(err)));`,
        `  }`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.000s] TypeError: '<' not supported between instances of 'Object' and 'Object'",
      '[0.000s] true "QueueEmpty"',
    ]);
  });

  test("runs the doc examples of the three queues", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const queue = new asyncio.Queue<number>(2);`,
        `  await queue.put(1);`,
        `  console.log(await queue.get());`,
        `  queue.taskDone();`,
        `  await queue.join();`,
        `  const pq = new asyncio.PriorityQueue<[number, string]>();`,
        `  pq.putNowait([2, "later"]);`,
        `  pq.putNowait([1, "first"]);`,
        `  console.log(pq.getNowait());`,
        `  const stack = new asyncio.LifoQueue<number>();`,
        `  stack.putNowait(1);`,
        `  stack.putNowait(2);`,
        `  console.log(stack.getNowait());`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.000s] 1", "[0.000s] [ 1, 'first' ]", "[0.000s] 2"]);
  });
});
