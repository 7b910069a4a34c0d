import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../bin/awaitable.mjs", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "awaitable-cli-"));

function cli(source: string, ...args: string[]) {
  const file = path.join(dir, "prog.ts");
  writeFileSync(file, source);
  const started = performance.now();
  const res = spawnSync(process.execPath, [bin, "run", file, ...args], { encoding: "utf8", timeout: 20_000 });
  return { ...res, seconds: (performance.now() - started) / 1000 };
}

const sample = [
  `import * as asyncio from "asyncio";`,
  `async function main() {`,
  `  console.log("start");`,
  `  await asyncio.sleep(1.5);`,
  `  console.error("a warning");`,
  `  console.log("end");`,
  `}`,
  `asyncio.run(main);`,
].join("\n");

describe("awaitable run", () => {
  test("prints the program's output, stderr apart", () => {
    const res = cli(sample);
    assert.equal(res.status, 0);
    assert.equal(res.stdout, "start\nend\n");
    assert.equal(res.stderr, "a warning\n");
  });

  test("prefixes each line with its virtual time with --clock", () => {
    const res = cli(sample, "--clock");
    assert.equal(res.stdout, "[0.000s] start\n[1.500s] end\n");
  });

  test("writes the output and the trace as JSON with --trace", () => {
    const out = path.join(dir, "trace.json");
    const res = cli(sample, "--trace", out);
    assert.equal(res.status, 0);
    const data = JSON.parse(readFileSync(out, "utf8"));
    assert.equal(data.error, null);
    const kinds = new Set(data.trace.map((e: { kind: string }) => e.kind));
    for (const kind of ["task-created", "task-started", "task-suspended", "task-resumed", "task-finished", "timer-scheduled", "timer-fired", "print"]) {
      assert.ok(kinds.has(kind), `trace has no ${kind} event`);
    }
    const suspended = data.trace.find((e: { kind: string }) => e.kind === "task-suspended");
    assert.deepEqual(suspended, { t: 0, kind: "task-suspended", task: "Task-1", detail: "sleep(1.5)", at: "4:9" });
  });

  test("exits non-zero with the position of a syntax error", () => {
    const res = cli(`const ok = 1;\nconst broken = (;\n`);
    assert.equal(res.status, 1);
    assert.equal(res.stdout, "");
    assert.match(res.stderr, /^prog\.ts:2:17: SyntaxError: Unexpected token\n$/);
  });

  test("exits non-zero with the position of an uncaught error", () => {
    const res = cli(`import * as asyncio from "asyncio";\nasyncio.run(async () => {\n  await asyncio.sleep(1);\n  JSON.parse("{");\n});\n`);
    assert.equal(res.status, 1);
    assert.match(res.stderr, /^prog\.ts:4:8: SyntaxError: /);
  });

  test("reports a deadlock instead of hanging", () => {
    const res = cli(`import * as asyncio from "asyncio";\nasyncio.run(async () => { await new asyncio.Future(); });\n`);
    assert.equal(res.status, 1);
    assert.match(res.stderr, /DeadlockError: Deadlock at t=0\.000s/);
  });

  test("stops an infinite loop within seconds", () => {
    const res = cli(`console.log("spinning");\nwhile (true) {}\n`, "--timeout", "1");
    assert.equal(res.status, 1);
    assert.equal(res.stdout, "spinning\n");
    assert.match(res.stderr, /^prog\.ts:2: WatchdogError: .*the loop at line 2/);
    assert.ok(res.seconds < 10, `took ${res.seconds.toFixed(1)} s`);
  });

  test("explains its usage when the arguments are wrong", () => {
    const res = spawnSync(process.execPath, [bin, "go"], { encoding: "utf8" });
    assert.equal(res.status, 2);
    assert.match(res.stderr, /^Usage: awaitable run FILE\.ts/);
  });
});
