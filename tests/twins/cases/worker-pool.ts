import * as asyncio from "asyncio";

async function worker(name: string, queue: asyncio.Queue<[string, number]>, log: string[]) {
  try {
    for (;;) {
      const [job, cost] = await queue.get();
      console.log(`${name}: start ${job}`);
      await asyncio.sleep(cost);
      log.push(job);
      console.log(`${name}: end ${job}`);
      queue.taskDone();
    }
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${name}: cancelled while idle`);
    throw e;
  }
}

async function main() {
  const queue = new asyncio.Queue<any>();
  [0.3, 0.1, 0.2, 0.5, 0.1, 0.4, 0.2].forEach((cost, n) => queue.putNowait([`job${n}`, cost]));
  const log: string[] = [];
  const workers = [0, 1, 2].map((n) => asyncio.createTask(() => worker(`w${n}`, queue, log)));
  await queue.join();
  console.log(`main: joined, ${log.length} jobs, in order ${log.join(" ")}`);
  for (const w of workers) w.cancel();
  const results = await asyncio.gather(...workers, { returnExceptions: true });
  console.log("main: workers " + results.map((r) => (r as Error).name).join(", "));
  try {
    queue.taskDone();
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log("main: one task_done() too many raises ValueError");
  }

  async function getter(name: string) {
    try {
      console.log(`${name}: got ${await queue.get()}`);
    } catch (e) {
      if (e instanceof asyncio.CancelledError) console.log(`${name}: cancelled`);
      throw e;
    }
  }

  const first = asyncio.createTask(() => getter("first"));
  const second = asyncio.createTask(() => getter("second"));
  await asyncio.sleep(0);
  queue.putNowait("the only item");
  first.cancel();
  await asyncio.sleep(0);
  await asyncio.sleep(0);
  console.log(`main: second done=${second.done() ? "True" : "False"}, queue size=${queue.qsize()}`);
  try {
    await asyncio.waitFor(() => queue.join(), 1);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log("main: join timed out, one task_done() missing");
  }
}

asyncio.run(main);
