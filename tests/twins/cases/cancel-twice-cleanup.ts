import * as asyncio from "asyncio";

async function inner() {
  await asyncio.sleep(10);
}

async function worker() {
  try {
    await inner();
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log("cleaning up");
    await asyncio.sleep(0.5);
    console.log("cleaned up");
    throw e;
  }
}

async function main() {
  const task = asyncio.createTask(() => worker());
  await asyncio.sleep(1);
  task.cancel();
  task.cancel();
  console.log(`cancelling: ${task.cancelling()}`);
  try {
    await task;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log("cancelled:", task.cancelled() ? "yes" : "no");
  }

  async function nested() {
    try {
      await asyncio.timeout(2, async () => {
        await asyncio.timeout(2, async () => {
          await asyncio.sleep(3);
        });
      });
    } catch (e) {
      if (!(e instanceof asyncio.TimeoutError)) throw e;
      console.log("outer timeout");
    }
    await asyncio.sleep(0.25);
    console.log("still running");
  }

  await nested();
}

asyncio.run(main);
