import * as asyncio from "asyncio";

async function main() {
  const loop = asyncio.getRunningLoop();
  const fut = loop.createFuture<string>();
  fut.addDoneCallback((f) => console.log(`done callback: ${f.result()}`));
  loop.callLater(1, () => fut.setResult("ready"));
  console.log("main: awaiting the future");
  const value = await fut;
  console.log(`main: got ${value}`);
}

asyncio.run(main);
