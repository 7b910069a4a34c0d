/**
 * The runtime's host API: what a host (the browser sandbox, the Node CLI, tests)
 * uses to run one program on a fresh virtual world. Learner programs never see
 * it; they import `asyncio` (index.ts) and `time`.
 *
 * @example
 * const run = createRun({ trace: true });
 * const error = await run.execute(({ modules }) => modules.asyncio.run(async () => {
 *   await modules.asyncio.sleep(1);
 * }));
 * run.stats(); // { steps: ..., virtualTime: 1 }
 */
import { ctx } from "./context.ts";
import { fetch } from "./fetch.ts";
import * as asyncio from "./index.ts";
import { ProgramDriver } from "./program-driver.ts";
import { setRunningLoop } from "./running-loop.ts";
import { createSandboxGlobals, type SandboxGlobals } from "./sandbox-globals.ts";
import * as time from "./time-module.ts";
import type { LoopStep } from "./loop-steps.ts";
import type { OutputLine, TaskInfo, TraceEvent } from "./trace.ts";
import { setCurrentWorld, World, type Limits } from "./world.ts";

export { DeadlockError, HorizonError, RuntimeError, WatchdogError } from "./errors.ts";
export { errorText } from "./format.ts";
export { thrownAt } from "./context.ts";
export type { Limits } from "./world.ts";
export type { OutputLine, TraceEvent, TraceKind } from "./trace.ts";

export interface RunSettings {
  /** Virtual-time, step and watchdog limits; the defaults are in world.ts. */
  limits?: Partial<Limits>;
  /** Record the trace (default true). */
  trace?: boolean;
  /** Real milliseconds, for the watchdog and `stats().wallMs` only; without it the watchdog is off. */
  wallNow?: () => number;
  /** Called every few hundred real milliseconds of a long run, between loop steps, with the lines printed since. */
  onAlive?: (lines: OutputLine[]) => void;
  /** Called after each printed line, with a way to take the lines printed since the last take. */
  onPrint?: (take: () => OutputLine[]) => void;
  /** How an error reported by the loop (an exception nobody retrieved, ...) is written to stderr. */
  formatError?: (error: unknown) => string;
  /** The learner's current `line:column`, for the trace of a traced run (suspends, resumes, prints). */
  locate?: () => string | null;
  /** The name of the learner's async function starting now, for the timeline's lanes. */
  callee?: () => string | null;
}

/** What a compiled program is called with. */
export interface ProgramBindings {
  /** The instrumentation the compiler's output calls (`__rt`). */
  rt: typeof ctx;
  /** The modules a program imports by name. */
  modules: Readonly<{ asyncio: typeof asyncio; time: typeof time }>;
  /** console, timers, Date and performance on the virtual clock. */
  globals: SandboxGlobals;
  /** A simulated fetch against the virtual web. */
  fetch: typeof fetch;
}

export interface ProgramRun {
  readonly bindings: ProgramBindings;
  /**
   * Runs `body` as the program's top level (outside any event loop), then every
   * `asyncio.run` it asked for, and resolves to the error that ended the
   * program, or null. Call it once.
   */
  execute(body: (bindings: ProgramBindings) => Promise<unknown>): Promise<unknown>;
  /** Ends the run at its next loop step with `error` (an unhandled rejection, a newer program). */
  abort(error: unknown): void;
  /** Every line printed so far. */
  lines(): OutputLine[];
  /** The trace so far (a last "trace-cut" event if it reached its limit). */
  events(): TraceEvent[];
  /** Loop steps run and the virtual time reached. */
  stats(): { steps: number; virtualTime: number };
  /** Every task of the run with the coroutine function it ran, for checks that count tasks by function. */
  tasks(): TaskInfo[];
  /** The loop's steps as the stepper replays them (empty when the run was not traced). */
  steps(): LoopStep[];
}

const MODULES = Object.freeze({ asyncio, time });

/** The run executing now: programs run one at a time in a JavaScript realm, and a new one ends the old. */
let active: World | null = null;

/** Makes a run on a fresh world: its own clock, output, trace, task numbers and limits. */
export function createRun(settings: RunSettings = {}): ProgramRun {
  const { onAlive, onPrint, wallNow } = settings;
  const world = new World({
    ...(settings.limits && { limits: settings.limits }),
    host: {
      ...(wallNow && { wallNow }),
      ...(onAlive && { onAlive: () => onAlive(world.recorder.takeNewLines()) }),
      ...(onPrint && { onPrint: () => onPrint(() => world.recorder.takeNewLines()) }),
    },
    trace: settings.trace ?? true,
  });
  if (settings.formatError) world.formatError = settings.formatError;
  if (world.recorder.tracing) {
    if (settings.locate) world.recorder.locate = settings.locate;
    if (settings.callee) world.recorder.callee = settings.callee;
  }
  const bindings: ProgramBindings = { rt: ctx, modules: MODULES, globals: createSandboxGlobals(world), fetch };
  const abort = (error: unknown): void => {
    if (world.fatal === undefined) world.fatal = error;
  };
  return {
    bindings,
    abort,
    async execute(body) {
      if (active !== null && active !== world) {
        const previous = active;
        if (previous.fatal === undefined) {
          previous.fatal = new asyncio.RuntimeError("Stopped: another program was started before this one finished.");
        }
      }
      active = world;
      setRunningLoop(null);
      setCurrentWorld(world);
      const driver = new ProgramDriver(world);
      world.driver = driver;
      try {
        await driver.drive(() => ctx.call(() => body(bindings)));
        return world.fatal ?? null;
      } catch (error) {
        return error;
      } finally {
        if (active === world) active = null;
        world.driver = null;
        setCurrentWorld(null);
        ctx.cur = null;
      }
    },
    lines: () => world.recorder.lines(),
    events: () => world.recorder.events(),
    stats: () => ({ steps: world.steps, virtualTime: world.now }),
    tasks: () => world.recorder.tasks(),
    steps: () => world.recorder.steps(),
  };
}
