import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;
// async def job(name, d, fail=False):
//     try: await asyncio.sleep(d)
//     except asyncio.CancelledError: print(name, "cancelled"); raise
//     if fail: raise ValueError(name)
//     print(name, "done")
const job = program(
  `async function job(name: string, d: number, fail = false) {`,
  `  try { await asyncio.sleep(d); }`,
  `  catch (e) { if (e instanceof asyncio.CancelledError) console.log(name, "cancelled"); throw e; }`,
  `  if (fail) throw new asyncio.ValueError(name);`,
  `  console.log(name, "done");`,
  `}`,
);

// Expected lines come from CPython 3.11 running the twin Python program (quoted
// above each test) under tests/twins/vclock.py.

describe("TaskGroup", () => {
  // try:
  //     async with asyncio.TaskGroup() as tg:
  //         tg.create_task(job("a", 1)); await asyncio.sleep(0.5); raise KeyError("body")
  // except BaseExceptionGroup as eg:
  //     print(type(eg).__name__, [type(e).__name__ for e in eg.exceptions])
  test("cancels its tasks when the body fails, and reports the body's error in the group", async () => {
    const r = await run(
      program(
        head,
        job,
        `class KeyError extends Error { override name = "KeyError"; }`,
        `asyncio.run(async () => {`,
        `  try {`,
        `    await asyncio.taskGroup(async (tg) => {`,
        `      tg.createTask(() => job("a", 1));`,
        `      await asyncio.sleep(0.5);`,
        `      throw new KeyError("body");`,
        `    });`,
        `  } catch (e) {`,
        `    const eg = e as asyncio.ExceptionGroup;`,
        `    console.log(eg.name, "[" + eg.exceptions.map((x) => \`'\${(x as Error).name}'\`).join(", ") + "]");`,
        `  }`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.500s] a cancelled", "[0.500s] ExceptionGroup ['KeyError']"]);
  });

  // try:
  //     async with asyncio.TaskGroup() as tg:
  //         tg.create_task(job("b", 1, True)); tg.create_task(job("c", 2))
  //         await asyncio.sleep(5); print("body never ends")
  // except BaseExceptionGroup as eg:
  //     print(type(eg).__name__, [str(e) for e in eg.exceptions], "cancelling:", asyncio.current_task().cancelling())
  // await asyncio.sleep(1); print("main goes on")
  test("cancels the body and the other tasks when a task fails, then withdraws the body's cancellation", async () => {
    const r = await run(
      program(
        head,
        job,
        `asyncio.run(async () => {`,
        `  try {`,
        `    await asyncio.taskGroup(async (tg) => {`,
        `      tg.createTask(() => job("b", 1, true));`,
        `      tg.createTask(() => job("c", 2));`,
        `      await asyncio.sleep(5);`,
        `      console.log("body never ends");`,
        `    });`,
        `  } catch (e) {`,
        `    const eg = e as asyncio.ExceptionGroup;`,
        `    const messages = "[" + eg.exceptions.map((x) => \`'\${(x as Error).message}'\`).join(", ") + "]";`,
        `    console.log(eg.name, messages, "cancelling:", asyncio.currentTask()!.cancelling());`,
        `  }`,
        `  await asyncio.sleep(1);`,
        `  console.log("main goes on");`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[1.000s] c cancelled", "[1.000s] ExceptionGroup ['b'] cancelling: 0", "[2.000s] main goes on"]);
  });
});
