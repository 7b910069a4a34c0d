import { frameOf, leafOf } from "./context.ts";
import type { Handle, TimerHandle } from "./handle.ts";
import type { Owner } from "./trace.ts";

/**
 * A handle as the stepper names it. A task's step (its first step or a wake-up)
 * is named by the task; asyncio's own plumbing (a sleep's timer, gather's and
 * `run`'s done callbacks) in a few fixed words; a program's callback by its
 * function's name.
 */
export interface StepHandle {
  kind: "task" | "plumbing" | "callback";
  name: string;
  /** What the runtime calls it, when that says more, e.g. "sleep(1)". */
  detail?: string;
}

/** A timer waiting in the heap, for the stepper. */
export interface StepTimer extends StepHandle {
  /** Virtual time it is due at, in seconds. */
  deadline: number;
}

/**
 * The moment the loop takes one handle off the ready queue to run it, as
 * asyncio's `_run_once` sees it: the clock, the handle, what stays queued behind
 * it (FIFO), and the timers in deadline order.
 */
export interface LoopStep {
  t: number;
  run: StepHandle;
  ready: StepHandle[];
  /** Ready handles beyond those listed. */
  moreReady: number;
  timers: StepTimer[];
  moreTimers: number;
  /** How many trace events and output lines came before this step. */
  events: number;
  lines: number;
}

/** Steps recorded at most; a longer run's stepper shows its beginning. */
export const MAX_LOOP_STEPS = 2000;
/** Queue entries listed per step at most. */
export const MAX_LISTED = 12;

/**
 * The runtime's own callbacks, by the name `stepName` (or a class field) gives them, in the
 * stepper's words, as CPython's are named in vclock.py.
 */
const PLUMBING: Record<string, string> = {
  runDone: "run",
  onChildDone: "gather",
  onTaskDone: "task group",
  onTimeout: "timeout",
  releaseWaiter: "wait timeout",
  onCompletion: "wait",
  asCompletedDone: "as_completed",
  onInnerDone: "shield",
  onOuterDone: "shield",
};

/** The runtime's timers, by the start of their label. */
const TIMERS: Array<[RegExp, string]> = [
  [/^sleep\(/, "sleep"],
  [/^timeout expiry$/, "timeout"],
  [/^(waitFor|wait) timeout /, "wait timeout"],
  [/^asCompleted timeout /, "as_completed timeout"],
];

/** Names a program's own callback could well have too: plumbing only when the runtime scheduled it. */
const COMMON_NAMES = new Set(["onTimeout"]);

/** The runtime's wake-ups of a task (a future's `then`, `sleep(0)`, a first step). */
const WAKE_UPS = new Set(["settle", "firstStep"]);

/** What the stepper needs to know of a task: its name, and its chain of frames down to what it awaits. */
export interface WaitingTask extends Owner {
  readonly root: { awaiting: unknown };
}

interface RawStep {
  t: number;
  run: Handle;
  ready: Handle[];
  moreReady: number;
  timers: TimerHandle[];
  moreTimers: number;
  events: number;
  lines: number;
}

/**
 * Records the loop's steps while a run is traced. Which task an internal
 * wake-up resumes is learnt when it runs (the first task that starts or resumes
 * before the next handle), so handles still queued are named only at the end.
 */
export class LoopStepRecorder {
  private readonly raw: RawStep[] = [];
  private readonly woke = new Map<Handle, Owner>();
  private current: Handle | null = null;
  /** The loop's first handle: the program's top level. */
  private first: Handle | null = null;

  /** Whether more steps are still recorded (positions are looked up only while they are). */
  get open(): boolean {
    return this.raw.length < MAX_LOOP_STEPS;
  }

  begin(
    t: number,
    handle: Handle,
    ready: readonly Handle[],
    head: number,
    timers: readonly TimerHandle[],
    tasks: Iterable<WaitingTask>,
    events: number,
    lines: number,
  ): void {
    if (!this.open) {
      this.current = null;
      return;
    }
    // A future's callback that wakes a task: asyncio's Task.__wakeup, the task's own step.
    const future = handle.args[0];
    if (handle.internal && future !== undefined && WAKE_UPS.has(handle.callback.name)) {
      let waiter: WaitingTask | null = null;
      for (const task of tasks) {
        if (leafOf(task.root.awaiting) !== future) continue;
        waiter = waiter === null ? task : null;
        if (waiter === null) break;
      }
      if (waiter !== null) this.woke.set(handle, waiter);
    }
    this.first ??= handle;
    const queued: Handle[] = [];
    let waiting = 0;
    for (let i = head; i < ready.length; i++) {
      const h = ready[i];
      if (h === undefined || h.cancelled) continue;
      if (queued.length < MAX_LISTED) queued.push(h);
      waiting++;
    }
    let pending = 0;
    for (const h of timers) if (!h.cancelled) pending++;
    const due = earliest(timers, MAX_LISTED);
    this.raw.push({ t, run: handle, ready: queued, moreReady: waiting - queued.length, timers: due, moreTimers: pending - due.length, events, lines });
    this.current = handle;
  }

  /** A task started or resumed: the runtime's wake-up that is running is that task's step. */
  taskRan(owner: Owner | null): void {
    const handle = this.current;
    if (handle === null || owner === null || !handle.internal || this.woke.has(handle)) return;
    this.woke.set(handle, owner);
  }

  steps(): LoopStep[] {
    const names = new Map<Handle, StepHandle>();
    const name = (h: Handle): StepHandle => {
      let known = names.get(h);
      if (known === undefined) names.set(h, (known = this.describe(h)));
      return known;
    };
    return this.raw.map((s) => ({
      t: s.t,
      run: name(s.run),
      ready: s.ready.map(name),
      moreReady: s.moreReady,
      timers: s.timers.map((h) => ({ ...name(h), deadline: h.deadline })),
      moreTimers: s.moreTimers,
      events: s.events,
      lines: s.lines,
    }));
  }

  private describe(handle: Handle): StepHandle {
    const owner = this.woke.get(handle);
    const taskName = owner?.ownerName();
    if (taskName) return { kind: "task", name: taskName };
    if (handle === this.first) return { kind: "plumbing", name: "program" };
    const label = handle.label;
    if (label !== undefined) {
      for (const [pattern, name] of TIMERS) if (pattern.test(label)) return { kind: "plumbing", name, detail: label };
    }
    const fn = handle.callback.name;
    const plumbing = PLUMBING[fn];
    const own = handle.internal || label !== undefined;
    if (plumbing !== undefined && (own || !COMMON_NAMES.has(fn))) {
      return label === undefined ? { kind: "plumbing", name: plumbing } : { kind: "plumbing", name: plumbing, detail: label };
    }
    if (handle.internal && WAKE_UPS.has(fn)) return { kind: "plumbing", name: fn === "firstStep" ? "task step" : "wake-up" };
    if (label !== undefined) return { kind: "callback", name: label };
    return { kind: "callback", name: fn || "anonymous function" };
  }
}

/**
 * The `count` earliest timers that are not cancelled, in deadline order, read off the heap's
 * array (a binary heap: the children of i are 2i+1 and 2i+2) without sorting all of it.
 */
function earliest(heap: readonly TimerHandle[], count: number): TimerHandle[] {
  const found: TimerHandle[] = [];
  const frontier: number[] = heap.length > 0 ? [0] : [];
  while (frontier.length > 0 && found.length < count) {
    let best = 0;
    for (let i = 1; i < frontier.length; i++) if (heap[frontier[i]!]!.deadline < heap[frontier[best]!]!.deadline) best = i;
    const index = frontier.splice(best, 1)[0]!;
    const timer = heap[index]!;
    if (!timer.cancelled) found.push(timer);
    for (const child of [2 * index + 1, 2 * index + 2]) if (child < heap.length) frontier.push(child);
  }
  return found;
}

/** An arrow that only calls something: `() => download("a")`. */
const CALLING_ARROW = /^(?:async\s*)?\(\s*\)\s*=>\s*([\w$.]+\([^]*\))\s*$/;

/**
 * What a task runs, as its timeline lane is named: `download("a")` for
 * `createTask(() => download("a"))`, `main()` for `run(main)`, `worker(…)` for a
 * coroutine started eagerly (its arguments are not known), or null.
 */
export function whatItRuns(coro: unknown): string | null {
  if (typeof coro === "function") {
    const call = CALLING_ARROW.exec(Function.prototype.toString.call(coro))?.[1];
    if (call !== undefined && call.length <= 48 && !call.includes("__rt")) return call;
    return coro.name ? `${coro.name}()` : null;
  }
  const callee = frameOf(coro)?.callee;
  return callee ? `${callee}(…)` : null;
}
