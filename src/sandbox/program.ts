import { compile, CompileError, type CompiledProgram } from "../compiler/compile.ts";
import { createRun, DeadlockError, HorizonError, thrownAt, WatchdogError, type ProgramBindings } from "../runtime/host.ts";
import type { RunError, RunOptions, RunResult } from "./protocol.ts";
import { describeThrown } from "./thrown.ts";

/** Real time for the watchdog and the run's statistics; the program itself never sees it. */
const wallNow = (): number => performance.now();

/**
 * Compiles and runs one learner program on a fresh virtual world and resolves
 * to its output, trace and error, if any. Programs must run one at a time in a
 * JavaScript realm (the browser and the CLI give each run a worker of its own).
 *
 * @example
 * const result = await runProgram('import * as asyncio from "asyncio";\nawait asyncio.sleep(1);\nconsole.log("hi");');
 * result.lines; // [{ t: 1, text: "hi", stream: "stdout", task: null }]
 */
export async function runProgram(source: string, options: RunOptions = {}): Promise<RunResult> {
  const started = wallNow();
  const filename = options.filename ?? "main.ts";
  let program: CompiledProgram | null = null;
  let locate: (() => string | null) | null = null;
  const run = createRun({
    limits: {
      ...(options.maxVirtualTime !== undefined && { maxVirtualTime: options.maxVirtualTime }),
      ...(options.maxSteps !== undefined && { maxSteps: options.maxSteps }),
      ...(options.watchdogMs !== undefined && { watchdogMs: options.watchdogMs }),
    },
    wallNow,
    ...(options.onAlive && { onAlive: (lines) => options.onAlive!({ lines }) }),
    ...(options.onPrint && { onPrint: (take) => options.onPrint!(take) }),
    trace: options.trace ?? true,
    formatError: (error) => describeError(error, program),
    locate: () => locate?.() ?? null,
    callee,
  });
  const finish = (error: RunError | null): RunResult => ({
    lines: run.lines(),
    error,
    trace: run.events(),
    stats: { ...run.stats(), wallMs: wallNow() - started },
    tasks: run.tasks(),
    steps: run.steps(),
  });

  try {
    program = compile(source, filename);
  } catch (err) {
    if (err instanceof CompileError) {
      return finish({ kind: "syntax", name: "SyntaxError", message: err.message, line: err.line, column: err.column });
    }
    throw err;
  }

  let fn: (...args: unknown[]) => Promise<unknown>;
  try {
    options.beforeEval?.();
    fn = (0, eval)(`${program.code}\n//# sourceURL=${filename}`);
  } catch (err) {
    // The TypeScript parser accepted it but the engine did not: say where, when a JavaScript parse can.
    const at = program.diagnose();
    const message = at?.message ?? String((err as Error).message ?? err);
    return finish({ kind: "syntax", name: "SyntaxError", message, line: at?.line ?? null, column: at?.column ?? null });
  }

  locate = locator(program);
  const stopUnhandled = onUnhandledRejection((reason) => run.abort(reason));
  const call = ({ rt, modules, globals: g, fetch }: ProgramBindings): Promise<unknown> =>
    fn(rt, modules, g.console, g.setTimeout, g.clearTimeout, g.setInterval, g.clearInterval, g.Date, g.performance, fetch);
  try {
    const error = await run.execute(call);
    return finish(error === null ? null : toRunError(error, program));
  } finally {
    stopUnhandled();
  }
}

/** Node's process object, captured before a sandbox removes it from the program's reach. */
const hostProcess = (globalThis as { process?: NodeJS.Process }).process;

/** Listens for promise rejections nobody handled, in Node or in a browser/worker. */
function onUnhandledRejection(handler: (reason: unknown) => void): () => void {
  const proc = hostProcess;
  if (proc?.on) {
    const listener = (reason: unknown): void => handler(reason);
    proc.on("unhandledRejection", listener);
    return () => proc.off("unhandledRejection", listener);
  }
  const target = globalThis as unknown as EventTarget;
  const listener = (event: Event): void => {
    event.preventDefault();
    handler((event as PromiseRejectionEvent).reason);
  };
  target.addEventListener("unhandledrejection", listener);
  return () => target.removeEventListener("unhandledrejection", listener);
}

/** Where in the learner's source an error was thrown: the first stack frame in the program. */
export function errorPosition(error: unknown, program: CompiledProgram): { line: number; column: number } | null {
  const { stack } = describeThrown(error);
  if (stack === null) return null;
  const escaped = program.filename.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  if (!match) return null;
  return program.originalPosition(Number(match[1]), Number(match[2]));
}

/**
 * The name of the learner's async function that is starting now: the stack's third frame (after
 * this one and the runtime's `call`), which a compiled async function's body calls.
 */
function callee(): string | null {
  const frame = new Error().stack?.split("\n")[3] ?? "";
  const name = /^\s*at (?:async )?([\w$]+) \(/.exec(frame)?.[1];
  return name === undefined || name.startsWith("__") ? null : name;
}

/** Reads the learner's current line and column off the stack, for the stepper's trace. */
function locator(program: CompiledProgram): () => string | null {
  const escaped = program.filename.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const frame = new RegExp(`${escaped}:(\\d+):(\\d+)`);
  return () => {
    const match = frame.exec(new Error().stack ?? "");
    if (!match) return null;
    const pos = program.originalPosition(Number(match[1]), Number(match[2]));
    return `${pos.line}:${pos.column}`;
  };
}

function describeError(error: unknown, program: CompiledProgram | null): string {
  const thrown = describeThrown(error);
  const text = thrown.message ? `${thrown.name}: ${thrown.message}` : thrown.name;
  const pos = program && errorPosition(error, program);
  return pos && program ? `${text}\n  at ${program.filename}:${pos.line}:${pos.column}` : text;
}

function toRunError(error: unknown, program: CompiledProgram): RunError {
  // Read before anything runs the value's own code (a getter that throws would record its throw).
  const throwSite = thrownAt(error);
  let kind: RunError["kind"] = "runtime";
  try {
    // instanceof runs a Proxy's getPrototypeOf trap, which a program's value may make throw.
    if (error instanceof DeadlockError) kind = "deadlock";
    else if (error instanceof HorizonError) kind = "horizon";
    else if (error instanceof WatchdogError) kind = "watchdog";
  } catch {}
  if (kind === "watchdog") {
    const watchdog = error as WatchdogError;
    return { kind, name: watchdog.name, message: watchdog.message, line: watchdog.line, column: null };
  }
  const { name, message } = describeThrown(error);
  const pos = kind === "runtime" ? (errorPosition(error, program) ?? throwSite) : null;
  return { kind, name, message, line: pos?.line ?? null, column: pos?.column ?? null };
}
