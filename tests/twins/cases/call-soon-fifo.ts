import * as asyncio from "asyncio";

async function steps() {
  for (let i = 0; i < 3; i++) {
    console.log(`task step ${i}`);
    await asyncio.sleep(0);
  }
}

async function main() {
  const loop = asyncio.getRunningLoop();

  function chain(n: number) {
    console.log(`callback ${n}`);
    if (n < 3) {
      loop.callSoon(chain, n + 1);
    }
  }

  loop.callSoon(chain, 1);
  const task = asyncio.createTask(() => steps());
  console.log("main: awaiting the task");
  await task;
  console.log("main: end");
}

asyncio.run(main);
