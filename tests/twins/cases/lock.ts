import * as asyncio from "asyncio";

async function useResource(name: string, lock: asyncio.Lock) {
  console.log(`${name}: waiting for the lock`);
  await lock.acquire();
  try {
    console.log(`${name}: acquired`);
    await asyncio.sleep(1);
    console.log(`${name}: releasing`);
  } finally {
    lock.release();
  }
}

async function main() {
  const lock = new asyncio.Lock();
  // Deferred, like the coroutines Python hands to gather: each starts on the loop.
  await asyncio.gather(...["a", "b", "c"].map((n) => () => useResource(n, lock)));
}

asyncio.run(main);
