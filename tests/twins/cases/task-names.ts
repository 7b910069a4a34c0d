import * as asyncio from "asyncio";

async function show() {
  console.log(`running in ${asyncio.currentTask()!.getName()}`);
}

async function main() {
  console.log(`main runs in ${asyncio.currentTask()!.getName()}`);
  const first = asyncio.createTask(() => show());
  const second = asyncio.createTask(() => show(), { name: "worker" });
  await asyncio.gather(first, second);
  console.log(`names: ${first.getName()}, ${second.getName()}`);
}

asyncio.run(main);
