import * as asyncio from "asyncio";

async function stubborn(name: string) {
  try {
    console.log(`${name}: started`);
    await asyncio.sleep(5);
    return "finished";
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${name}: cancelled, cleaning up`);
    await asyncio.sleep(0.5);
    console.log(`${name}: returning anyway`);
    return `${name} late value`;
  }
}

async function brokenCleanup() {
  try {
    await asyncio.sleep(5);
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    await asyncio.sleep(0.25);
    throw new asyncio.ValueError("cleanup failed");
  }
}

async function main() {
  let result = await asyncio.waitFor(() => stubborn("a"), 1);
  console.log(`main: wait_for returned ${result}`);
  try {
    await asyncio.waitFor(() => brokenCleanup(), 1);
  } catch (e) {
    console.log(`main: ${(e as Error).name}: ${(e as Error).message}`);
  }
  try {
    result = await asyncio.waitFor(() => stubborn("b"), 0);
    console.log(`main: timeout=0 returned ${result}`);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log("main: timeout=0 raised TimeoutError");
  }
  result = await asyncio.waitFor(() => stubborn("c"), null);
  console.log(`main: timeout=None returned ${result}`);
}

asyncio.run(main);
