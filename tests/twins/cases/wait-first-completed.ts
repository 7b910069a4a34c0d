import * as asyncio from "asyncio";

async function fetch(delay: number) {
  await asyncio.sleep(delay);
  return `after ${delay}s`;
}

async function main() {
  const specs: [string, number][] = [["a", 3], ["b", 1], ["c", 2]];
  const tasks = specs.map(([n, d]) => asyncio.createTask(() => fetch(d), { name: n }));
  const [done, pending] = await asyncio.wait(tasks, { returnWhen: asyncio.FIRST_COMPLETED });
  console.log(`done: ${done.size}, pending: ${pending.size}`);
  for (const task of tasks) {
    if (done.has(task)) {
      console.log(`${task.getName()}: ${task.result()}`);
    } else {
      task.cancel();
    }
  }
  await asyncio.sleep(0);
  for (const task of tasks) {
    console.log(`${task.getName()}: ${task.cancelled() ? "cancelled" : "not cancelled"}`);
  }
}

asyncio.run(main);
