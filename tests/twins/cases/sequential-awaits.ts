import * as asyncio from "asyncio";

async function sayAfter(delay: number, what: string) {
  await asyncio.sleep(delay);
  console.log(what);
}

async function main() {
  console.log("started");
  await sayAfter(1, "hello");
  await sayAfter(2, "world");
  console.log("finished");
}

asyncio.run(main);
