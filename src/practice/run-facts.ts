/**
 * Facts about a finished run that checks ask about, read from its trace: when each task was
 * alive, how many were alive at once, which blocking calls ran while other tasks waited.
 */
import type { RunResult } from "../sandbox/protocol.ts";

/** One task of the run, alive from its first step until it finished, failed or was cancelled. */
export interface TaskSpan {
  name: string;
  /** The coroutine function the task runs, when known. */
  fn: string | null;
  start: number;
  /** End time, or the run's end for a task that never finished. */
  end: number;
}

const ENDS = new Set(["task-finished", "task-failed", "task-cancelled"]);

/**
 * The learner's tasks: every task but the one `asyncio.run` made for main, and but those
 * `asyncio.run` makes for its own shutdown once main is over.
 */
export function learnerTasks(result: RunResult): TaskSpan[] {
  const fnOf = new Map((result.tasks ?? []).map((task) => [task.name, task.fn]));
  const spans = new Map<string, TaskSpan>();
  let main: string | null = null;
  let mainEnded = false;
  for (const event of result.trace) {
    if (event.task === null) continue;
    if (event.kind === "task-created") {
      if (main === null) main = event.task;
      else if (!mainEnded) spans.set(event.task, { name: event.task, fn: fnOf.get(event.task) ?? null, start: Infinity, end: result.stats.virtualTime });
    } else if (event.kind === "task-started") {
      const span = spans.get(event.task);
      if (span && span.start === Infinity) span.start = event.t;
    } else if (ENDS.has(event.kind)) {
      if (event.task === main) mainEnded = true;
      const span = spans.get(event.task);
      if (span) span.end = event.t;
    }
  }
  return [...spans.values()].filter((span) => span.start !== Infinity);
}

/**
 * The most learner tasks (running `fn`, if given) alive at one virtual instant, counted in trace
 * order: a task that starts and ends within one instant still counts while it is alive.
 */
export function maxConcurrency(result: RunResult, fn: string | null): number {
  const counted = new Set(learnerTasks(result).filter((span) => fn === null || span.fn === fn).map((span) => span.name));
  let alive = 0;
  let most = 0;
  for (const event of result.trace) {
    if (event.task === null || !counted.has(event.task)) continue;
    if (event.kind === "task-started") most = Math.max(most, ++alive);
    else if (ENDS.has(event.kind)) alive--;
  }
  return most;
}

/** The longest stretch of virtual time during which a task running `a` and one running `b` were both alive. */
export function longestOverlap(result: RunResult, a: string, b: string): number {
  const spans = learnerTasks(result);
  let best = 0;
  for (const x of spans) {
    if (x.fn !== a) continue;
    for (const y of spans) {
      if (y.fn !== b || y === x) continue;
      best = Math.max(best, Math.min(x.end, y.end) - Math.max(x.start, y.start));
    }
  }
  return best;
}

/** A blocking call that ran while another task was ready or waiting. */
export interface BlockingCall {
  t: number;
  detail: string;
  /** How many other tasks were alive. */
  others: number;
}

export function blockingCalls(result: RunResult): BlockingCall[] {
  // A coroutine called eagerly (`gather(work())`) waits before its task exists; the trace names
  // its task already, so a suspension counts it as waiting too.
  const waiting = new Set<string>();
  const found: BlockingCall[] = [];
  for (const event of result.trace) {
    if (event.task !== null && (event.kind === "task-created" || event.kind === "task-started" || event.kind === "task-suspended")) {
      waiting.add(event.task);
    } else if (ENDS.has(event.kind) && event.task !== null) {
      waiting.delete(event.task);
    } else if (event.kind === "blocked") {
      // The blocked event names no task: the caller is one of those alive, the others waited.
      const others = Math.max(0, waiting.size - 1);
      if (others > 0) found.push({ t: event.t, detail: event.detail ?? "a blocking call", others });
    }
  }
  return found;
}
