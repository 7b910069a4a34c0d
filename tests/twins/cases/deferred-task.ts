import * as asyncio from "asyncio";

async function fn2() {
  console.log("two");
  await asyncio.sleep(1);
  console.log("three");
}

async function main() {
  console.log("one");
  const task = asyncio.createTask(() => fn2());
  console.log("four");
  await asyncio.sleep(0.5);
  console.log("five");
  await task;
}

asyncio.run(main);
