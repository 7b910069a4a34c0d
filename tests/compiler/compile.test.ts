import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { compile, CompileError } from "../../src/compiler/compile.ts";
import { program, run } from "../helpers.ts";

describe("type erasure", () => {
  test("runs a program full of type annotations as plain JavaScript", async () => {
    const r = await run(
      program(
        `import * as asyncio from "asyncio";`,
        `import type { Task } from "asyncio";`,
        `interface Point { x: number; y?: number }`,
        `type Pair<T> = [T, T];`,
        `declare const hidden: string;`,
        `abstract class Shape<T> implements Point { x: number = 1; private readonly tag?: string; z!: number;`,
        `  static make<U>(this: unknown, a?: U): U | undefined { return a; } abstract area(): number; }`,
        `class Square extends Shape<number> { override area(): number { return this.x * this.x; } }`,
        `function id<T,>(value: T): T { return value; }`,
        `const pair: Pair<number> = [1, 2] as const as unknown as Pair<number>;`,
        `let later!: number; later = id<number>(pair[0]!) satisfies number;`,
        `const add = async <T extends number>(a: T, b?: T): Promise<number> => a + (b ?? 0);`,
        `console.log(new Square().area(), later, await add(2, 3), Shape.make<string>("s"));`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.000s] 1 1 5 s"]);
  });

  test("rejects an enum with a message that says what to use instead", () => {
    assert.throws(
      () => compile("const a = 1;\nenum Color { Red, Green }\n"),
      (err: unknown) =>
        err instanceof CompileError && err.line === 2 && err.column === 1 && /enums are not supported/.test(err.message),
    );
  });

  test("rejects parameter properties", () => {
    assert.throws(
      () => compile("class A {\n  constructor(private x: number) {}\n}"),
      (err: unknown) => err instanceof CompileError && err.line === 2 && /Parameter properties/.test(err.message),
    );
  });
});

describe("parentheses around erased types", () => {
  test("keeps the closing parenthesis of `(expr) as T`, `(expr)!` and `(expr) satisfies T`", async () => {
    const r = await run(
      program(
        `import * as asyncio from "asyncio";`,
        `const n = (await asyncio.sleep(1, 41)) as number;`,
        `const list: number[] | undefined = [n];`,
        `const m = (list)![0]! + ((n) satisfies number);`,
        `console.log(n, m, ((list as number[]))!.length);`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[1.000s] 41 82 1"]);
  });
});

describe("the start of a file", () => {
  test("compiles a byte order mark followed by a shebang, and keeps positions", async () => {
    const r = await run(`\uFEFF#!/usr/bin/env -S npx awaitable run\nconst a: number = 1;\nconsole.log(a);\nnull!.x;\n`);
    assert.deepEqual(r.out, ["[0.000s] 1"]);
    assert.equal(r.error?.name, "TypeError");
    assert.deepEqual([r.error?.line, r.error?.column], [4, 7]);
  });

  test("compiles a shebang without a byte order mark", async () => {
    const r = await run(`#!/usr/bin/env node\nconsole.log("ran");`);
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.000s] ran"]);
  });
});

describe("imports", () => {
  test("provides asyncio and time as namespace and named imports", async () => {
    const r = await run(
      program(
        `import { sleep as nap, run } from "asyncio";`,
        `import * as time from "time";`,
        `await run(async () => { await nap(2); console.log(time.monotonic()); });`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[2.000s] 2"]);
  });

  test("names an unknown module and where it is imported", () => {
    assert.throws(
      () => compile(`import * as asyncio from "asyncio";\nimport fs from "node:fs";`),
      (err: unknown) =>
        err instanceof CompileError && err.line === 2 && err.column === 16 && /Cannot find module 'node:fs'/.test(err.message),
    );
  });
});

describe("positions", () => {
  test("reports a syntax error at the learner's line and column", async () => {
    const r = await run("const a = 1;\nconst b = ;\n");
    assert.equal(r.error?.kind, "syntax");
    assert.equal(r.error?.name, "SyntaxError");
    assert.equal(r.error?.line, 2);
    assert.equal(r.error?.column, 11);
  });

  test("maps a runtime error thrown after awaits and type annotations to the original position", async () => {
    const r = await run(
      program(
        `import * as asyncio from "asyncio";`,
        `async function main(): Promise<void> {`,
        `  const n: number = 1;`,
        `  await asyncio.sleep(1);`,
        `  const obj: any = null;`,
        `  console.log(obj.field);`,
        `}`,
        `await asyncio.run(main);`,
      ),
    );
    assert.equal(r.error?.kind, "runtime");
    assert.equal(r.error?.name, "TypeError");
    assert.equal(r.error?.line, 6);
    assert.equal(r.error?.column, 19);
  });
});

describe("instrumentation", () => {
  test("keeps the value, this and arguments of async functions and methods", async () => {
    const r = await run(
      program(
        `class Counter { n = 1; async inc(by: number) { await null; this.n += by; return arguments.length; } }`,
        `const c = new Counter();`,
        `const obj = { async twice(x: number) { return (await c.inc(x)) * 2; } };`,
        `console.log(await obj.twice(5), c.n, await (async () => ({ ok: true }))());`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.000s] 2 6 { ok: true }"]);
  });

  test("keeps native microtask order around awaits", async () => {
    const r = await run(
      program(
        `const order: string[] = [];`,
        `async function a() { order.push("a1"); await null; order.push("a2"); await null; order.push("a3"); }`,
        `async function b() { order.push("b1"); await null; order.push("b2"); }`,
        `Promise.resolve().then(() => order.push("p1")).then(() => order.push("p2"));`,
        `await Promise.all([a(), b()]);`,
        `console.log(order.join(" "));`,
      ),
    );
    // The order V8 gives these awaits without any instrumentation.
    const plain: string[] = [];
    const a = async () => { plain.push("a1"); await null; plain.push("a2"); await null; plain.push("a3"); };
    const b = async () => { plain.push("b1"); await null; plain.push("b2"); };
    Promise.resolve().then(() => plain.push("p1")).then(() => plain.push("p2"));
    await Promise.all([a(), b()]);
    assert.deepEqual(r.out, [`[0.000s] ${plain.join(" ")}`]);
  });
});

describe("async functions with nothing in them", () => {
  test("compiles empty async arrows, functions and methods", async () => {
    const r = await run(
      program(
        `const f = async () => {};`,
        `async function g() {}`,
        `const o = { async m() {} };`,
        `class C { async m() {} }`,
        `console.log(await f(), await g(), await o.m(), await new C().m());`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.000s] undefined undefined undefined undefined"]);
  });
});
