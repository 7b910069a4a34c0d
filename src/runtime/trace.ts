import type { Handle, TimerHandle } from "./handle.ts";
import { LoopStepRecorder, type LoopStep, type WaitingTask } from "./loop-steps.ts";
import type { World } from "./world.ts";

/** One printed line, stamped with the virtual time it was printed at. */
export interface OutputLine {
  /** Virtual time in seconds. */
  t: number;
  text: string;
  stream: "stdout" | "stderr";
  /** Name of the task that printed it, or null for top-level code and plain callbacks. */
  task: string | null;
}

export type TraceKind =
  | "task-runs"
  | "task-created"
  | "task-started"
  | "task-suspended"
  | "task-resumed"
  | "task-finished"
  | "task-cancelled"
  | "task-failed"
  | "callback"
  | "timer-scheduled"
  | "timer-fired"
  | "future-resolved"
  | "blocked"
  | "io"
  | "print"
  /** Last event of a trace that reached its limit: when it was cut and how much was left out. */
  | "trace-cut";

/** One thing that happened in a run, with its virtual time and the task it belongs to. */
export interface TraceEvent {
  t: number;
  kind: TraceKind;
  task: string | null;
  detail?: string;
  /** Where in the learner's source it happened, "line:column", when known (suspend and resume points, prints). */
  at?: string;
}

/** A task of a run and the name of the coroutine function it runs, when known. */
export interface TaskInfo {
  name: string;
  fn: string | null;
}

/**
 * Something output can belong to. Frames of coroutines resolve to their task
 * only when read: a coroutine started eagerly (`createTask(work())`) prints
 * before its task exists, and its lines still belong to that task.
 */
export interface Owner {
  ownerName(): string | null;
}

interface RawLine {
  t: number;
  text: string;
  stream: "stdout" | "stderr";
  owner: Owner | null;
}

interface RawEvent {
  t: number;
  kind: TraceKind;
  owner: Owner | null;
  detail: string | undefined;
  at: string | null;
}

/** Events that carry the learner's position: where a task suspends and resumes, and prints. */
const LOCATED: ReadonlySet<TraceKind> = new Set<TraceKind>(["task-suspended", "task-resumed", "print"]);
/** Characters of a printed line its trace event keeps (the line itself is kept whole). */
const PRINT_DETAIL_CHARS = 1000;

/** Events kept at most, so a runaway program cannot fill memory with its trace. */
const MAX_EVENTS = 200_000;

/** Collects a program's output and trace. */
export class Recorder {
  private readonly rawLines: RawLine[] = [];
  private readonly rawEvents: RawEvent[] = [];
  private taken = 0;
  private readonly functions = new Map<Owner, string | null>();
  /** Events left out once the limit was reached, and the virtual time of the first of them. */
  private dropped = 0;
  private cutAt = 0;

  private readonly world: World;
  readonly tracing: boolean;
  /** The loop's steps, for the stepper; recorded only while tracing. */
  readonly loopSteps: LoopStepRecorder | null;
  /**
   * Where the learner's code is now ("line:column"), when the host can tell (the
   * sandbox reads it off the stack). Asked only while loop steps are recorded.
   */
  locate: (() => string | null) | null = null;
  /** The name of the learner's function that is calling into the runtime, when the host can tell. */
  callee: (() => string | null) | null = null;

  constructor(world: World, tracing: boolean) {
    this.world = world;
    this.tracing = tracing;
    this.loopSteps = tracing ? new LoopStepRecorder() : null;
  }

  print(stream: "stdout" | "stderr", text: string, owner: Owner | null): void {
    const t = this.world.now;
    for (const line of text.split("\n")) {
      this.rawLines.push({ t, text: line, stream, owner });
      if (this.tracing) this.event("print", owner, line.length > PRINT_DETAIL_CHARS ? `${line.slice(0, PRINT_DETAIL_CHARS)}…` : line);
    }
    this.world.host.onPrint?.();
  }

  event(kind: TraceKind, owner: Owner | null, detail?: string): void {
    if (!this.tracing) return;
    if (this.rawEvents.length >= MAX_EVENTS) {
      if (this.dropped++ === 0) this.cutAt = this.world.now;
      return;
    }
    const steps = this.loopSteps;
    let at: string | null = null;
    if (steps !== null && steps.open) {
      if (kind === "task-started" || kind === "task-resumed") steps.taskRan(owner);
      if (this.locate !== null && LOCATED.has(kind)) at = this.locate();
    }
    this.rawEvents.push({ t: this.world.now, kind, owner, detail, at });
  }

  /** The loop is about to run `handle`; `ready` from `head` on is what stays queued behind it. */
  stepBegins(handle: Handle, ready: readonly Handle[], head: number, timers: readonly TimerHandle[], tasks: Iterable<WaitingTask>): void {
    this.loopSteps?.begin(this.world.now, handle, ready, head, timers, tasks, this.rawEvents.length, this.rawLines.length);
  }

  /** The loop's steps as the stepper replays them (empty when the run was not traced). */
  steps(): LoopStep[] {
    return this.loopSteps?.steps() ?? [];
  }

  /** Notes the coroutine function a task runs (null while unknown or not the learner's code). */
  taskFunction(task: Owner, fn: string | null): void {
    if (!this.functions.has(task) || fn !== null) this.functions.set(task, fn);
  }

  /** Every task created so far, in creation order, with its coroutine function's name. */
  tasks(): TaskInfo[] {
    return [...this.functions].map(([task, fn]) => ({ name: task.ownerName() ?? "", fn }));
  }

  /** All lines printed so far. */
  lines(): OutputLine[] {
    return this.rawLines.map(resolveLine);
  }

  /** Lines printed since the previous call (for streaming output to a host). */
  takeNewLines(): OutputLine[] {
    const fresh = this.rawLines.slice(this.taken).map(resolveLine);
    this.taken = this.rawLines.length;
    return fresh;
  }

  /** The trace; if it reached its limit, a last "trace-cut" event says when and how many events are missing. */
  events(): TraceEvent[] {
    const events = this.rawEvents.map((e) => {
      const event: TraceEvent = { t: e.t, kind: e.kind, task: e.owner?.ownerName() ?? null };
      if (e.detail !== undefined) event.detail = e.detail;
      if (e.at !== null) event.at = e.at;
      return event;
    });
    if (this.dropped > 0) {
      const n = (count: number): string => count.toLocaleString("en-US");
      events.push({
        t: this.cutAt,
        kind: "trace-cut",
        task: null,
        detail: `trace cut at t=${this.cutAt.toFixed(3)}s after ${n(MAX_EVENTS)} events (its limit): ${n(this.dropped)} later events not recorded`,
      });
    }
    return events;
  }
}

function resolveLine(l: RawLine): OutputLine {
  return { t: l.t, text: l.text, stream: l.stream, task: l.owner?.ownerName() ?? null };
}
