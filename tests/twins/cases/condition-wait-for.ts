import * as asyncio from "asyncio";

async function main() {
  const cond = new asyncio.Condition();
  const state = { level: 0 };

  async function watcher(name: string, threshold: number) {
    await cond.run(async () => {
      console.log(`${name}: waiting for level >= ${threshold}`);
      const result = await cond.waitFor(() => state.level >= threshold && state.level);
      console.log(`${name}: saw level ${result}, locked=${cond.locked() ? "True" : "False"}`);
      await asyncio.sleep(0.25);
      console.log(`${name}: releasing`);
    });
  }

  async function impatient() {
    await cond.run(async () => {
      try {
        await asyncio.waitFor(() => cond.wait(), 0.5);
      } catch (e) {
        if (!(e instanceof asyncio.TimeoutError)) throw e;
        console.log(`impatient: gave up, holds the lock again: ${cond.locked() ? "True" : "False"}`);
      }
    });
  }

  const watchers = (
    [
      ["w1", 2],
      ["w2", 1],
      ["w3", 3],
      ["w4", 2],
    ] as const
  ).map(([n, t]) => asyncio.createTask(() => watcher(n, t)));
  const waiting = asyncio.createTask(() => impatient());
  for (const level of [1, 2, 3]) {
    await asyncio.sleep(1);
    await cond.run(async () => {
      state.level = level;
      console.log(`main: level ${level}, notify_all`);
      cond.notifyAll();
    });
    console.log("main: released");
  }
  await asyncio.gather(...watchers, waiting);

  await cond.run(async () => {
    try {
      cond.notify(-1);
      console.log("main: notify(-1) is allowed");
    } catch (e) {
      if (!(e instanceof asyncio.ValueError)) throw e;
      console.log(`main: ${e.message}`);
    }
  });
  try {
    cond.notify();
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`main: RuntimeError: ${e.message}`);
  }
}

asyncio.run(main);
