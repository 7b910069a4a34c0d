import * as asyncio from "asyncio";
import * as time from "time";

async function ticker() {
  for (let i = 0; i < 4; i++) {
    console.log(`tick ${i}`);
    await asyncio.sleep(0.5);
  }
}

async function blocker() {
  console.log("blocker: time.sleep(1) blocks the whole loop");
  time.sleep(1);
  console.log("blocker: asyncio.sleep(1) lets others run");
  await asyncio.sleep(1);
  console.log("blocker: done");
}

async function main() {
  await asyncio.gather(ticker(), blocker());
}

asyncio.run(main);
