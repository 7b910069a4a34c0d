/**
 * The messages a sandbox and its host exchange, and the shape of a finished run.
 * Shared by the browser widget, the Node CLI and the tests.
 */
import type { Check } from "../practice/checks.ts";
import type { CheckOutcome } from "../practice/grade.ts";

import type { LoopStep } from "../runtime/loop-steps.ts";

/** One printed line, stamped with the virtual time it was printed at. */
export interface OutputLine {
  /** Virtual time in seconds. */
  t: number;
  text: string;
  stream: "stdout" | "stderr";
  /** Name of the task that printed it, or null for top-level code and plain callbacks. */
  task: string | null;
}

export type RunErrorKind =
  | "syntax" // the source does not parse or uses unsupported TypeScript
  | "runtime" // an uncaught exception escaped the program
  | "deadlock" // main waits and nothing can ever wake it
  | "horizon" // the virtual-time or step limit was reached
  | "watchdog" // the program kept the CPU busy, or ran, for too long in wall-clock time
  | "stopped" // the learner stopped the run
  | "memory"; // the program ran out of memory

export interface RunError {
  kind: RunErrorKind;
  /** Error class name, e.g. "SyntaxError", "TimeoutError", "DeadlockError". */
  name: string;
  message: string;
  /** 1-based line and column in the learner's source, when known. */
  line: number | null;
  column: number | null;
}

export interface TraceEvent {
  /** Virtual time in seconds. */
  t: number;
  /** Event kind: "task-runs" (what a task runs, e.g. `download("a")`), "task-created", "task-started", "task-suspended", "task-resumed",
   * "task-finished", "task-cancelled", "task-failed", "callback", "timer-scheduled",
   * "timer-fired", "future-resolved", "io", "print". */
  kind: string;
  /** Task the event belongs to (name), or null. */
  task: string | null;
  /** Short human-readable detail, e.g. "sleep(1)" or the printed text. */
  detail?: string;
  /** The learner's "line:column" where a task suspended or resumed, or a line was printed. */
  at?: string;
}

export interface RunStats {
  /** Number of loop handles (callbacks and task steps) run. */
  steps: number;
  /** Virtual time when the program ended, in seconds. */
  virtualTime: number;
  /** Real time the run took, in milliseconds (for benchmarks only; never asserted on). */
  wallMs: number;
}

/** A task of the run, in creation order, and the coroutine function it runs (null if unknown). */
export interface TaskInfo {
  name: string;
  fn: string | null;
}

export interface RunResult {
  lines: OutputLine[];
  /** Lines a browser host received but did not keep, past its memory limit for output. */
  omittedLines?: number;
  error: RunError | null;
  trace: TraceEvent[];
  /** The loop's steps (each handle as it is taken off the ready queue), for the stepper; empty when not traced. */
  steps?: LoopStep[];
  stats: RunStats;
  /** Every task the run created (absent from results made outside a run). */
  tasks?: TaskInfo[];
  /** The exercise checks the sandbox graded the run against, when `RunOptions.checks` asked. */
  checks?: CheckOutcome[];
}

export interface RunOptions {
  /** Name shown in stack positions, default "main.ts". */
  filename?: string;
  /** Virtual-time horizon in seconds (default 3600). */
  maxVirtualTime?: number;
  /** Loop-handle horizon (default 1,000,000). */
  maxSteps?: number;
  /** Wall-clock budget in milliseconds for one uninterrupted stretch of CPU work (default 2000). */
  watchdogMs?: number;
  /** Record the trace (default true). */
  trace?: boolean;
  /** Exercise checks to grade the run against, in the sandbox; outcomes come in `RunResult.checks`. */
  checks?: Check[];
  /**
   * Called between loop steps, every few hundred real milliseconds while a long
   * run makes progress, with the lines printed since the previous call. Never
   * called from inside a busy stretch, so a host watchdog still sees silence.
   */
  onAlive?: (progress: { lines: OutputLine[] }) => void;
  /**
   * Called after every print with a function that takes the lines not yet taken (by it or by
   * `onAlive`); a host calls it when it wants to pass output on at once.
   */
  onPrint?: (take: () => OutputLine[]) => void;
  /** Called just before the compiled program is loaded with `eval` (a locked-down realm allows one). */
  beforeEval?: () => void;
}

/** Host → sandbox, through the private port handed over in the worker's first message. */
export type HostMessage = { type: "run"; id: number; source: string; options?: Omit<RunOptions, "onAlive" | "onPrint" | "beforeEval"> };

/** Sandbox → host. "alive" is sent periodically while a long run makes progress. */
export type SandboxMessage =
  | { type: "ready" }
  | { type: "alive"; id: number; lines: OutputLine[] }
  | { type: "done"; id: number; result: RunResult };

/** Formats a line the way lessons document output: `[1.500s] text`. */
export function formatLine(line: Pick<OutputLine, "t" | "text">): string {
  return `[${line.t.toFixed(3)}s] ${line.text}`;
}
