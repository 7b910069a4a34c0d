import * as asyncio from "asyncio";

async function worker() {
  try {
    console.log("worker: sleeping");
    await asyncio.sleep(10);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log("worker: cancelled");
    throw e;
  } finally {
    console.log("worker: cleanup");
  }
}

async function main() {
  const task = asyncio.createTask(() => worker());
  await asyncio.sleep(1);
  task.cancel();
  console.log("main: cancel requested");
  try {
    await task;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(task.cancelled() ? "main: task is cancelled" : "main: ?");
  }
}

asyncio.run(main);
