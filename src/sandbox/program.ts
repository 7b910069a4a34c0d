import { compile, CompileError, type CompiledProgram } from "../compiler/compile.ts";
import { ctx, thrownAt } from "../runtime/context.ts";
import { DeadlockError, HorizonError, RuntimeError, WatchdogError } from "../runtime/errors.ts";
import { EventLoop } from "../runtime/event-loop.ts";
import { fetch } from "../runtime/fetch.ts";
import * as asyncio from "../runtime/index.ts";
import { ProgramDriver } from "../runtime/run.ts";
import { setRunningLoop } from "../runtime/running-loop.ts";
import { createSandboxGlobals } from "../runtime/sandbox-globals.ts";
import * as time from "../runtime/time-module.ts";
import { setCurrentWorld, World } from "../runtime/world.ts";
import type { RunError, RunOptions, RunResult } from "./protocol.ts";
import { describeThrown } from "./thrown.ts";

const MODULES = Object.freeze({ asyncio, time });

/** The world of the program running now; a new program ends an abandoned one. */
let activeWorld: World | null = null;

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
  const world = new World({
    limits: {
      ...(options.maxVirtualTime !== undefined && { maxVirtualTime: options.maxVirtualTime }),
      ...(options.maxSteps !== undefined && { maxSteps: options.maxSteps }),
      ...(options.watchdogMs !== undefined && { watchdogMs: options.watchdogMs }),
    },
    host: {
      wallNow,
      onAlive: options.onAlive && (() => options.onAlive!({ lines: world.recorder.takeNewLines() })),
      onPrint: options.onPrint && (() => options.onPrint!(() => world.recorder.takeNewLines())),
    },
    trace: options.trace ?? true,
  });
  const finish = (error: RunError | null): RunResult => ({
    lines: world.recorder.lines(),
    error,
    trace: world.recorder.events(),
    stats: { steps: world.steps, virtualTime: world.now, wallMs: wallNow() - started },
  });

  let program: CompiledProgram;
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
    // The parser accepted it but the engine did not (an early error acorn does not check).
    return finish({ kind: "syntax", name: "SyntaxError", message: String((err as Error).message ?? err), line: null, column: null });
  }

  world.formatError = (error) => describeError(error, program);
  if (activeWorld !== null && activeWorld.fatal === undefined) {
    activeWorld.fatal = new RuntimeError("Stopped: another program was started before this one finished.");
  }
  activeWorld = world;
  setRunningLoop(null);
  setCurrentWorld(world);
  const loop = new EventLoop(world);
  world.loop = loop;
  const driver = new ProgramDriver(loop);
  world.driver = driver;
  const g = createSandboxGlobals(world);
  const stopUnhandled = onUnhandledRejection((reason) => {
    if (world.fatal === undefined) world.fatal = reason;
  });
  try {
    await driver.drive(() =>
      ctx.call(() =>
        fn(ctx, MODULES, g.console, g.setTimeout, g.clearTimeout, g.setInterval, g.clearInterval, g.Date, g.performance, fetch),
      ),
    );
    if (world.fatal !== undefined) throw world.fatal;
    return finish(null);
  } catch (err) {
    return finish(toRunError(err, program));
  } finally {
    stopUnhandled();
    if (activeWorld === world) activeWorld = null;
    setCurrentWorld(null);
    ctx.cur = null;
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

function describeError(error: unknown, program: CompiledProgram): string {
  const thrown = describeThrown(error);
  const text = thrown.message ? `${thrown.name}: ${thrown.message}` : thrown.name;
  const pos = errorPosition(error, program);
  return pos ? `${text}\n  at ${program.filename}:${pos.line}:${pos.column}` : text;
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
