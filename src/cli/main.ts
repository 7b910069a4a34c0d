import { stat, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatLine, type OutputLine, type RunError } from "../sandbox/protocol.ts";
import { MAX_TIMER_MS, runInChild } from "./run-in-child.ts";

const USAGE = `Usage: awaitable run FILE.ts [--clock] [--trace FILE.json] [--timeout S]

Runs a TypeScript program on the asyncio runtime's virtual clock.

  --clock            prefix every line with its virtual time: [1.500s] text
  --trace FILE.json  write the output, trace and statistics as JSON
  --timeout S        wall-clock seconds a stretch of work may take before the
                     watchdog stops it (default 2)
  --max-time S       virtual-time horizon in seconds (default 3600)
  --max-steps N      loop-step horizon (default 1000000)`;

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        clock: { type: "boolean", default: false },
        trace: { type: "string" },
        timeout: { type: "string" },
        "max-time": { type: "string" },
        "max-steps": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    process.stderr.write(`awaitable: ${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals[0] !== "run" || positionals.length !== 2) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const file = positionals[1]!;
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (err) {
    process.stderr.write(`awaitable: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return 2;
  }
  const numbers: Record<string, number> = {};
  for (const name of ["timeout", "max-time", "max-steps"] as const) {
    const raw = values[name];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) {
      process.stderr.write(`awaitable: --${name} expects a positive number, got "${raw}"\n`);
      return 2;
    }
    numbers[name] = n;
  }
  const maxTimeout = Math.floor(MAX_TIMER_MS / 1000);
  if (numbers.timeout !== undefined && numbers.timeout > maxTimeout) {
    process.stderr.write(`awaitable: --timeout is at most ${maxTimeout} seconds (the longest delay Node's timers accept), got "${values.timeout}"\n`);
    return 2;
  }
  if (values.trace !== undefined) {
    const folder = dirname(resolve(values.trace));
    const isFolder = await stat(folder).then((s) => s.isDirectory(), () => false);
    if (!isFolder) {
      process.stderr.write(`awaitable: cannot write the trace to ${values.trace}: the folder ${folder} does not exist\n`);
      return 2;
    }
  }

  const print = (line: OutputLine): void => {
    const text = values.clock ? formatLine(line) : line.text;
    (line.stream === "stderr" ? process.stderr : process.stdout).write(`${text}\n`);
  };
  const filename = basename(file);
  const result = await runInChild(
    source,
    {
      filename,
      ...(numbers.timeout !== undefined && { watchdogMs: numbers.timeout * 1000 }),
      ...(numbers["max-time"] !== undefined && { maxVirtualTime: numbers["max-time"] }),
      ...(numbers["max-steps"] !== undefined && { maxSteps: numbers["max-steps"] }),
    },
    (lines) => lines.forEach(print),
  );
  result.lines.forEach(print);
  if (values.trace !== undefined) {
    try {
      await writeFile(values.trace, `${JSON.stringify(result, null, 1)}\n`);
    } catch (err) {
      process.stderr.write(`awaitable: cannot write the trace to ${values.trace}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      return 2;
    }
  }
  if (result.error !== null) {
    process.stderr.write(`${describeRunError(filename, result.error)}\n`);
    return 1;
  }
  return 0;
}

/** `main.ts:5:11: TimeoutError: message`, the position first so editors can jump to it. */
export function describeRunError(filename: string, error: RunError): string {
  const where = error.line === null ? filename : `${filename}:${error.line}${error.column === null ? "" : `:${error.column}`}`;
  const text = error.message ? `${error.name}: ${error.message}` : error.name;
  return `${where}: ${text}`;
}
