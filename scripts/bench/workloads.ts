/**
 * The benchmark workloads, each written twice: TypeScript for this runtime and
 * Python for CPython's asyncio. Both run on a virtual clock, so a "sleep" costs
 * only the scheduling work, which is what is measured.
 */
export interface Workload {
  name: string;
  /** What one run does, for the report. */
  what: string;
  /** Loop steps (handles) one run takes, about; for the per-step figure. */
  steps: number;
  ts: string;
  py: string;
}

export const workloads: Workload[] = [
  {
    name: "tasks×sleeps",
    what: "10,000 tasks, each awaiting asyncio.sleep(1) 100 times",
    steps: 10_000 * 101,
    ts: `import * as asyncio from "asyncio";
async function worker() {
  for (let i = 0; i < 100; i++) await asyncio.sleep(1);
}
asyncio.run(async () => {
  const tasks = [];
  for (let k = 0; k < 10_000; k++) tasks.push(asyncio.createTask(worker));
  await asyncio.gather(...tasks);
});
`,
    py: `import asyncio
async def worker():
    for i in range(100):
        await asyncio.sleep(1)
async def main():
    tasks = [asyncio.create_task(worker()) for k in range(10_000)]
    await asyncio.gather(*tasks)
asyncio.run(main())
`,
  },
  {
    name: "callSoon chain",
    what: "1,000,000 callbacks, each scheduling the next with callSoon",
    steps: 1_000_000,
    ts: `import * as asyncio from "asyncio";
asyncio.run(async () => {
  const loop = asyncio.getRunningLoop();
  const done = loop.createFuture();
  let n = 0;
  function step() {
    if (++n === 1_000_000) done.setResult(n);
    else loop.callSoon(step);
  }
  loop.callSoon(step);
  await done;
});
`,
    py: `import asyncio
async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    n = 0
    def step():
        nonlocal n
        n += 1
        if n == 1_000_000:
            done.set_result(n)
        else:
            loop.call_soon(step)
    loop.call_soon(step)
    await done
asyncio.run(main())
`,
  },
  {
    name: "callSoon batch",
    what: "1,000,000 callbacks scheduled at once with callSoon",
    steps: 1_000_000,
    ts: `import * as asyncio from "asyncio";
asyncio.run(async () => {
  const loop = asyncio.getRunningLoop();
  const done = loop.createFuture();
  let n = 0;
  const count = () => {
    if (++n === 1_000_000) done.setResult(n);
  };
  for (let i = 0; i < 1_000_000; i++) loop.callSoon(count);
  await done;
});
`,
    py: `import asyncio
async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    n = 0
    def count():
        nonlocal n
        n += 1
        if n == 1_000_000:
            done.set_result(n)
    for i in range(1_000_000):
        loop.call_soon(count)
    await done
asyncio.run(main())
`,
  },
];
