/**
 * Type erasure against Node's own (`module.stripTypeScriptTypes`, what
 * `node --experimental-strip-types` runs) on a corpus of programs written the
 * way TypeScript is written in the wild: every erasable construct, in nested
 * and parenthesised positions and at the ends of lines.
 *
 * For each program, Node's stripped output is plain JavaScript, so compiling it
 * here only instruments it. The program and Node's stripped output must then
 * compile to the same JavaScript tokens (only whitespace may differ), every
 * token Node kept must survive compilation, and both must run to the same
 * output on the virtual clock. TypeScript's own emit (tsc, checking off) must
 * run to that output too.
 *
 * A corpus file whose first line starts with `// Node differs:` is a place
 * where Node's stripping and TypeScript disagree; it is held to TypeScript only.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { stripTypeScriptTypes } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { Parser, tokenizer } from "acorn";
import { compile } from "../../src/compiler/compile.ts";
import { run } from "../helpers.ts";

const corpus = new URL("./erasure-corpus/", import.meta.url);
const files = readdirSync(corpus).filter((f) => f.endsWith(".ts")).sort();
const tsc = fileURLToPath(new URL("../../node_modules/typescript/bin/tsc", import.meta.url));
const emitted = mkdtempSync(path.join(tmpdir(), "awaitable-erasure-"));

/** TypeScript's own JavaScript for every corpus file, type checking off. */
function emitWithTypeScript(): void {
  const args = ["--ignoreConfig", "--target", "esnext", "--module", "preserve", "--verbatimModuleSyntax", "--noCheck", "--outDir", emitted];
  const res = spawnSync(process.execPath, [tsc, ...args, ...files.map((f) => fileURLToPath(new URL(f, corpus)))], {
    encoding: "utf8",
    timeout: 60_000,
  });
  if (res.status !== 0) throw new Error(`tsc failed: ${res.error ?? ""}${res.stdout}${res.stderr}`);
}

interface Tok {
  text: string;
  start: number;
}

function tokensOf(code: string, sourceType: "script" | "module" = "script"): Tok[] {
  const out: Tok[] = [];
  for (const t of tokenizer(code, { ecmaVersion: "latest", sourceType })) out.push({ text: code.slice(t.start, t.end), start: t.start });
  return out;
}

/** Node's tokens minus what compiling removes from any JavaScript: imports, `export`, and `async` of instrumented functions. */
function keptTokens(js: string): Tok[] {
  const ast = Parser.parse(js, { ecmaVersion: "latest", sourceType: "module" }) as unknown as { body: any[] };
  const dropped: Array<[number, number]> = [];
  for (const node of ast.body) {
    if (node.type === "ImportDeclaration" || node.type === "ExportAllDeclaration") dropped.push([node.start, node.end]);
    else if (node.type.startsWith("Export")) dropped.push(node.declaration ? [node.start, node.declaration.start] : [node.start, node.end]);
  }
  return tokensOf(js, "module").filter(
    (t) => t.text !== "async" && !dropped.some(([from, to]) => t.start >= from && t.start < to),
  );
}

function firstDifference(a: Tok[], b: Tok[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i]!.text === b[i]!.text) i++;
  return i === a.length && i === b.length ? -1 : i;
}

describe("type erasure matches Node's type stripping", () => {
  before(emitWithTypeScript, { timeout: 60_000 });
  after(() => rmSync(emitted, { recursive: true, force: true }));

  test("has a corpus to check", () => {
    assert.ok(files.length >= 6, `expected the erasure corpus in ${corpus.pathname}`);
  });

  for (const file of files) {
    test(`erases ${file} as Node does`, { timeout: 20_000 }, async () => {
      const source = readFileSync(new URL(file, corpus), "utf8");
      const mine = await run(source, { filename: file });
      assert.equal(mine.error, null, `${file} failed: ${JSON.stringify(mine.error)}`);
      assert.ok(mine.out.length >= 2, `${file} printed too little to compare`);

      const tsEmit = readFileSync(path.join(emitted, file.replace(/\.ts$/, ".js")), "utf8");
      const typescript = await run(tsEmit, { filename: file });
      assert.equal(typescript.error, null, `TypeScript's emit of ${file} failed: ${JSON.stringify(typescript.error)}`);
      assert.deepEqual(mine.lines, typescript.lines, `${file} runs differently from TypeScript's emit`);

      if (source.startsWith("// Node differs:")) return;
      const stripped = stripTypeScriptTypes(source, { mode: "strip" });
      const ours = compile(source, file);
      const reference = compile(stripped, file);
      const a = tokensOf(ours.code);
      const b = tokensOf(reference.code);
      const at = firstDifference(a, b);
      if (at >= 0) {
        const where = ours.code.slice(0, a[at]?.start ?? ours.code.length).split("\n").length;
        const learner = ours.originalPosition(where, 1);
        assert.fail(
          `${file}:${learner.line}: compiled differently from Node's stripped output\n` +
            `  ours:   ${a.slice(Math.max(0, at - 8), at + 8).map((t) => t.text).join(" ")}\n` +
            `  Node's: ${b.slice(Math.max(0, at - 8), at + 8).map((t) => t.text).join(" ")}`,
        );
      }

      const compiled = b.map((t) => t.text);
      let i = 0;
      for (const t of keptTokens(stripped)) {
        while (i < compiled.length && compiled[i] !== t.text) i++;
        assert.ok(i < compiled.length, `${file}: compiling Node's output lost "${t.text}" at offset ${t.start}`);
        i++;
      }

      const theirs = await run(stripped, { filename: file });
      assert.deepEqual(mine.lines, theirs.lines, `${file} runs differently from Node's stripped output`);
      assert.deepEqual(mine.error, theirs.error);
    });
  }
});
