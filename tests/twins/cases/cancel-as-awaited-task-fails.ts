import * as asyncio from "asyncio";

async function boom(name: string, delay: number) {
  await asyncio.sleep(delay);
  throw new asyncio.ValueError(`${name} failed`);
}

async function inner(task: asyncio.Task) {
  await task;
}

async function catcher(task: asyncio.Task) {
  try {
    await inner(task);
  } catch (e) {
    console.log("catcher caught", (e as Error).name);
    throw e;
  }
}

async function pack(name: string, seconds: number) {
  await asyncio.sleep(seconds);
  console.log(`${name}: packed`);
}

async function groupBodyAwaitsItsFailingChild() {
  try {
    await asyncio.taskGroup(async (tg) => {
      await tg.createTask(() => pack("wheels", 1));
      await tg.createTask(() => boom("frame", 1));
      await tg.createTask(() => pack("bell", 1));
    });
  } catch (err) {
    if (!(err instanceof asyncio.ExceptionGroup)) throw err;
    for (const e of err.exceptions as Error[]) console.log("group failed:", e.message);
  }
  await asyncio.sleep(1);
  console.log("after the group");
}

async function main() {
  // The cancel request arrives in the same step as the failure it waits on:
  // the coroutine gets CancelledError, not the task's ValueError.
  const a = asyncio.createTask(() => boom("a", 1));
  const c = asyncio.createTask(() => catcher(a));
  a.addDoneCallback(() => c.cancel());
  const b = asyncio.createTask(() => boom("b", 1));
  const w = asyncio.createTask(() => inner(b));
  b.addDoneCallback(() => w.cancel());
  await asyncio.gather(a, b, c, w, { returnExceptions: true });
  console.log("catcher cancelled:", c.cancelled() ? "True" : "False");
  console.log("inner cancelled:", w.cancelled() ? "True" : "False");
  await groupBodyAwaitsItsFailingChild();
}

asyncio.run(main);
