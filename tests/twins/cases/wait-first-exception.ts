import * as asyncio from "asyncio";

async function job(name: string, delay: number, fail = false) {
  await asyncio.sleep(delay);
  if (fail) {
    console.log(`${name}: failing`);
    throw new asyncio.ValueError(name);
  }
  console.log(`${name}: finished`);
  return name;
}

function names(tasks: Iterable<asyncio.Future<string>>) {
  return (
    [...tasks]
      .map((t) => (t as asyncio.Task<string>).getName())
      .sort()
      .join(", ") || "-"
  );
}

type Spec = [string, number, boolean?];

async function main() {
  const start = (specs: Spec[]) =>
    specs.map(([n, d, f]) => asyncio.createTask(() => job(n, d, f ?? false), { name: n }));

  let tasks = start([["a", 0.5], ["b", 1, true], ["c", 2]]);
  let [done, pending] = await asyncio.wait(tasks, { returnWhen: asyncio.FIRST_EXCEPTION });
  console.log(`main: done [${names(done)}] pending [${names(pending)}]`);
  for (const t of [...done].sort((x, y) => names([x]).localeCompare(names([y])))) {
    const exc = t.exception() as Error | null;
    console.log(`main: ${names([t])} exception=${exc === null ? "None" : `${exc.name}('${exc.message}')`}`);
  }
  await asyncio.wait(pending);

  tasks = start([["d", 0.5], ["e", 1]]);
  tasks[0].cancel();
  [done, pending] = await asyncio.wait(tasks, { returnWhen: asyncio.FIRST_EXCEPTION });
  console.log(`main: a cancellation is no exception: done [${names(done)}] pending [${names(pending)}]`);

  tasks = start([["f", 0.5], ["g", 1]]);
  [done, pending] = await asyncio.wait(tasks, { timeout: 0.75, returnWhen: asyncio.FIRST_EXCEPTION });
  console.log(`main: timeout: done [${names(done)}] pending [${names(pending)}]`);
  [done, pending] = await asyncio.wait(pending, { timeout: 0 });
  console.log(`main: timeout=0: done [${names(done)}] pending [${names(pending)}]`);
  [done, pending] = await asyncio.wait(tasks);
  console.log(`main: all: done [${names(done)}] pending [${names(pending)}]`);

  tasks = start([["h", 0.5, true], ["i", 0.5, true]]);
  [done, pending] = await asyncio.wait(tasks, { returnWhen: asyncio.FIRST_COMPLETED });
  console.log(`main: first completed: done [${names(done)}] pending [${names(pending)}]`);
}

asyncio.run(main);
