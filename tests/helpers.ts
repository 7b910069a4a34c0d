import { runProgram } from "../src/sandbox/program.ts";
import { formatLine, type RunOptions, type RunResult } from "../src/sandbox/protocol.ts";

/** Runs a program and returns its stdout as `[t] text` lines, with the whole result. */
export async function run(source: string, options: RunOptions = {}): Promise<RunResult & { out: string[]; err: string[] }> {
  const result = await runProgram(source, options);
  return {
    ...result,
    out: result.lines.filter((l) => l.stream === "stdout").map(formatLine),
    err: result.lines.filter((l) => l.stream === "stderr").map((l) => l.text),
  };
}

/** Joins lines into a program, so tests can write one statement per line. */
export function program(...lines: string[]): string {
  return lines.join("\n");
}
