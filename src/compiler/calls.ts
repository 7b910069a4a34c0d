/**
 * What a program calls, read from its AST (the parser the compiler uses), not from its text: a
 * name in a comment or a string is not a call. Exercise checks such as `uses gather` and
 * `not uses time.sleep` ask this.
 */
import { Parser } from "acorn";
import { tsPlugin } from "@sveltejs/acorn-typescript";
import type { Node } from "./transform.ts";

const TypeScriptParser = Parser.extend(tsPlugin() as never);

/** One call in the source: `asyncio.gather(...)` is `{ object: "asyncio", name: "gather" }`. */
export interface Call {
  /** The identifier a member call is made on, or null for a bare call `gather(...)`. */
  object: string | null;
  name: string;
  /** 1-based line of the call. */
  line: number;
}

/**
 * Lists every call whose callee is a name or `identifier.name`, in source order.
 * Throws the parser's SyntaxError when the source does not parse.
 *
 * @example
 * listCalls('import * as time from "time";\ntime.sleep(1);');
 * // [{ object: "time", name: "sleep", line: 2 }]
 */
export function listCalls(source: string): Call[] {
  const ast = TypeScriptParser.parse(source, {
    ecmaVersion: "latest",
    sourceType: "module",
    locations: true,
    allowHashBang: true,
  }) as unknown as Node;
  const calls: Call[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (node === null || typeof node !== "object" || typeof (node as Node).type !== "string") return;
    const n = node as Node;
    if (n.type === "CallExpression" || n.type === "NewExpression") {
      const callee = n.callee as Node;
      const line = (n.loc?.start.line as number | undefined) ?? 0;
      if (callee.type === "Identifier") calls.push({ object: null, name: callee.name, line });
      else if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier") {
        const object = callee.object.type === "Identifier" ? (callee.object.name as string) : null;
        calls.push({ object, name: callee.property.name, line });
      }
    }
    for (const key of Object.keys(n)) {
      if (key === "loc" || key === "start" || key === "end") continue;
      visit(n[key]);
    }
  };
  visit(ast);
  return calls;
}

/**
 * The calls matching `name`: `time.sleep` matches `time.sleep(...)` only; `gather` matches a bare
 * `gather(...)` and any `x.gather(...)`.
 */
export function callsOf(calls: Call[], name: string): Call[] {
  const dot = name.indexOf(".");
  if (dot === -1) return calls.filter((call) => call.name === name);
  const object = name.slice(0, dot);
  const member = name.slice(dot + 1);
  return calls.filter((call) => call.object === object && call.name === member);
}
