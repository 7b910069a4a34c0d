import * as asyncio from "asyncio";

const py = (b: boolean) => (b ? "True" : "False");

function state(sem: asyncio.Semaphore) {
  const text = String(sem);
  return text.slice(text.indexOf("["));
}

async function main() {
  const event = new asyncio.Event();

  async function waiter(name: string) {
    console.log(`${name}: wait -> ${py(await event.wait())}, is_set=${py(event.isSet())}`);
  }

  const tasks = [0, 1].map((n) => asyncio.createTask(() => waiter(`e${n}`)));
  await asyncio.sleep(0.5);
  event.set();
  event.clear();
  console.log("main: set then cleared in the same step");
  await asyncio.gather(...tasks);
  const late = asyncio.createTask(() => waiter("late"));
  await asyncio.sleep(1);
  console.log(`main: late done=${py(late.done())}`);
  event.set();
  event.set();
  await late;
  console.log(`main: wait on a set event -> ${py(await event.wait())}`);

  const sem = new asyncio.Semaphore(1);

  async function user(name: string, hold: number) {
    await sem.run(async () => {
      console.log(`${name}: in`);
      await asyncio.sleep(hold);
    });
    console.log(`${name}: out`);
  }

  sem.release();
  sem.release();
  console.log(`main: released twice, ${state(sem)}`);
  const users = [0, 1, 2, 3, 4].map((n) => asyncio.createTask(() => user(`u${n}`, 1)));
  await asyncio.sleep(0);
  console.log(`main: ${state(sem)}`);
  await asyncio.gather(...users);
  console.log(`main: ${state(sem)}`);

  await sem.acquire();
  await sem.acquire();
  await sem.acquire();
  const waiters = [0, 1, 2].map((n) => asyncio.createTask(() => user(`v${n}`, 0.5)));
  await asyncio.sleep(0);
  sem.release();
  waiters[0].cancel();
  console.log("main: released once, cancelled v0 in the same step");
  await asyncio.sleep(0);
  sem.release();
  const newcomer = asyncio.createTask(() => user("newcomer", 0.5));
  await asyncio.gather(...waiters, newcomer, { returnExceptions: true });
  console.log(`main: ${state(sem)}`);

  const bounded = new asyncio.BoundedSemaphore(2);
  await bounded.acquire();
  bounded.release();
  try {
    bounded.release();
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`main: ValueError: ${e.message}`);
  }
}

asyncio.run(main);
