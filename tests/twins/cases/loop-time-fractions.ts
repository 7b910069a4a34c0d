import * as asyncio from "asyncio";
import * as time from "time";

function pyRepr(x: number): string {
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}

async function main() {
  const loop = asyncio.getRunningLoop();

  const stamp = (label: string) => {
    console.log(`${label}: ${pyRepr(loop.time())}`);
  };

  for (let i = 0; i < 10; i++) await asyncio.sleep(0.1);
  stamp("after 10 sleeps of 0.1");
  await asyncio.sleep(0.2);
  stamp("then 0.2 more");
  await asyncio.sleep(0.1 + 0.2);
  stamp("then 0.1 + 0.2");

  const t0 = loop.time();
  loop.callAt(t0 + 0.3, stamp, "call_at t0 + 0.3");
  loop.callLater(0.1 + 0.2, stamp, "call_later 0.1 + 0.2");
  loop.callLater(0.3 + 5e-10, stamp, "call_later 0.3 + 5e-10 (within the clock resolution)");
  loop.callLater(0.3 + 3e-9, stamp, "call_later 0.3 + 3e-9");
  loop.callLater(0.29999999, stamp, "call_later 0.29999999");
  await asyncio.sleep(1);

  await asyncio.sleep(1e-10);
  stamp("after sleep(1e-10)");
  await asyncio.sleep(0);
  stamp("after sleep(0)");
  await asyncio.sleep(-1);
  stamp("after sleep(-1)");
  time.sleep(0.7);
  stamp("after time.sleep(0.7)");
  console.log(`monotonic agrees: ${time.monotonic() === loop.time() ? "True" : "False"}`);
  await asyncio.sleep(1 / 3);
  stamp("after sleep(1/3)");
  let total = 0.0;
  while (total < 1) {
    await asyncio.sleep(0.05);
    total += 0.05;
  }
  stamp(`after sleeping 0.05 until the sum ${pyRepr(total)} reached 1`);
}

asyncio.run(main);
