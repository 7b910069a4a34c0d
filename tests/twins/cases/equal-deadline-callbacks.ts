import * as asyncio from "asyncio";

async function main() {
  const loop = asyncio.getRunningLoop();
  for (let n = 1; n < 4; n++) {
    loop.callLater(1, console.log, `timer ${n}`);
  }
  await asyncio.sleep(2);
  for (let n = 1; n < 8; n++) {
    loop.callLater(1, console.log, `timer ${n}`);
  }
  await asyncio.sleep(2);
}

asyncio.run(main);
