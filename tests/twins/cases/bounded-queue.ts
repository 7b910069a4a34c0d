import * as asyncio from "asyncio";

async function producer(queue: asyncio.Queue<number>) {
  for (let i = 1; i < 4; i++) {
    console.log(`putting ${i}`);
    await queue.put(i);
    console.log(`put ${i}`);
  }
  try {
    queue.putNowait(4);
    queue.putNowait(5);
  } catch (e) {
    if (!(e instanceof asyncio.QueueFull)) throw e;
    console.log("queue full");
  }
}

async function main() {
  const queue = new asyncio.Queue<number>(1);
  const task = asyncio.createTask(() => producer(queue));
  for (let i = 0; i < 3; i++) {
    await asyncio.sleep(1);
    console.log(`got ${queue.getNowait()}`);
  }
  await task;
  try {
    queue.getNowait();
  } catch (e) {
    if (!(e instanceof asyncio.QueueEmpty)) throw e;
    console.log("queue empty");
  }
}

asyncio.run(main);
