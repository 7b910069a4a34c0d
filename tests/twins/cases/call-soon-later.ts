import * as asyncio from "asyncio";

function report(what: string) {
  console.log(`callback: ${what}`);
}

async function main() {
  const loop = asyncio.getRunningLoop();
  loop.callLater(2, report, "later 2");
  loop.callLater(1, report, "later 1");
  loop.callSoon(report, "soon 1");
  loop.callSoon(report, "soon 2");
  const handle = loop.callLater(1.5, report, "never");
  handle.cancel();
  console.log("main: scheduled");
  await asyncio.sleep(3);
  console.log("main: end");
}

asyncio.run(main);
