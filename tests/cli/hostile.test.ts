/**
 * Hostile and careless programs through `awaitable run`: each must give control back within a
 * bound, end with `file:line:col: Name: message` (or the CLI's own clear error), keep what it
 * printed, and reach nothing outside the sandbox. A normal run right after shows that nothing
 * was left broken.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../bin/awaitable.mjs", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "awaitable-hostile-"));
/** Generous: the machines tests run on are often shared and slow. */
const BACK_WITHIN_S = 30;

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

let nextFile = 0;
function cli(source: string, ...args: string[]): Promise<Outcome> {
  const file = path.join(dir, `prog${nextFile++}.ts`);
  writeFileSync(file, source);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "run", file, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const killer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(killer);
      // Each file is named progN.ts; the tests speak of prog.ts.
      const normalize = (s: string) => s.replace(/prog\d+\.ts/g, "prog.ts");
      resolve({ status, stdout: normalize(stdout), stderr: normalize(stderr), seconds: (performance.now() - started) / 1000 });
    });
  });
}

function assertBackSoon(res: Outcome, bound = BACK_WITHIN_S): void {
  assert.ok(res.seconds < bound, `control came back after ${res.seconds.toFixed(1)} s (bound ${bound} s)`);
}

/** A local server no program may reach; it counts every request. */
let bait: Server;
let baitUrl = "";
let baitRequests = 0;

before(async () => {
  bait = createServer((_req, res) => {
    baitRequests++;
    res.end("bait");
  });
  await new Promise<void>((resolve) => bait.listen(0, "127.0.0.1", resolve));
  baitUrl = `http://127.0.0.1:${(bait.address() as AddressInfo).port}/`;
});

after(() => {
  bait.close();
});

describe("awaitable run with hostile programs", { timeout: 1_800_000 }, () => {
  test("reports a thrown object without a prototype with its position", { timeout: 180_000 }, async () => {
    const res = await cli(`console.log("kept");\nthrow Object.create(null);\n`);
    assert.equal(res.status, 1);
    assert.equal(res.stdout, "kept\n");
    assert.match(res.stderr, /^prog\.ts:2:7: Error: Uncaught \{\} \(a value that is not an Error was thrown\)\n$/);
  });

  test("reports a thrown number with its position", { timeout: 180_000 }, async () => {
    const res = await cli(`throw 42;\n`);
    assert.match(res.stderr, /^prog\.ts:1:7: Error: Uncaught 42 /);
  });

  test("reports an error whose name getter throws", { timeout: 180_000 }, async () => {
    const res = await cli(`const e = new Error("m");\nObject.defineProperty(e, "name", { get() { throw 1; } });\nthrow e;\n`);
    assert.equal(res.status, 1);
    assert.match(res.stderr, /^prog\.ts:3:7: Error: m\n$/);
  });

  test("reports an error whose toString throws", { timeout: 180_000 }, async () => {
    const res = await cli(`const e = new TypeError("m");\ne.toString = () => { throw 1; };\nthrow e;\n`);
    assert.match(res.stderr, /^prog\.ts:1:11: TypeError: m\n$/);
  });

  test("refuses Object.prototype.then instead of wedging the run", { timeout: 180_000 }, async () => {
    const res = await cli(`console.log("before");\n(Object.prototype as any).then = (resolve: any) => {};\n`);
    assert.equal(res.status, 1);
    assert.equal(res.stdout, "before\n");
    assert.match(res.stderr, /^prog\.ts:2:\d+: TypeError: Cannot set then on a shared prototype/);
    assertBackSoon(res);
  });

  test("lets a program's own objects have a then property", { timeout: 180_000 }, async () => {
    const res = await cli(`const o: any = {};\no.then = 1;\nconsole.log(o.then, ({} as any).then);\n`);
    assert.equal(res.stderr, "");
    assert.equal(res.stdout, "1 undefined\n");
  });

  test("runs globalThis.setTimeout on the virtual clock, reporting a throw in it with its position", { timeout: 180_000 }, async () => {
    const res = await cli(`console.log("a");\nglobalThis.setTimeout(() => {\n  throw new Error("in timer");\n}, 10);\n`);
    assert.equal(res.stdout, "a\n");
    assert.match(res.stderr, /Error: in timer\n {2}at prog\.ts:3:\d+/);
  });

  test("stops a memory bomb that awaits and says it ran out of memory", { timeout: 240_000 }, async () => {
    const res = await cli(
      [
        `import * as asyncio from "asyncio";`,
        `const xs: number[][] = [];`,
        `asyncio.run(async () => {`,
        `  console.log("start");`,
        `  while (true) {`,
        `    xs.push(new Array(1e6).fill(1));`,
        `    await asyncio.sleep(0);`,
        `  }`,
        `});`,
      ].join("\n"),
    );
    assert.equal(res.status, 1);
    assert.equal(res.stdout, "start\n");
    assert.match(res.stderr, /^prog\.ts: MemoryError: The program ran out of memory/);
    assertBackSoon(res, 90);
  });

  test("refuses a --timeout beyond Node's timer range", { timeout: 180_000 }, async () => {
    const res = await cli(`console.log("x");\n`, "--timeout", "3000000");
    assert.equal(res.status, 2);
    assert.match(res.stderr, /^awaitable: --timeout is at most 2147483 seconds/);
  });

  test("runs with the largest --timeout Node's timers accept", { timeout: 180_000 }, async () => {
    const res = await cli(`console.log("x");\n`, "--timeout", "2147483");
    assert.equal(res.status, 0);
    assert.equal(res.stdout, "x\n");
  });

  test("answers process.exit promptly, keeping the output", { timeout: 180_000 }, async () => {
    const res = await cli(`console.log(1);\nprocess.exit(0);\n`);
    assert.equal(res.status, 1);
    assert.equal(res.stdout, "1\n");
    assert.match(res.stderr, /^prog\.ts:2:1: ReferenceError: process is not defined\n$/);
    assertBackSoon(res, 15);
  });

  test("holds time.sleep to the virtual-time horizon, as asyncio.sleep is", { timeout: 180_000 }, async () => {
    const blocking = await cli(`import * as time from "time";\nconsole.log("a");\ntime.sleep(1e9);\nconsole.log("never");\n`);
    assert.equal(blocking.status, 1);
    assert.equal(blocking.stdout, "a\n");
    assert.match(blocking.stderr, /HorizonError: .*past the virtual-time limit of 3600 s/);
    const awaiting = await cli(`import * as asyncio from "asyncio";\nawait asyncio.sleep(1e9);\n`);
    assert.match(awaiting.stderr, /HorizonError: .*past the virtual-time limit of 3600 s/);
  });

  test("says clearly when --trace points into a missing folder", { timeout: 180_000 }, async () => {
    const res = await cli(`console.log("x");\n`, "--trace", path.join(dir, "missing", "trace.json"));
    assert.equal(res.status, 2);
    assert.match(res.stderr, /^awaitable: cannot write the trace to .*: the folder .*missing does not exist\n$/);
  });

  test("ends async recursion with a short message, not the instrumented code", { timeout: 240_000 }, async () => {
    const res = await cli(
      `import * as asyncio from "asyncio";\nasync function f(n: number): Promise<number> {\n  await asyncio.sleep(0);\n  return f(n + 1);\n}\nasyncio.run(() => f(0));\n`,
      "--max-steps",
      "3000",
    );
    assert.equal(res.status, 1);
    assert.ok(res.stderr.length < 500, `stderr has ${res.stderr.length} characters`);
    assert.match(res.stderr, /^prog\.ts: HorizonError: /);
  });

  test("refuses node: imports, dynamic import and process", { timeout: 180_000 }, async () => {
    const fsImport = await cli(`import * as fs from "node:fs";\nconsole.log(fs);\n`);
    assert.match(fsImport.stderr, /^prog\.ts:1:21: SyntaxError: Cannot find module 'node:fs'/);
    const dynamic = await cli(`const fs = await import("node:fs");\n`);
    assert.match(dynamic.stderr, /^prog\.ts:1:18: SyntaxError: Dynamic import\(\) is not available here/);
    const builtin = await cli(`const cp = process.getBuiltinModule("child_process");\n`);
    assert.match(builtin.stderr, /^prog\.ts:1:12: ReferenceError: process is not defined/);
    const viaGlobal = await cli(`console.log(typeof (globalThis as any).process, typeof (globalThis as any).require);\n`);
    assert.equal(viaGlobal.stdout, "undefined undefined\n");
  });

  test("refuses code from strings, which could import what the compiler refused", { timeout: 180_000 }, async () => {
    const evaluated = await cli(`console.log((0, eval)("1 + 1"));\n`);
    assert.match(evaluated.stderr, /^prog\.ts:1:\d+: EvalError: Code from strings/);
    const constructed = await cli(`const AsyncFunction = (async () => {}).constructor as any;\nawait AsyncFunction("return import('node:fs')")();\n`);
    assert.match(constructed.stderr, /^prog\.ts:2:\d+: EvalError: Code from strings/);
    const named = await cli(`console.log(__rt);\n`);
    assert.match(named.stderr, /^prog\.ts:1:13: SyntaxError: The name __rt is reserved/);
  });

  test("reaches no real network", { timeout: 240_000 }, async () => {
    const tries = [
      `(globalThis as any).fetch?.(URL)`,
      `new (globalThis as any).XMLHttpRequest()`,
      `new (globalThis as any).WebSocket(URL.replace("http", "ws"))`,
      `new (globalThis as any).EventSource(URL)`,
      `(Object.getPrototypeOf(globalThis) as any).fetch?.(URL)`,
    ];
    for (const attempt of tries) {
      const res = await cli(`const URL = ${JSON.stringify(baitUrl)};\ntry { await ${attempt}; } catch (e) { console.log("refused"); }\nconsole.log("done");\n`);
      assert.match(res.stdout, /done\n$/, `${attempt}: ${res.stderr}`);
    }
    // The course's fetch is simulated: it answers from the virtual web, never from this machine.
    const simulated = await cli(`try { await fetch(${JSON.stringify(baitUrl)}); } catch (e) { console.log(String(e)); }\n`);
    assert.equal(simulated.status, 0);
    assert.equal(baitRequests, 0);
  });

  test("stops a catastrophic regular expression, keeping what was printed before it", { timeout: 180_000 }, async () => {
    const res = await cli(`console.log("before");\n/(a+)+$/.test("a".repeat(40) + "!");\n`, "--timeout", "1");
    assert.equal(res.status, 1);
    assert.equal(res.stdout, "before\n");
    assert.match(res.stderr, /^prog\.ts: WatchdogError: Stopped after 2\.5 s without a response/);
    assertBackSoon(res);
  });

  test("reports a rejection nothing handled at the end of a run", { timeout: 180_000 }, async () => {
    const res = await cli(`console.log("ran");\nPromise.reject(new Error("late"));\n`);
    assert.equal(res.status, 1);
    assert.equal(res.stdout, "ran\n");
    assert.match(res.stderr, /^prog\.ts:2:16: Error: late\n$/);
  });

  test("runs a normal program after all of the above", { timeout: 180_000 }, async () => {
    const res = await cli(`import * as asyncio from "asyncio";\nawait asyncio.sleep(1);\nconsole.log("fine");\n`, "--clock");
    assert.equal(res.status, 0);
    assert.equal(res.stdout, "[1.000s] fine\n");
  });
});
