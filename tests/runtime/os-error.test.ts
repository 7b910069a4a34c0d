import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

describe("OSError family", () => {
  test("catches a refused connection and a failed name lookup as OSError", { timeout: 30_000 }, async () => {
    const r = await run(
      program(
        `import * as asyncio from "asyncio";`,
        `asyncio.run(async () => {`,
        `  for (const host of ["127.0.0.1", "nowhere.invalid"]) {`,
        `    try { await asyncio.openConnection(host, 9); }`,
        `    catch (e) { console.log(e instanceof asyncio.OSError, (e as Error).name, (e as Error).message); }`,
        `  }`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.002s] true ConnectionRefusedError [Errno 111] Connect call failed ('127.0.0.1', 9)",
      "[0.007s] true gaierror [Errno -2] Name or service not known",
    ]);
  });
});
