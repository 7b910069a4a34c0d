import * as asyncio from "asyncio";

async function operation(name: string, duration: number) {
  try {
    console.log(`${name}: working`);
    await asyncio.sleep(duration);
    console.log(`${name}: finished`);
    return `${name} result`;
  } finally {
    console.log(`${name}: cleaning up`);
  }
}

async function main() {
  const result = await asyncio.waitFor(operation("fast", 0.5), 1);
  console.log(`main: got ${result}`);
  try {
    await asyncio.waitFor(operation("slow", 5), 1);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log("main: slow timed out");
  }
}

asyncio.run(main);
