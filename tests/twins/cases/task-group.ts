import * as asyncio from "asyncio";

class WorkError extends Error {}

async function work(name: string, delay: number, fail = false) {
  try {
    await asyncio.sleep(delay);
    if (fail) {
      throw new WorkError(`${name} failed`);
    }
    console.log(`${name}: done`);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${name}: cancelled`);
    throw e;
  }
}

async function main() {
  try {
    await asyncio.taskGroup(async (tg) => {
      tg.createTask(() => work("a", 0.5));
      tg.createTask(() => work("b", 1, true));
      tg.createTask(() => work("c", 2));
    });
    console.log("main: not reached");
  } catch (e) {
    if (!(e instanceof asyncio.ExceptionGroup)) throw e;
    for (const err of e.exceptions) {
      console.log(`main: caught ${(err as WorkError).message}`);
    }
  }
}

asyncio.run(main);
