import * as asyncio from "asyncio";

async function victim() {
  try {
    await asyncio.sleep(10);
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    const task = asyncio.currentTask()!;
    console.log(`victim: caught '${e.message}', cancelling()=${task.cancelling()}`);
    console.log(`victim: uncancel() -> ${task.uncancel()}, again -> ${task.uncancel()}`);
  }
  await asyncio.sleep(1);
  console.log("victim: carried on");
  return "survived";
}

async function quitter() {
  await asyncio.sleep(10);
}

const py = (b: boolean) => (b ? "True" : "False");

async function main() {
  const task = asyncio.createTask(() => victim());
  await asyncio.sleep(1);
  console.log(`main: cancel('first') -> ${py(task.cancel("first"))}`);
  console.log(`main: cancel('second') -> ${py(task.cancel("second"))}`);
  console.log(`main: cancelling()=${task.cancelling()}`);
  console.log(`main: result '${await task}', cancelled()=${py(task.cancelled())}`);

  const other = asyncio.createTask(() => quitter());
  await asyncio.sleep(0);
  other.cancel("bye");
  for (const attempt of ["await", "await again", "result()", "exception()"]) {
    try {
      if (attempt.startsWith("await")) {
        await other;
      } else if (attempt === "result()") {
        other.result();
      } else {
        other.exception();
      }
    } catch (e) {
      if (!(e instanceof asyncio.CancelledError)) throw e;
      console.log(`main: ${attempt} raised CancelledError '${e.message}'`);
    }
  }
}

asyncio.run(main);
