import * as asyncio from "asyncio";

async function job(n: number, sem: asyncio.Semaphore) {
  await sem.acquire();
  try {
    console.log(`job ${n}: start`);
    await asyncio.sleep(1);
    console.log(`job ${n}: end`);
  } finally {
    sem.release();
  }
}

async function main() {
  const sem = new asyncio.Semaphore(2);
  await asyncio.gather(...[1, 2, 3, 4, 5].map((n) => () => job(n, sem)));
}

asyncio.run(main);
