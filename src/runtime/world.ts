import type { EventLoop } from "./event-loop.ts";
import type { ProgramDriver } from "./program-driver.ts";
import { errorText } from "./format.ts";
import { Recorder } from "./trace.ts";
import { Watchdog } from "./watchdog.ts";

/** Limits that stop a run which would otherwise never end. */
export interface Limits {
  /** Virtual seconds after which the run stops (default 3600). */
  maxVirtualTime: number;
  /** Loop handles after which the run stops (default 1,000,000). */
  maxSteps: number;
  /** Wall-clock milliseconds one uninterrupted stretch of work may take (default 2000). */
  watchdogMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxVirtualTime: 3600,
  maxSteps: 1_000_000,
  watchdogMs: 2000,
};

/** What the host (browser worker, Node CLI, tests) lends the runtime. */
export interface Host {
  /** Real milliseconds, only for the wall-clock watchdog; never for program-visible time. */
  wallNow?: () => number;
  /** Called every few hundred real milliseconds while a long run makes progress. */
  onAlive?: () => void;
  /** Called after each print, so a host can pass output on before a later hang can lose it. */
  onPrint?: () => void;
}

/**
 * Everything one program shares: the virtual clock, output, trace, counters and
 * limits. Loops created by the program share its clock, as CPython's loops share
 * `time.monotonic()`.
 */
export class World {
  /** Virtual time in seconds. Only the loop's idle wait and blocking `time.sleep` move it. */
  now = 0;
  /** Unix time (seconds) at virtual time zero: 2025-01-01 09:00:00 UTC. */
  readonly epoch = 1735722000;
  /** Loop handles run so far, across all loops of the program. */
  steps = 0;
  /** Counter behind the default task names Task-1, Task-2, ... */
  taskCounter = 0;
  readonly recorder: Recorder;
  readonly limits: Limits;
  readonly host: Host;
  readonly watchdog: Watchdog;
  /** An error that ends the run at the loop's next step (an unhandled rejection, a tripped watchdog). */
  fatal: unknown = undefined;
  /** The program's own loop, made on first use. */
  loop: EventLoop | null = null;
  /** Loops of this program running now, and who waits for the next one to stop. */
  loopsRunning = 0;
  loopStopped: Array<() => void> = [];
  /** Set while a program runs: `asyncio.run` hands its work to it. */
  driver: ProgramDriver | null = null;
  /** Turns an exception into report text; the sandbox replaces it to add source positions. */
  formatError: (error: unknown) => string = (error) =>
    error instanceof Error ? errorText(error) : `Uncaught ${String(error)}`;

  constructor(options: { limits?: Partial<Limits>; host?: Host; trace?: boolean } = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.host = options.host ?? {};
    this.recorder = new Recorder(this, options.trace ?? true);
    this.watchdog = new Watchdog(this.host, this.limits.watchdogMs);
  }
}

let current: World | null = null;

/** The world of the program being run; a default one is made on first use. */
export function currentWorld(): World {
  return (current ??= new World());
}

/** Makes `world` the current one (the sandbox does this before it runs a program). */
export function setCurrentWorld(world: World | null): void {
  current = world;
}
