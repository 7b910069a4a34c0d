import * as asyncio from "asyncio";

async function sleeper(name: string) {
  await asyncio.sleep(1);
  console.log(`${name} woke`);
}

async function main() {
  const tasks = [..."abcdef"].map((name) => asyncio.createTask(() => sleeper(name)));
  await asyncio.gather(...tasks);
}

asyncio.run(main);
