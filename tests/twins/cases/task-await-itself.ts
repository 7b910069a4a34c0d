import * as asyncio from "asyncio";

async function selfish() {
  try {
    await asyncio.currentTask()!;
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`selfish: RuntimeError: ${e.message.split(":")[0]}`);
  }
  await asyncio.sleep(1);
  return "selfish done";
}

async function main() {
  console.log(`main: ${await asyncio.createTask(() => selfish())}`);
}

asyncio.run(main);
