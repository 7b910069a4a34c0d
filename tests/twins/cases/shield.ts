import * as asyncio from "asyncio";

async function save() {
  console.log("save: started");
  await asyncio.sleep(2);
  console.log("save: finished");
  return "saved";
}

async function main() {
  const task = asyncio.createTask(() => save());
  try {
    await asyncio.waitFor(asyncio.shield(task), 1);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log("main: gave up waiting, the save goes on");
  }
  console.log(`main: ${await task}`);
}

asyncio.run(main);
