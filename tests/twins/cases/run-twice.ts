import * as asyncio from "asyncio";

async function main(label: string) {
  console.log(`${label}: ${asyncio.currentTask()!.getName()}`);
  await asyncio.sleep(1);
  return label.toUpperCase();
}

console.log(await asyncio.run(() => main("first")));
console.log(await asyncio.run(() => main("second")));
