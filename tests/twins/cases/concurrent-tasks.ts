import * as asyncio from "asyncio";

async function sayAfter(delay: number, what: string) {
  await asyncio.sleep(delay);
  console.log(what);
}

async function main() {
  const task1 = asyncio.createTask(() => sayAfter(1, "hello"));
  const task2 = asyncio.createTask(() => sayAfter(2, "world"));
  console.log("started");
  await task1;
  await task2;
  console.log("finished");
}

asyncio.run(main);
