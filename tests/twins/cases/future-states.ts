import * as asyncio from "asyncio";

const py = (b: boolean) => (b ? "True" : "False");

async function selfCancelThenReturn() {
  asyncio.currentTask()!.cancel("me");
  console.log("self-cancel: returning anyway");
  return "value";
}

async function selfCancelThenAwait() {
  asyncio.currentTask()!.cancel();
  try {
    await asyncio.sleep(0);
    console.log("self-cancel-await: not reached");
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log("self-cancel-await: cancelled at the next await");
    throw e;
  }
}

async function neverStarted() {
  console.log("never_started: not reached");
}

async function main() {
  const loop = asyncio.getRunningLoop();
  let fut = loop.createFuture<unknown>();
  for (const op of ["result", "exception"] as const) {
    try {
      fut[op]();
    } catch (e) {
      if (!(e instanceof asyncio.InvalidStateError)) throw e;
      console.log(`pending ${op}(): InvalidStateError: ${e.message}`);
    }
  }
  fut.addDoneCallback((f) => console.log(`callback 1: cancelled=${py(f.cancelled())}`));
  fut.addDoneCallback(() => console.log("callback 2"));
  const first = fut.cancel("why");
  console.log(`cancel -> ${py(first)}, again -> ${py(fut.cancel())}`);
  console.log("callbacks have not run yet");
  try {
    fut.exception();
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`cancelled exception(): CancelledError '${e.message}'`);
  }
  try {
    fut.setResult(1);
  } catch (e) {
    if (!(e instanceof asyncio.InvalidStateError)) throw e;
    console.log("set_result on a cancelled future: InvalidStateError");
  }
  await asyncio.sleep(0);
  fut.addDoneCallback(() => console.log("callback 3, added when done"));
  console.log("callback 3 not run yet");
  await asyncio.sleep(0);

  fut = loop.createFuture<unknown>();
  fut.setException(new asyncio.ValueError("bad"));
  const exc = fut.exception() as Error;
  console.log(`exception() -> ${exc.name}('${exc.message}'), done=${py(fut.done())}`);
  const cb = () => console.log("never");
  const fut2 = loop.createFuture<unknown>();
  fut2.addDoneCallback(cb);
  fut2.addDoneCallback(cb);
  console.log(`remove_done_callback -> ${fut2.removeDoneCallback(cb)}`);
  fut2.setResult(null);

  let task: asyncio.Task<unknown> = asyncio.createTask(() => selfCancelThenReturn());
  try {
    await task;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`main: the returning task ended cancelled=${py(task.cancelled())}, '${e.message}'`);
  }
  task = asyncio.createTask(() => selfCancelThenAwait());
  await asyncio.wait([task]);
  console.log(`main: cancelled=${py(task.cancelled())}`);
  task = asyncio.createTask(() => neverStarted());
  console.log(`main: cancel before start -> ${py(task.cancel())}`);
  await asyncio.sleep(0);
  const again = task.cancel();
  console.log(`main: never_started cancelled=${py(task.cancelled())}, cancel now -> ${py(again)}`);
}

asyncio.run(main);
