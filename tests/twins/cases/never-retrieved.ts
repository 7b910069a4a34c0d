import * as asyncio from "asyncio";

function report(loop: asyncio.EventLoop, context: asyncio.ExceptionContext) {
  const task = context.future as asyncio.Task;
  const error = context.exception as Error;
  console.log(`${context.message}: ${task.getName()} ${error.name}('${error.message}')`);
}

async function fail(name: string, delay: number) {
  await asyncio.sleep(delay);
  throw new asyncio.ValueError(name);
}

async function keepsOne() {
  const kept = asyncio.createTask(() => fail("failed while its coroutine ran", 1), { name: "local" });
  await asyncio.sleep(2);
  console.log("keeps_one returns");
}

async function outlived() {
  const later = asyncio.createTask(() => fail("failed after its coroutine ended", 1), { name: "outlived" });
  await asyncio.sleep(0.5);
  console.log("outlived returns");
}

async function starts() {
  return [asyncio.createTask(() => fail("returned to the caller", 0.25), { name: "returned" })];
}

async function main() {
  asyncio.getRunningLoop().setExceptionHandler(report);
  await keepsOne();
  await outlived();
  const [task] = await starts();
  await asyncio.sleep(2);
  try {
    await task!;
  } catch (error) {
    if (!(error instanceof asyncio.ValueError)) throw error;
    console.log("main retrieved", `ValueError('${error.message}')`);
  }
  console.log("main returns");
}

await asyncio.run(main);
console.log("after run");
