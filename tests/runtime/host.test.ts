import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createRun } from "../../src/runtime/host.ts";

describe("createRun", () => {
  test("runs code the compiler never saw, delivering a cancellation to a sleeping task at once", { timeout: 30_000 }, async () => {
    const run = createRun({ trace: true });
    const error = await run.execute(async ({ modules: { asyncio }, globals: { console } }) => {
      await asyncio.run(async () => {
        const loop = asyncio.getRunningLoop();
        const sleeper = asyncio.createTask(
          async () => {
            await asyncio.sleep(0);
            try {
              await asyncio.sleep(10);
            } catch (e) {
              console.log("cancelled at", loop.time(), e instanceof asyncio.CancelledError);
              throw e;
            }
          },
          { name: "sleeper" },
        );
        await asyncio.sleep(1);
        sleeper.cancel();
        try {
          await sleeper;
        } catch (e) {
          console.log("sleeper cancelled:", sleeper.cancelled(), "at", loop.time());
        }
      });
      console.log("outside:", (() => { try { return String(asyncio.getRunningLoop()); } catch (e) { return (e as Error).message; } })());
    });
    assert.equal(error, null);
    assert.deepEqual(
      run.lines().map((l) => `${l.t.toFixed(3)} ${l.text}`),
      ["1.000 cancelled at 1 true", "1.000 sleeper cancelled: true at 1", "1.000 outside: no running event loop"],
    );
    assert.deepEqual(run.stats(), { steps: run.stats().steps, virtualTime: 1 });
    assert.ok(run.events().some((e) => e.kind === "task-cancelled" && e.task === "sleeper"));
  });

  test("resolves to the error that ended the program", { timeout: 30_000 }, async () => {
    const run = createRun();
    const error = await run.execute(async ({ modules: { asyncio } }) => {
      await asyncio.run(async () => {
        await asyncio.getRunningLoop().createFuture();
      });
    });
    assert.ok(error instanceof Error);
    assert.equal(error.name, "DeadlockError");
    assert.match(error.message, /^Deadlock at t=0\.000s/);
  });
});
