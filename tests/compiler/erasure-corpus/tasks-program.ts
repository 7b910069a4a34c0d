// A typical typed asyncio program: a producer, consumers, a queue, a lock, timeouts and a task group.
import * as asyncio from "asyncio";
import { Queue, type Task } from "asyncio";

interface Job {
  readonly id: number;
  cost: number;
  note?: string;
}

type Result = { job: Job["id"]; worker: string; at: number };

class Stats {
  private done: Result[] = [];
  private readonly lock = new asyncio.Lock();

  async record(result: Result): Promise<void> {
    await this.lock.acquire();
    try {
      this.done.push(result);
    } finally {
      this.lock.release();
    }
  }

  get count(): number {
    return this.done.length;
  }

  byWorker(): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (const { worker, job } of this.done) (out[worker] ??= []).push(job);
    return out;
  }
}

async function producer(queue: Queue<Job | null>, n: number): Promise<void> {
  for (let id = 1; id <= n; id++) {
    await queue.put({ id, cost: (id % 3) + 1 } satisfies Job);
    await asyncio.sleep(0.2);
  }
}

async function consumer(name: string, queue: Queue<Job | null>, stats: Stats): Promise<number> {
  let handled = 0;
  for (;;) {
    const job = (await queue.get()) as Job | null;
    queue.taskDone();
    if (job === null) return handled;
    await asyncio.sleep(job.cost);
    await stats.record({ job: job.id, worker: name, at: asyncio.getRunningLoop().time() });
    handled++;
  }
}

async function slow(seconds: number): Promise<string> {
  await asyncio.sleep(seconds);
  return `slow ${seconds}`;
}

async function main(): Promise<void> {
  const queue = new Queue<Job | null>({ maxsize: 2 } as { maxsize: number });
  const stats = new Stats();
  const consumers: Task<number>[] = ["a", "b"].map((name: string) =>
    asyncio.createTask(() => consumer(name, queue, stats), { name: `consumer-${name}` }),
  );
  await producer(queue, 6);
  for (const _ of consumers) await queue.put(null);
  const handled = (await asyncio.gather(...consumers)) as number[];
  console.log("handled", handled, stats.count, stats.byWorker());
  try {
    await asyncio.waitFor(slow(5), 1);
  } catch (err: unknown) {
    console.log("timed out:", (err as Error).name);
  }
  const results: string[] = [];
  await asyncio.taskGroup(async (tg): Promise<void> => {
    for (const s of [0.3, 0.1, 0.2] as const) tg.createTask(async () => void results.push(await slow(s)));
  });
  console.log(results, asyncio.getRunningLoop().time());
}

asyncio.run(main);
