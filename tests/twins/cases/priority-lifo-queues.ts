import * as asyncio from "asyncio";

type Item = number | boolean | string | Item[];

function fmt(item: Item): string {
  if (Array.isArray(item)) return "(" + item.map(fmt).join(", ") + ")";
  if (typeof item === "boolean") return item ? "True" : "False";
  return String(item);
}

async function main() {
  const pq = new asyncio.PriorityQueue<Item>();
  const items: Item[] = [
    [2, "b"], [1, "z"], [2, "a"], [1.25, "y"], [0, [3, "x"]], [0, [2, "z", 1]],
    [0, [2, "z"]], [-1.5, "neg"], [true, "true"], [1, "a"], [3], [2, "a", 0],
  ];
  for (const item of items) pq.putNowait(item);
  const out: string[] = [];
  for (let n = pq.qsize(); n > 0; n--) out.push(fmt(pq.getNowait()));
  console.log("priority: " + out.join(" "));
  try {
    pq.getNowait();
  } catch (e) {
    if (!(e instanceof asyncio.QueueEmpty)) throw e;
    console.log("priority: empty");
  }

  const lq = new asyncio.LifoQueue<number>(3);
  for (let n = 0; n < 3; n++) lq.putNowait(n);
  try {
    lq.putNowait(99);
  } catch (e) {
    if (!(e instanceof asyncio.QueueFull)) throw e;
    console.log(`lifo: full at ${lq.qsize()}`);
  }
  console.log("lifo: " + [0, 1, 2].map(() => String(lq.getNowait())).join(" "));

  async function getter(name: string, q: asyncio.Queue<Item>) {
    const item = await q.get();
    console.log(`${name}: got ${fmt(item)}`);
  }

  let getters = [0, 1, 2].map((n) => asyncio.createTask(() => getter(`g${n}`, pq)));
  await asyncio.sleep(0);
  pq.putNowait([5, "late"]);
  pq.putNowait([1, "early"]);
  await asyncio.sleep(0.5);
  pq.putNowait([3, "third"]);
  await asyncio.gather(...getters);

  getters = [0, 1].map((n) => asyncio.createTask(() => getter(`l${n}`, lq as asyncio.Queue<Item>)));
  await asyncio.sleep(0);
  for (let n = 0; n < 3; n++) await lq.put(n);
  await asyncio.gather(...getters);
  console.log(`lifo: left ${lq.getNowait()}`);

  const bounded = new asyncio.PriorityQueue<Item>(2);

  async function putter(item: Item) {
    await bounded.put(item);
    console.log(`put ${fmt(item)} at size ${bounded.qsize()}`);
  }

  const putters = [4, 3, 2, 1].map((n) => asyncio.createTask(() => putter([n, `p${n}`])));
  await asyncio.sleep(1);
  while (!bounded.empty() || !putters.every((p) => p.done())) {
    console.log(`take ${fmt(await bounded.get())}`);
    await asyncio.sleep(0);
  }
}

asyncio.run(main);
