import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;

describe("deep chains of awaits", () => {
  test("finishes a 32,000-level async recursion, each level suspending, and keeps its task", { timeout: 120_000 }, async () => {
    const r = await run(
      program(
        head,
        `async function down(n: number): Promise<number> {`,
        `  await asyncio.sleep(0);`,
        `  if (n === 0) { console.log("bottom in", asyncio.currentTask()!.getName()); return 0; }`,
        `  return (await down(n - 1)) + 1;`,
        `}`,
        `asyncio.run(async () => console.log(await down(32_000)));`,
      ),
      { watchdogMs: 60_000, trace: false },
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.000s] bottom in Task-1", "[0.000s] 32000"]);
  });

  test("cancels a task suspended 20,000 coroutines deep at its innermost await", { timeout: 120_000 }, async () => {
    const r = await run(
      program(
        head,
        `async function down(n: number): Promise<void> {`,
        `  if (n === 0) { await asyncio.sleep(10); return; }`,
        `  await asyncio.sleep(0);`,
        `  await down(n - 1);`,
        `}`,
        `asyncio.run(async () => {`,
        `  const task = asyncio.createTask(() => down(20_000), { name: "deep" });`,
        `  await asyncio.sleep(1);`,
        `  console.log(String(task));`,
        `  task.cancel();`,
        `  try { await task; } catch (e) { console.log(e instanceof asyncio.CancelledError, task.cancelled()); }`,
        `});`,
      ),
      { watchdogMs: 60_000, trace: false },
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[1.000s] <Task deep [pending, waiting on sleep(10)]>", "[1.000s] true true"]);
  });
});
