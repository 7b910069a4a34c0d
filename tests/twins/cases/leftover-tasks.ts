import * as asyncio from "asyncio";

async function background(name: string, delay: number) {
  try {
    console.log(`${name}: started`);
    await asyncio.sleep(delay);
    console.log(`${name}: finished`);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${name}: cancelled`);
    throw e;
  } finally {
    console.log(`${name}: finally`);
  }
}

async function main() {
  const tasks = [
    asyncio.createTask(() => background("short", 0.5)),
    asyncio.createTask(() => background("long", 10)),
  ];
  await asyncio.sleep(1);
  console.log(`main: returning with ${tasks.filter((t) => !t.done()).length} task still pending`);
}

asyncio.run(main);
