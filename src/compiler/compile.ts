import { Parser } from "acorn";
import { tsPlugin } from "@sveltejs/acorn-typescript";
import { Edits, type PositionMap } from "./edits.ts";
import { CompileError } from "./errors.ts";
import { LineIndex } from "./positions.ts";
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
  let ast: Node;
  try {
    ast = TypeScriptParser.parse(source, {
      ecmaVersion: "latest",
      sourceType: "module",
      locations: true,
      allowHashBang: true,
    }) as unknown as Node;
  } catch (err) {
    const e = err as { message?: string; pos?: number; loc?: { line: number; column: number } };
    const loc = e.loc ?? (e.pos !== undefined ? sourceLines.position(e.pos) : { line: 1, column: 0 });
    const message = (e.message ?? String(err)).replace(/ \(\d+:\d+\)$/, "");
    throw new CompileError(message, loc.line, loc.column + 1);
  }
  const edits = new Edits(source);
  const problems = transform(ast, source, edits, (offset) => sourceLines.position(offset).line);
  const first = problems.sort((a, b) => a.offset - b.offset)[0];
  if (first !== undefined) {
    const pos = sourceLines.position(first.offset);
    throw new CompileError(first.message, pos.line, pos.column + 1);
  }
  const prefix = `(async function (${PROGRAM_PARAMS.join(", ")}) { "use strict"; const __f = __rt.cur;\n`;
  const { code, map } = edits.apply(prefix, "\n})");
  return { code, filename, originalPosition: positionMapper(code, map, sourceLines) };
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
