import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;

// Expected lines come from CPython 3.11 running the twin Python program (quoted
// above each test) under tests/twins/vclock.py.

describe("timeout", () => {
  // async with asyncio.timeout(1) as cm:
  //     cm.reschedule(loop.time() + 3); await asyncio.sleep(2)
  //     print("survived the first deadline, expired:", cm.expired())
  test("reschedule() replaces the deadline", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const loop = asyncio.getRunningLoop();`,
        `  await asyncio.timeout(1, async (cm) => {`,
        `    cm.reschedule(loop.time() + 3);`,
        `    await asyncio.sleep(2);`,
        `    console.log("survived the first deadline, expired:", cm.expired());`,
        `  });`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[2.000s] survived the first deadline, expired: false"]);
  });

  // try:
  //     async with asyncio.timeout(1) as cm: await asyncio.sleep(5)
  // except TimeoutError:
  //     print("timed out, expired:", cm.expired(), "cancelling:", asyncio.current_task().cancelling())
  test("expires with TimeoutError and withdraws its cancel request", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  let cm: asyncio.Timeout | undefined;`,
        `  try {`,
        `    await asyncio.timeout(1, async (c) => { cm = c; await asyncio.sleep(5); });`,
        `  } catch (e) {`,
        `    if (e instanceof asyncio.TimeoutError) console.log("timed out, expired:", cm!.expired(), "cancelling:", asyncio.currentTask()!.cancelling());`,
        `  }`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[1.000s] timed out, expired: true cancelling: 0"]);
  });

  // async def guarded():
  //     try:
  //         async with asyncio.timeout(1):
  //             try: await asyncio.sleep(5)
  //             except asyncio.CancelledError:
  //                 print("cleaning up"); await asyncio.sleep(0.5); print("never")
  //     except TimeoutError: print("TimeoutError")
  //     except asyncio.CancelledError: print("CancelledError wins"); raise
  // t = asyncio.create_task(guarded()); await asyncio.sleep(1.2); t.cancel()
  // try: await t
  // except asyncio.CancelledError: print("task cancelled:", t.cancelled())
  test("lets a cancellation from outside win over its own expiry", async () => {
    const r = await run(
      program(
        head,
        `async function guarded() {`,
        `  try {`,
        `    await asyncio.timeout(1, async () => {`,
        `      try { await asyncio.sleep(5); }`,
        `      catch (e) { console.log("cleaning up"); await asyncio.sleep(0.5); console.log("never"); }`,
        `    });`,
        `  } catch (e) {`,
        `    if (e instanceof asyncio.TimeoutError) console.log("TimeoutError");`,
        `    else if (e instanceof asyncio.CancelledError) { console.log("CancelledError wins"); throw e; }`,
        `  }`,
        `}`,
        `asyncio.run(async () => {`,
        `  const t = asyncio.createTask(guarded);`,
        `  await asyncio.sleep(1.2);`,
        `  t.cancel();`,
        `  try { await t; } catch (e) { if (e instanceof asyncio.CancelledError) console.log("task cancelled:", t.cancelled()); }`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[1.000s] cleaning up", "[1.200s] CancelledError wins", "[1.200s] task cancelled: true"]);
  });
});
