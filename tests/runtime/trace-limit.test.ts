import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

const loop = (turns: number): string =>
  program(
    `import * as asyncio from "asyncio";`,
    `asyncio.run(async () => { for (let i = 0; i < ${turns}; i++) await asyncio.sleep(0.001); console.log("done"); });`,
  );

describe("trace limit", () => {
  test("ends a cut trace with when it was cut and how many events were left out", { timeout: 120_000 }, async () => {
    const r = await run(loop(60_000), { watchdogMs: 60_000 });
    assert.equal(r.error, null);
    assert.equal(r.trace.length, 200_001);
    const last = r.trace.at(-1)!;
    assert.equal(last.kind, "trace-cut");
    const cut = /^trace cut at t=(\d+\.\d{3})s after 200,000 events \(its limit\): ([\d,]+) later events not recorded$/.exec(last.detail ?? "");
    assert.ok(cut, `unexpected detail: ${last.detail}`);
    assert.equal(cut[1], last.t.toFixed(3));
    assert.ok(last.t > 0 && last.t < 60, `cut at t=${last.t}`);
    assert.equal(r.trace.filter((e) => e.kind === "trace-cut").length, 1);
    // Every turn records the same events: two short runs give the full trace's length, and so what was left out.
    const short = [(await run(loop(1000))).trace.length, (await run(loop(2000))).trace.length];
    const perTurn = (short[1]! - short[0]!) / 1000;
    const full = short[0]! + (60_000 - 1000) * perTurn;
    assert.equal(cut[2]!.replaceAll(",", ""), String(full - 200_000));
  });

  test("adds nothing to a trace under the limit", { timeout: 30_000 }, async () => {
    const r = await run(program(`import * as asyncio from "asyncio";`, `asyncio.run(async () => { await asyncio.sleep(1); });`));
    assert.equal(r.trace.filter((e) => e.kind === "trace-cut").length, 0);
  });
});
