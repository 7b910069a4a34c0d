import { Parser, type Token as AcornToken } from "acorn";
import { tsPlugin } from "@sveltejs/acorn-typescript";
import { Edits, type PositionMap } from "./edits.ts";
import { CompileError } from "./errors.ts";
import { LineIndex } from "./positions.ts";
import { Tokens } from "./tokens.ts";
import { transform, type Node } from "./transform.ts";

const TypeScriptParser = Parser.extend(tsPlugin() as never);

/** Names the compiled program receives as parameters, shadowing the host's globals. */
export const PROGRAM_PARAMS = [
  "__rt",
  "__modules",
  "console",
  "setTimeout",
  "clearTimeout",
  "setInterval",
  "clearInterval",
  "Date",
  "performance",
  "fetch",
] as const;

/** A compiled program and the means to map its positions back to the learner's source. */
export interface CompiledProgram {
  /** A function expression: `(async function (__rt, __modules, console, ...) { ... })`. */
  code: string;
  filename: string;
  /** Maps a 1-based line and column of `code` to the learner's 1-based line and column. */
  originalPosition(line: number, column: number): { line: number; column: number };
  /**
   * Why a JavaScript engine refuses `code`, at the learner's line and column, or
   * null. For the rare program the TypeScript parser accepts and the engine does
   * not (`import.meta` outside a module); call it only when evaluating fails.
   */
  diagnose(): CompileError | null;
}

/**
 * Compiles a learner's TypeScript program: erases types, instruments async
 * functions, awaits and loops, and wraps it in a function the sandbox calls.
 * Throws CompileError (with the learner's line and column) for a syntax error or
 * unsupported TypeScript.
 *
 * @example
 * const program = compile('import * as asyncio from "asyncio";\nawait asyncio.sleep(1);');
 */
export function compile(source: string, filename = "main.ts"): CompiledProgram {
  const sourceLines = new LineIndex(source);
  // A shebang is read as a comment, also after a byte order mark (where the parser would not
  // look for one); both are left out of the compiled function, where they cannot stand.
  const head = /^\uFEFF?(#!.*)?/.exec(source)![0];
  const parsed = head.includes("#!") ? source.replace("#!", "//") : source;
  const rawTokens: AcornToken[] = [];
  let ast: Node;
  try {
    ast = TypeScriptParser.parse(parsed, {
      ecmaVersion: "latest",
      sourceType: "module",
      locations: true,
      onToken: rawTokens,
    }) as unknown as Node;
  } catch (err) {
    throw syntaxError(err, sourceLines);
  }
  const edits = new Edits(source);
  edits.remove(0, head.length);
  const tokens = new Tokens(source, rawTokens);
  const problems = transform(ast, source, edits, tokens, (offset) => sourceLines.position(offset).line);
  const first = problems.sort((a, b) => a.offset - b.offset)[0];
  if (first !== undefined) {
    const pos = sourceLines.position(first.offset);
    throw new CompileError(first.message, pos.line, pos.column + 1);
  }
  const prefix = `(async function (${PROGRAM_PARAMS.join(", ")}) { "use strict"; const __f = __rt.cur;\n`;
  const { code, map } = edits.apply(prefix, "\n})");
  const originalPosition = positionMapper(code, map, sourceLines);
  return { code, filename, originalPosition, diagnose: () => diagnose(code, originalPosition) };
}

/** A parser error as a CompileError at the learner's line and column. */
function syntaxError(err: unknown, lines: LineIndex): CompileError {
  const e = err as { message?: string; pos?: number; loc?: { line: number; column: number } };
  const loc = e.loc ?? (e.pos !== undefined ? lines.position(e.pos) : { line: 1, column: 0 });
  const message = (e.message ?? String(err)).replace(/ \(\d+:\d+\)$/, "");
  return new CompileError(message, loc.line, loc.column + 1);
}

/** Parses the compiled JavaScript as an engine would, and says where it fails, in the learner's source. */
function diagnose(code: string, originalPosition: CompiledProgram["originalPosition"]): CompileError | null {
  try {
    Parser.parse(code, { ecmaVersion: "latest", sourceType: "script" });
    return null;
  } catch (err) {
    const e = err as { message?: string; loc?: { line: number; column: number } };
    const at = e.loc ? originalPosition(e.loc.line, e.loc.column + 1) : { line: 1, column: 1 };
    return new CompileError((e.message ?? String(err)).replace(/ \(\d+:\d+\)$/, ""), at.line, at.column);
  }
}

function positionMapper(code: string, map: PositionMap, sourceLines: LineIndex) {
  const genLines = new LineIndex(code);
  return (line: number, column: number): { line: number; column: number } => {
    const orig = map.original(genLines.offset(line, column - 1));
    const pos = sourceLines.position(orig);
    return { line: pos.line, column: pos.column + 1 };
  };
}

export { CompileError };
