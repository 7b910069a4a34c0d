import * as asyncio from "asyncio";

async function inner() {
  try {
    console.log("inner: working");
    await asyncio.sleep(10);
    return "inner result";
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`inner: cancelled, message '${e.message}'`);
    throw e;
  } finally {
    console.log("inner: cleanup begins");
    await asyncio.sleep(0.5);
    console.log("inner: cleanup ends");
  }
}

async function outer() {
  try {
    return await asyncio.waitFor(() => inner(), 5);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`outer: cancelled, message '${e.message}'`);
    throw e;
  }
}

async function main() {
  const task = asyncio.createTask(() => outer());
  await asyncio.sleep(1);
  console.log(`main: cancel returns ${task.cancel("stop now") ? "True" : "False"}`);
  try {
    await task;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`main: task cancelled, message '${e.message}'`);
  }
  console.log(`main: cancelled()=${task.cancelled() ? "True" : "False"} done()=${task.done() ? "True" : "False"}`);
  console.log(`main: cancel again returns ${task.cancel() ? "True" : "False"}`);
}

asyncio.run(main);
