import * as asyncio from "asyncio";

async function waiter(name: string, event: asyncio.Event) {
  console.log(`${name}: waiting`);
  await event.wait();
  console.log(`${name}: go`);
}

async function main() {
  const event = new asyncio.Event();
  const tasks = ["w1", "w2"].map((n) => asyncio.createTask(() => waiter(n, event)));
  await asyncio.sleep(1);
  console.log("main: setting the event");
  event.set();
  await asyncio.gather(...tasks);
  await event.wait();
  console.log("main: wait() on a set event returns at once");
}

asyncio.run(main);
