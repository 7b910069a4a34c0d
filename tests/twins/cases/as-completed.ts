import * as asyncio from "asyncio";

async function fetch(name: string, delay: number) {
  await asyncio.sleep(delay);
  return `${name} after ${delay}s`;
}

async function main() {
  const aws = [fetch("a", 3), fetch("b", 1), fetch("c", 2)];
  for (const nextDone of asyncio.asCompleted(aws)) {
    console.log(await nextDone);
  }
}

asyncio.run(main);
