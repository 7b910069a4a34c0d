import * as asyncio from "asyncio";

async function work(name: string, delay: number) {
  await asyncio.sleep(delay);
  console.log(`${name} done in ${asyncio.currentTask()!.getName()}`);
  return name;
}

async function main() {
  return await work("main", 1);
}

console.log("result:", await asyncio.run(main));
try {
  asyncio.getRunningLoop();
} catch (error) {
  if (!(error instanceof asyncio.RuntimeError)) throw error;
  console.log("after run:", error.message);
}

const loop = asyncio.newEventLoop();
console.log("running:", loop.isRunning() ? "True" : "False", "closed:", loop.isClosed() ? "True" : "False");
console.log("first:", await loop.runUntilComplete(() => work("first", 0.5)));
console.log("second:", await loop.runUntilComplete(() => work("second", 0.25)));
loop.close();
console.log("closed:", loop.isClosed() ? "True" : "False");
const late = () => work("late", 1);
try {
  await loop.runUntilComplete(late);
} catch (error) {
  if (!(error instanceof asyncio.RuntimeError)) throw error;
  console.log("closed loop:", error.message);
}
console.log("again:", await asyncio.run(() => work("again", 1)));
