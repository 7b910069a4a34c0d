import * as asyncio from "asyncio";

async function producer(queue: asyncio.Queue<number>) {
  for (let i = 1; i < 5; i++) {
    await asyncio.sleep(0.4);
    await queue.put(i);
    console.log(`put ${i}`);
  }
}

async function consumer(name: string, queue: asyncio.Queue<number>) {
  while (true) {
    const item = await queue.get();
    console.log(`${name} got ${item}`);
    await asyncio.sleep(1);
    queue.taskDone();
  }
}

async function main() {
  const queue = new asyncio.Queue<number>();
  const consumers = ["c1", "c2"].map((n) => asyncio.createTask(() => consumer(n, queue)));
  await producer(queue);
  await queue.join();
  console.log("all items processed");
  for (const c of consumers) {
    c.cancel();
  }
}

asyncio.run(main);
