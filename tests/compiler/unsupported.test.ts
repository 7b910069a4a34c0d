/**
 * TypeScript the compiler refuses, each checked against Node's own type
 * stripping: what Node refuses is refused here, at the learner's line and
 * column, saying that Node refuses it too; what Node accepts as plain erasure
 * compiles here too.
 */
import assert from "node:assert/strict";
import { stripTypeScriptTypes } from "node:module";
import { describe, test } from "node:test";
import { compile, CompileError } from "../../src/compiler/compile.ts";
import { program, run } from "../helpers.ts";

/** The CompileError `compile(source)` throws; fails the test if it compiles. */
function compileError(source: string): CompileError {
  try {
    compile(source);
  } catch (err) {
    if (err instanceof CompileError) return err;
    throw err;
  }
  assert.fail(`expected a compile error for:\n${source}`);
}

function nodeRefuses(source: string): boolean {
  try {
    stripTypeScriptTypes(source, { mode: "strip" });
    return false;
  } catch (err) {
    return (err as { code?: string }).code === "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX";
  }
}

// Each refused program, with where the refusal points: the construct's first character.
const refusedByNode = [
  { what: "an enum", source: "const a = 1;\nenum Color { Red, Green }\n", line: 2, column: 1, says: /enums are not supported/ },
  { what: "a const enum", source: "let x = 0;\n  const enum E { A = 1 }", line: 2, column: 3, says: /enums are not supported/ },
  {
    what: "a namespace that holds values",
    source: "type T = 1;\nnamespace Tools {\n  export const version = 2;\n}",
    line: 2,
    column: 1,
    says: /namespaces that hold values/,
  },
  {
    what: "a parameter property",
    source: "class A {\n  constructor(private x: number) {}\n}",
    line: 2,
    column: 15,
    says: /Parameter properties/,
  },
  { what: "an angle-bracket assertion", source: "const n = 1;\nconst a = <number>n;", line: 2, column: 11, says: /angle brackets/ },
  {
    what: "nested angle-bracket assertions",
    source: "declare const x: unknown;\nconst a = [\n  <string>(<unknown>x),\n];",
    line: 3,
    column: 3,
    says: /angle brackets/,
  },
  { what: "import = require", source: 'import fs = require("fs");', line: 1, column: 1, says: /import x = require/ },
  { what: "export =", source: "const a = 1;\nexport = a;", line: 2, column: 1, says: /`export =`/ },
];

describe("refusals shared with Node's type stripping", () => {
  for (const c of refusedByNode) {
    test(`refuses ${c.what} where it starts, saying Node refuses it too`, () => {
      assert.equal(nodeRefuses(c.source), true, `Node's type stripping accepts ${c.what}`);
      const err = compileError(c.source);
      assert.match(err.message, c.says);
      assert.match(err.message, /Node's type stripping refuses (them|it) too/);
      assert.deepEqual([err.line, err.column], [c.line, c.column]);
    });
  }
});

describe("syntax Node keeps and JavaScript engines cannot run", () => {
  const cases = [
    { what: "a class decorator", source: "function dec(c: unknown) {}\n@dec\nclass A {}", line: 2, column: 1, says: /Decorators/ },
    {
      what: "a method decorator",
      source: "function dec(...a: unknown[]) {}\nclass A {\n  x = 1;\n  @dec m() {}\n}",
      line: 4,
      column: 3,
      says: /Decorators/,
    },
    { what: "a parameter decorator", source: "class A {\n  m(@inject x: number) {}\n}", line: 2, column: 5, says: /Decorators/ },
    { what: "an auto-accessor", source: "class A {\n  static accessor count = 1;\n}", line: 2, column: 10, says: /Auto-accessor/ },
  ];
  for (const c of cases) {
    test(`refuses ${c.what} at its line and column`, () => {
      const stripped = stripTypeScriptTypes(c.source, { mode: "strip" });
      assert.throws(() => new Function(stripped), SyntaxError, "the engine ran Node's output after all");
      const err = compileError(c.source);
      assert.match(err.message, c.says);
      assert.deepEqual([err.line, err.column], [c.line, c.column]);
    });
  }

  test("locates what only the engine refuses, from the compiled JavaScript back to the source", async () => {
    const r = await run(program(`const a: number = 1;`, `console.log(a, import.meta);`));
    assert.equal(r.error?.kind, "syntax");
    assert.match(r.error?.message ?? "", /import\.meta/);
    assert.deepEqual([r.error?.line, r.error?.column], [2, 16]);
  });
});

describe("erasable TypeScript that Node accepts", () => {
  const cases = [
    { what: "a namespace of types only", source: "namespace Shapes {\n  export interface Circle { r: number }\n  export namespace Deep { export type T = 1 }\n}\nconst c: Shapes.Circle = { r: 1 };\nconsole.log(c.r);" },
    { what: "a declared enum", source: "declare enum Level { Low, High }\nconsole.log(1);" },
    { what: "import type = require", source: 'import type fs = require("fs");\nconsole.log(1);' },
  ];
  for (const c of cases) {
    test(`compiles ${c.what}, as Node does`, async () => {
      assert.equal(nodeRefuses(c.source), false);
      const r = await run(c.source);
      assert.equal(r.error, null);
      assert.deepEqual(r.out, ["[0.000s] 1"]);
    });
  }
});
