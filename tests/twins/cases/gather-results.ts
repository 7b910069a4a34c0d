import * as asyncio from "asyncio";

async function fetch(name: string, delay: number) {
  console.log(`${name}: start`);
  await asyncio.sleep(delay);
  console.log(`${name}: done`);
  return name.toUpperCase();
}

async function main() {
  const results = await asyncio.gather(fetch("a", 3), fetch("b", 1), fetch("c", 2));
  console.log(results.join(", "));
}

asyncio.run(main);
