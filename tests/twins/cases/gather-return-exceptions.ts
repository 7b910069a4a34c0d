import * as asyncio from "asyncio";

class WorkError extends Error {}

async function work(name: string, delay: number, fail = false) {
  await asyncio.sleep(delay);
  if (fail) {
    throw new WorkError(`${name} failed`);
  }
  return `${name} ok`;
}

async function main() {
  const results = await asyncio.gather(
    work("a", 1), work("b", 0.5, true), work("c", 2),
    { returnExceptions: true },
  );
  for (const result of results) {
    if (result instanceof WorkError) {
      console.log(`error: ${result.message}`);
    } else {
      console.log(`value: ${result}`);
    }
  }
}

asyncio.run(main);
