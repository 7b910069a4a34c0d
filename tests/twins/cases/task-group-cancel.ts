import * as asyncio from "asyncio";

class KeyError extends Error {
  override name = "KeyError";
}

async function child(name: string, delay: number, cleanupError = false) {
  try {
    await asyncio.sleep(delay);
    console.log(`${name}: done`);
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    // A TaskGroup cancels its children in set order (by address in CPython):
    // distinct cleanup times keep the output independent of that order.
    await asyncio.sleep(0.2 + 0.05 * (name.charCodeAt(0) - "a".charCodeAt(0)));
    console.log(`${name}: cancelled`);
    if (cleanupError) throw new asyncio.ValueError(`${name} cleanup failed`);
    throw e;
  }
}

async function quitter() {
  await asyncio.sleep(0.5);
  console.log("quitter: cancels itself");
  throw new asyncio.CancelledError();
}

function show(eg: asyncio.ExceptionGroup) {
  const inner = eg.exceptions
    .map((e) => {
      const err = e as Error;
      // Python's str() of a KeyError is the repr of its key
      return `${err.name}(${err instanceof KeyError ? `'${err.message}'` : err.message})`;
    })
    .join(", ");
  console.log(`main: ExceptionGroup: ${eg.message} [${inner}]`);
}

const py = (b: boolean) => (b ? "True" : "False");

async function main() {
  try {
    await asyncio.taskGroup(async (tg) => {
      tg.createTask(() => child("a", 5, true));
      tg.createTask(() => child("b", 5));
      await asyncio.sleep(1);
      console.log("body: raising");
      throw new KeyError("body");
    });
  } catch (e) {
    if (!(e instanceof asyncio.ExceptionGroup)) throw e;
    show(e);
  }

  await asyncio.taskGroup(async (tg) => {
    tg.createTask(() => quitter());
    tg.createTask(() => child("c", 1));
  });
  console.log("main: a child's own CancelledError does not abort the group");

  async function wrapper(cleanupError: boolean) {
    await asyncio.taskGroup(async (tg) => {
      tg.createTask(() => child("d", 5, cleanupError));
      tg.createTask(() => child("e", 5));
    });
    console.log("wrapper: not reached");
  }

  for (const cleanupError of [false, true]) {
    const task = asyncio.createTask(() => wrapper(cleanupError));
    await asyncio.sleep(1);
    task.cancel();
    try {
      await task;
    } catch (e) {
      if (e instanceof asyncio.CancelledError) {
        console.log(`main: wrapper cancelled=${py(task.cancelled())}`);
      } else if (e instanceof asyncio.ExceptionGroup) {
        show(e);
        console.log(`main: wrapper cancelled=${py(task.cancelled())}`);
      } else {
        throw e;
      }
    }
  }
}

asyncio.run(main);
