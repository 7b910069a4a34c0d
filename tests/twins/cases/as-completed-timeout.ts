import * as asyncio from "asyncio";

async function job(name: string, delay: number) {
  await asyncio.sleep(delay);
  console.log(`${name}: finished`);
  return name;
}

const py = (b: boolean) => (b ? "True" : "False");

async function main() {
  const tasks = (
    [
      ["slow", 3],
      ["fast", 0.5],
      ["mid", 1],
      ["mid2", 1],
    ] as const
  ).map(([n, d]) => asyncio.createTask(() => job(n, d)));
  let got = 0;
  try {
    for (const nextDone of asyncio.asCompleted(tasks, { timeout: 2 })) {
      console.log(`main: got ${await nextDone}`);
      got++;
    }
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`main: timed out after ${got} results`);
  }
  console.log("main: pending " + tasks.map((t) => "job:" + py(t.done())).join(", "));
  await asyncio.sleep(2);
  console.log(`main: slow done=${py(tasks[0].done())} result=${tasks[0].result()}`);

  const loop = asyncio.getRunningLoop();
  const fut = loop.createFuture<string>();
  loop.callLater(0.25, () => fut.setResult("from a future"));
  for (const nextDone of asyncio.asCompleted<string>([() => job("coro", 0.5), fut])) {
    console.log(`main: got ${await nextDone}`);
  }
}

asyncio.run(main);
