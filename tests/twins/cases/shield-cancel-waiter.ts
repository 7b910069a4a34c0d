import * as asyncio from "asyncio";

async function save() {
  try {
    console.log("save: started");
    await asyncio.sleep(2);
    console.log("save: finished");
    return "saved";
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log("save: cancelled");
    throw e;
  }
}

const py = (b: boolean) => (b ? "True" : "False");

async function waiter(inner: asyncio.Task<string>) {
  try {
    const result = await asyncio.shield(inner);
    console.log(`waiter: got ${result}`);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`waiter: cancelled, inner done()=${py(inner.done())}`);
    throw e;
  }
}

async function main() {
  const inner = asyncio.createTask(() => save());
  const outer = asyncio.createTask(() => waiter(inner));
  await asyncio.sleep(1);
  outer.cancel();
  await asyncio.sleep(0);
  console.log(`main: outer cancelled()=${py(outer.cancelled())}, inner done()=${py(inner.done())}`);
  console.log(`main: ${await inner}`);

  // shield over a coroutine: cancelling the shield future itself
  const shielded = asyncio.shield(() => save());
  await asyncio.sleep(0.5);
  console.log(`main: shield.cancel() -> ${py(shielded.cancel())}`);
  try {
    await shielded;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log("main: the shield future is cancelled");
  }
  await asyncio.sleep(2);
  console.log("main: done");

  // the shielded task fails: the waiter sees the error
  async function fail() {
    await asyncio.sleep(0.5);
    throw new asyncio.ValueError("boom");
  }

  try {
    await asyncio.shield(() => fail());
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`main: shield raised ${e.message}`);
  }
}

asyncio.run(main);
