import * as asyncio from "asyncio";

class KeyError extends Error {
  override name = "KeyError";
}

async function fail(name: string, delay: number) {
  await asyncio.sleep(delay);
  console.log(`${name}: raising`);
  throw new asyncio.ValueError(`${name} failed`);
}

async function slowCleanup(name: string) {
  try {
    await asyncio.sleep(10);
  } finally {
    console.log(`${name}: cleanup starts`);
    await asyncio.sleep(0.5);
    console.log(`${name}: cleanup ends`);
  }
}

// TaskGroup cancels its children in set order (by address in CPython), so only
// one child prints at the moment of cancellation; the others print after a sleep.
async function badCleanup(name: string) {
  try {
    await asyncio.sleep(10);
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    await asyncio.sleep(0.25);
    console.log(`${name}: cancelled, fails in cleanup`);
    throw new KeyError(`${name} cleanup`);
  }
}

function show(e: unknown, depth = 0) {
  const pad = "  ".repeat(depth);
  if (e instanceof asyncio.ExceptionGroup) {
    console.log(`${pad}ExceptionGroup: ${e.message}`);
    for (const sub of e.exceptions) show(sub, depth + 1);
  } else {
    const err = e as Error;
    console.log(`${pad}${err.name}: ${err.message}`);
  }
}

async function main() {
  try {
    await asyncio.taskGroup(async (tg) => {
      tg.createTask(() => fail("b", 1));
      tg.createTask(() => slowCleanup("c"));
      tg.createTask(() => fail("a", 1));
      tg.createTask(() => badCleanup("d"));
      console.log("body: sleeping");
      await asyncio.sleep(5);
      console.log("body: not reached");
    });
  } catch (e) {
    if (!(e instanceof asyncio.ExceptionGroup)) throw e;
    show(e);
  }

  async function sub() {
    await asyncio.taskGroup(async (inner) => {
      inner.createTask(() => slowCleanup("inner-c"));
      inner.createTask(() => fail("inner-a", 0.5));
    });
  }

  try {
    await asyncio.taskGroup(async (tg) => {
      tg.createTask(() => sub());
      tg.createTask(() => slowCleanup("outer-c"));
      tg.createTask(() => fail("outer-a", 0.75));
    });
  } catch (e) {
    if (!(e instanceof asyncio.ExceptionGroup)) throw e;
    show(e);
  }
}

asyncio.run(main);
