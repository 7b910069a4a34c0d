import * as asyncio from "asyncio";

async function main() {
  try {
    await asyncio.timeout(1, async () => {
      console.log("block: start");
      try {
        await asyncio.sleep(5);
      } finally {
        console.log("block: cleanup");
      }
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log("main: timed out");
  }
  await asyncio.timeout(2, async () => {
    await asyncio.sleep(1);
    console.log("block 2: finished in time");
  });
  console.log("main: end");
}

asyncio.run(main);
