import * as asyncio from "asyncio";

async function child(name: string, delay: number, swallow = false) {
  try {
    await asyncio.sleep(delay);
    console.log(`${name}: done`);
    return name;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${name}: cancelled '${e.message}'`);
    if (swallow) return `${name} swallowed`;
    throw e;
  }
}

const py = (b: boolean) => (b ? "True" : "False");

function state(fut: asyncio.Future<unknown>) {
  return `done=${py(fut.done())} cancelled=${py(fut.cancelled())}`;
}

async function main() {
  let g: asyncio.Future<unknown[]> = asyncio.gather(() => child("a", 0.5), () => child("b", 2), () => child("c", 3));
  await asyncio.sleep(1);
  console.log(`main: cancel -> ${py(g.cancel("enough"))}`);
  try {
    await g;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`main: gather raised CancelledError '${e.message}', ${state(g)}`);
  }

  g = asyncio.gather(() => child("d", 2, true), () => child("e", 2, true));
  await asyncio.sleep(1);
  console.log(`main: cancel -> ${py(g.cancel())}`);
  try {
    const r = await g;
    console.log(`main: gather returned ${r.join(", ")}`);
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`main: gather raised CancelledError, ${state(g)}`);
  }

  const f = asyncio.createTask(() => child("f", 1));
  const h = asyncio.createTask(() => child("h", 2));
  g = asyncio.gather(f, h);
  await asyncio.sleep(0.5);
  f.cancel();
  try {
    await g;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`main: gather raised CancelledError, ${state(g)}, h ${state(h)}`);
  }
  console.log(`main: h returned ${await h}`);

  const i = asyncio.createTask(() => child("i", 1));
  const j = asyncio.createTask(() => child("j", 2));
  g = asyncio.gather(i, j, { returnExceptions: true });
  await asyncio.sleep(0.5);
  i.cancel();
  const results = await g;
  console.log("main: results " + results.map((r) => (r instanceof Error ? r.name : r)).join(", "));
}

asyncio.run(main);
