import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Heap } from "../../src/runtime/heap.ts";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;

// Expected orders come from CPython 3.11 running, under tests/twins/vclock.py:
//
// async def probe(n, k):
//     loop = asyncio.get_running_loop(); order = []
//     handles = [loop.call_later(1, order.append, i) for i in range(n)]
//     for h in handles[1:k + 1]: h.cancel()
//     await asyncio.sleep(2); print(order)
const probe = program(
  head,
  `async function probe(n: number, k: number) {`,
  `  const loop = asyncio.getRunningLoop();`,
  `  const order: number[] = [];`,
  `  const handles = Array.from({ length: n }, (_, i) => loop.callLater(1, () => order.push(i)));`,
  `  for (const h of handles.slice(1, k + 1)) h.cancel();`,
  `  await asyncio.sleep(2);`,
  `  console.log(JSON.stringify(order));`,
  `}`,
);

async function timerOrder(n: number, k: number): Promise<number[]> {
  const r = await run(program(probe, `asyncio.run(() => probe(${n}, ${k}));`));
  assert.equal(r.error, null);
  assert.equal(r.out.length, 1);
  assert.match(r.out[0]!, /^\[2\.000s\] /);
  return JSON.parse(r.out[0]!.slice("[2.000s] ".length)) as number[];
}

describe("Heap", () => {
  test("pops in key order whatever the push order", () => {
    const heap = new Heap<number>((a, b) => a < b);
    for (const n of [5, 3, 9, 1, 7, 3, 0]) heap.push(n);
    const out: number[] = [];
    while (heap.size > 0) out.push(heap.pop()!);
    assert.deepEqual(out, [0, 1, 3, 3, 5, 7, 9]);
    assert.equal(heap.pop(), undefined);
  });

  test("breaks ties as heapq does: equal keys come out in the heap's order, not insertion order", () => {
    // class K:  # every K equals every other
    //     def __init__(self, i): self.i = i
    //     def __lt__(self, other): return False
    // h = []
    // for i in range(12): heapq.heappush(h, K(i))
    // print([heapq.heappop(h).i for _ in range(12)])
    const heap = new Heap<number>(() => false);
    for (let i = 0; i < 12; i++) heap.push(i);
    const out: number[] = [];
    while (heap.size > 0) out.push(heap.pop()!);
    assert.deepEqual(out, [0, 2, 6, 11, 10, 9, 8, 5, 7, 4, 1, 3]);
  });

  test("filter keeps the chosen items and restores the heap", () => {
    const heap = new Heap<number>((a, b) => a < b);
    for (let i = 20; i > 0; i--) heap.push(i);
    heap.filter((n) => n % 3 !== 0);
    const out: number[] = [];
    while (heap.size > 0) out.push(heap.pop()!);
    assert.deepEqual(out, [1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19, 20]);
  });
});

describe("the loop's timer heap", () => {
  test("runs timers due at the same instant in CPython's heap order", async () => {
    assert.deepEqual(await timerOrder(12, 0), [0, 2, 6, 5, 11, 10, 9, 8, 7, 1, 3, 4]);
  });

  // The loop's heap holds the n timers and the sleep's.
  test("pops cancelled timers from the head, without a rebuild, while the heap holds 100 timers or fewer", async () => {
    assert.deepEqual(await timerOrder(60, 40), [0, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41]);
    assert.deepEqual(
      await timerOrder(99, 60),
      [0, 62, 61, 98, 97, 96, 95, 94, 93, 92, 91, 90, 89, 88, 87, 86, 85, 84, 83, 82, 81, 80, 79, 78, 77, 76, 75, 74, 73, 72, 71, 70, 69, 68, 67, 66, 65, 64, 63],
    );
  });

  test("pops cancelled timers from the head, without a rebuild, while at most half of them are cancelled", async () => {
    assert.deepEqual(
      await timerOrder(150, 70),
      [
        0, 126, 125, 149, 148, 147, 146, 145, 144, 143, 142, 141, 140, 139, 138, 137, 136, 135, 134, 133, 132, 131, 130, 129, 128, 127, 123, 124, 122, 121, 120, 119, 118,
        117, 116, 115, 114, 113, 112, 111, 110, 109, 108, 107, 106, 105, 104, 103, 102, 101, 100, 99, 98, 97, 96, 95, 94, 93, 92, 91, 90, 89, 88, 87, 86, 85, 84, 83, 82,
        81, 80, 79, 78, 77, 76, 75, 74, 73, 72, 71,
      ],
    );
  });

  test("rebuilds the heap once it holds more than 100 timers and over half of them are cancelled", async () => {
    // 60 of 101 cancelled.
    assert.deepEqual(
      await timerOrder(100, 60),
      [90, 74, 66, 62, 0, 89, 79, 63, 97, 77, 95, 67, 93, 75, 91, 88, 87, 73, 65, 85, 71, 83, 61, 81, 69, 99, 68, 96, 76, 92, 86, 84, 72, 64, 80, 78, 94, 82, 98, 70],
    );
    // 80 of 151 cancelled: just over half.
    assert.deepEqual(
      await timerOrder(150, 80),
      [
        142, 110, 94, 86, 82, 0, 141, 87, 113, 147, 95, 145, 111, 143, 140, 139, 109, 93, 137, 107, 135, 85, 133, 105, 131, 91, 129, 103, 127, 81, 125, 101, 123, 89,
        121, 99, 119, 83, 117, 97, 115, 96, 148, 112, 144, 138, 136, 108, 92, 132, 104, 128, 84, 124, 100, 120, 88, 116, 114, 146, 134, 130, 106, 90, 122, 98, 149, 126,
        118, 102,
      ],
    );
  });
});
