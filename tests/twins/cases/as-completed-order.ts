import * as asyncio from "asyncio";

async function fetch(name: string, delay: number) {
  await asyncio.sleep(delay);
  return `${name} after ${delay}s`;
}

async function main() {
  const [first, second] = asyncio.asCompleted([fetch("slow", 2), fetch("fast", 1)]);
  console.log("second:", await second!);
  console.log("first:", await first!);
  const items = asyncio.asCompleted([fetch("x", 3), fetch("y", 1), fetch("z", 2)]);
  for (const index of [2, 0, 1]) {
    console.log(index, await items[index]!);
  }
}

asyncio.run(main);
