// Compiled by `tsc` (npm test's "types" stage), never run: the public API must type common calls.
import * as asyncio from "../../src/runtime/index.ts";

export async function typedCalls(): Promise<void> {
  const work = async (n: number): Promise<string> => String(n);
  const [a, b] = await asyncio.gather(work(1), work(2));
  const upper: string = a.toUpperCase() + b;
  const mixed = await asyncio.gather(work(1), work(2), { returnExceptions: true });
  const first: unknown = mixed[0];
  const fut = asyncio.getRunningLoop().createFuture<number>();
  fut.addDoneCallback((f) => console.log(f.result() + 1));
  const task = asyncio.createTask(() => work(3), { name: "three" });
  const name: string = task.getName();
  const [done] = await asyncio.wait([task], { returnWhen: asyncio.FIRST_COMPLETED });
  void [upper, first, name, done.size];
}
