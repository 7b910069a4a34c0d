import * as asyncio from "asyncio";

async function main() {
  const loop = asyncio.getRunningLoop();
  const fired: Array<string | number> = [];

  const fire = (label: string | number) => {
    fired.push(label);
  };

  const flush = (title: string) => {
    console.log(`${title}: ${fired.join(" ")}`);
    fired.length = 0;
  };

  let handles = [...Array(12).keys()].map((n) => loop.callLater(1, fire, n));
  for (const n of [0, 3, 7, 11]) handles[n].cancel();
  await asyncio.sleep(2);
  flush("a");

  const start = loop.time();
  handles = [...Array(20).keys()].map((n) => loop.callAt(start + 1 + (n % 3) * 0.5, fire, n));
  for (const n of [1, 2, 9, 10]) handles[n].cancel();
  await asyncio.sleep(3);
  flush("b");

  handles = [];

  const canceller = (n: number) => {
    fired.push(`c${n}`);
    for (const h of handles.slice(n + 1, n + 3)) h.cancel();
  };

  for (let n = 0; n < 12; n++) {
    if (n % 4 === 0) {
      handles.push(loop.callLater(1, canceller, n));
    } else {
      handles.push(loop.callLater(1, fire, n));
    }
  }
  await asyncio.sleep(2);
  flush("c");

  handles = [...Array(150).keys()].map((n) => loop.callLater(1, fire, n));
  for (let n = 0; n < 150; n++) {
    if (n % 3 !== 1) handles[n].cancel();
  }
  const sentinel = loop.callLater(0.5, fire, "first");
  await asyncio.sleep(2);
  console.log(`d: ${fired.length} fired, first ${fired[0]}, then ${fired.slice(1).join(" ")}`);
  fired.length = 0;
  sentinel.cancel();
  console.log(`d: sentinel cancelled after it ran: cancelled=${sentinel.isCancelled() ? "True" : "False"}`);
}

asyncio.run(main);
