import * as asyncio from "asyncio";

class WorkError extends Error {}

async function work(name: string, delay: number, fail = false) {
  await asyncio.sleep(delay);
  if (fail) {
    throw new WorkError(`${name} failed`);
  }
  console.log(`${name}: done`);
  return name;
}

async function main() {
  try {
    await asyncio.gather(work("a", 1), work("b", 0.5, true), work("c", 2));
  } catch (e) {
    if (!(e instanceof WorkError)) throw e;
    console.log(`main: caught ${e.message}`);
  }
  // gather does not cancel the other children: they keep running.
  await asyncio.sleep(3);
  console.log("main: end");
}

asyncio.run(main);
