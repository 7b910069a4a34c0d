import * as asyncio from "asyncio";

async function noop() {
  await asyncio.sleep(0);
}

async function main() {
  const named = asyncio.createTask(() => noop(), { name: "named" });
  const plain = asyncio.createTask(() => noop());
  console.log(named.getName(), plain.getName());
  const loop = asyncio.getRunningLoop();
  const byLoop = loop.createTask(() => noop(), { name: "by-loop" });
  const afterLoop = loop.createTask(() => noop());
  console.log(byLoop.getName(), afterLoop.getName());
  let inGroup!: asyncio.Task, afterGroup!: asyncio.Task;
  await asyncio.taskGroup(async (tg) => {
    inGroup = tg.createTask(() => noop(), { name: "in-group" });
    afterGroup = tg.createTask(() => noop());
  });
  console.log(inGroup.getName(), afterGroup.getName());
  await asyncio.gather(named, plain, byLoop, afterLoop);
}

asyncio.run(main);
