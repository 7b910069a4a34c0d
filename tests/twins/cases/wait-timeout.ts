import * as asyncio from "asyncio";

async function fetch(delay: number) {
  await asyncio.sleep(delay);
  console.log(`fetch(${delay}) done`);
  return delay;
}

async function main() {
  const tasks = [2, 1, 3].map((d) => asyncio.createTask(() => fetch(d)));
  const [done, pending] = await asyncio.wait(tasks, { timeout: 1.5 });
  console.log(`after the timeout: ${done.size} done, ${pending.size} pending`);
  // wait() does not cancel what is pending: those tasks keep running.
  await asyncio.wait(pending);
  console.log(`all done: total ${tasks.reduce((sum, t) => sum + t.result(), 0)}`);
}

asyncio.run(main);
