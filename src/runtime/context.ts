import { CancelledError, RuntimeError } from "./errors.ts";
import { Future } from "./future.ts";
import type { Task } from "./task.ts";
import type { Owner } from "./trace.ts";
import { currentWorld } from "./world.ts";

/**
 * Which task is running. Native async functions resume from microtasks that no
 * hook reports, so the compiler instruments learner code: every async function
 * runs in a Frame, and every `await` is rewritten to
 *
 *     __rt.re(__f, await __rt.aw(__f, x))
 *
 * which records what the frame waits on and re-enters the frame when it resumes.
 * The awaited value itself is passed through untouched, so microtask order is
 * native.
 */
export class Frame implements Owner {
  /** The frame that was running when this one was called; null for a task's root. */
  parent: Frame | null;
  /** Set on a task's root frame only. */
  task: Task<unknown> | null = null;
  /** What this frame awaits now: a child Frame (a nested coroutine) or a leaf awaitable. */
  awaiting: unknown = null;
  /** The leaf this frame suspended on when the await really yielded to the loop. */
  suspendedOn: unknown = null;

  constructor(parent: Frame | null) {
    this.parent = parent;
  }

  ownerName(): string | null {
    return taskOf(this)?.getName() ?? null;
  }
}

/** The instrumentation interface the compiled program calls (passed in as `__rt`). */
export const ctx = {
  /** The frame whose code is running, or null for top-level code and plain callbacks. */
  cur: null as Frame | null,

  /** Runs the body of an async function in a new frame; used by every compiled async function. */
  call<T>(body: () => Promise<T>): Promise<T> {
    const prev = ctx.cur;
    const frame = new Frame(prev);
    ctx.cur = frame;
    let promise: Promise<T>;
    try {
      promise = body();
    } finally {
      ctx.cur = prev;
    }
    promiseFrames.set(promise, frame);
    return promise;
  },

  /** Before an await: records what the frame waits on. Returns `value` untouched. */
  aw<T>(frame: Frame, value: T): T {
    if (value === null || (typeof value !== "object" && typeof value !== "function")) return value;
    const child = value instanceof Promise ? promiseFrames.get(value) : undefined;
    if (child !== undefined) {
      frame.awaiting = child;
      return value;
    }
    if (typeof (value as { then?: unknown }).then !== "function") return value;
    if (value instanceof Future && !value.done() && (value as Future<unknown>) === taskOf(frame)) {
      // asyncio throws this into the coroutine on the loop's next turn.
      return rejectNextTurn(value, new RuntimeError(`Task cannot await on itself: ${value}`)) as T;
    }
    frame.awaiting = value;
    if (value instanceof Future && value.done()) return value;
    frame.suspendedOn = value;
    const { recorder } = currentWorld();
    if (recorder.tracing) recorder.event("task-suspended", frame, awaitableLabel(value));
    return value;
  },

  /**
   * After an await: re-enters the frame. If the task was cancelled while it had
   * nothing cancellable to wait on, the CancelledError is raised here, at the
   * await, as asyncio throws it into the coroutine at its next step.
   */
  re<T>(frame: Frame, value?: T): T {
    const cancelled = reenter(frame);
    if (cancelled !== null) throw cancelled._makeCancelledErrorForStep();
    return value as T;
  },

  /**
   * On entry to a catch block: re-enters the frame. An await that threw skipped
   * `re`; if the task also had a cancellation pending, asyncio would have thrown
   * that instead, so the caught error becomes the CancelledError.
   */
  rc(frame: Frame, error?: unknown): unknown {
    const cancelled = reenter(frame);
    if (cancelled !== null && !(error instanceof CancelledError)) return cancelled._makeCancelledErrorForStep();
    return error;
  },

  /** At a `throw`: remembers the value and its position in the program's source; returns the value. */
  th<T>(value: T, line: number, column: number): T {
    lastThrow = { value, line, column };
    return value;
  },

  /** Loop checkpoint: lets the wall-clock watchdog stop a loop that never yields. */
  tick(line: number): void {
    if (--ticksUntilCheck > 0) return;
    ticksUntilCheck = TICKS_PER_CHECK;
    currentWorld().watchdog.check(line);
  },
};

let lastThrow: { value: unknown; line: number; column: number } | null = null;

/** Where the program's most recent `throw` of `value` was, if it was the most recent throw. */
export function thrownAt(value: unknown): { line: number; column: number } | null {
  return lastThrow !== null && lastThrow.value === value ? { line: lastThrow.line, column: lastThrow.column } : null;
}

/** Loop iterations between two looks at the wall clock. */
const TICKS_PER_CHECK = 10_000;
let ticksUntilCheck = TICKS_PER_CHECK;

/** An awaitable that fails with `error` in a loop callback of its own. */
function rejectNextTurn(future: Future<unknown>, error: Error): PromiseLike<never> {
  return {
    then: (onFulfilled, onRejected) =>
      new Promise<never>((_, reject) => {
        future.getLoop()._callSoonInternal(reject, error);
      }).then(onFulfilled, onRejected),
  };
}

/**
 * Makes `frame` the running one again after an await. When the await really
 * suspended, the task is resumed in the trace, and if a cancellation is waiting
 * to be raised at this point, the task is returned (its flag cleared).
 */
function reenter(frame: Frame): Task<unknown> | null {
  ctx.cur = frame;
  frame.awaiting = null;
  if (frame.suspendedOn === null) return null;
  frame.suspendedOn = null;
  currentWorld().recorder.event("task-resumed", frame);
  const task = taskOf(frame);
  if (task === null || !task._mustCancel) return null;
  task._mustCancel = false;
  return task;
}

/** The frame each coroutine promise runs in, so a task can adopt an eagerly started one. */
const promiseFrames = new WeakMap<Promise<unknown>, Frame>();

export function frameOf(promise: unknown): Frame | undefined {
  return promise instanceof Promise ? promiseFrames.get(promise) : undefined;
}

/** The task a frame belongs to: the one at the root of its chain of callers. */
export function taskOf(frame: Frame | null): Task<unknown> | null {
  for (let f = frame; f !== null; f = f.parent) if (f.task !== null) return f.task;
  return null;
}

/** The task whose code is running now, or null (asyncio's `current_task()`). */
export function currentTask(): Task<unknown> | null {
  return taskOf(ctx.cur);
}

/**
 * Follows what a frame awaits down to the leaf: the future (or other awaitable)
 * its innermost coroutine is suspended on.
 */
export function leafOf(start: unknown): unknown {
  let node = start;
  for (let guard = 0; node instanceof Frame && guard < 10_000; guard++) node = node.awaiting;
  return node instanceof Frame ? null : node;
}

/** How a trace or a description names an awaitable: its label, or a generic word. */
export function awaitableLabel(value: unknown): string {
  if (value instanceof Future) {
    if (value.label !== undefined) return value.label;
    // A task is named by its name; its whole description would repeat what it waits on.
    const getName = (value as { getName?: () => string }).getName;
    return typeof getName === "function" ? getName.call(value) : String(value);
  }
  const label = (value as { label?: unknown } | null)?.label;
  if (typeof label === "string") return label;
  if (value instanceof Promise) return "a promise";
  return "an awaitable";
}
