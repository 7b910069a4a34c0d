import * as asyncio from "asyncio";

async function count(name: string) {
  for (let i = 0; i < 3; i++) {
    console.log(`${name} ${i}`);
    await asyncio.sleep(0);
  }
}

async function main() {
  const a = asyncio.createTask(() => count("a"));
  const b = asyncio.createTask(() => count("b"));
  console.log("main: tasks created");
  await a;
  console.log("main: a finished");
  await b;
  console.log("main: b finished");
}

asyncio.run(main);
