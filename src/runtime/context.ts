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
  /** Name of the async function this frame runs, when the compiler knew it. */
  fn: string | null = null;
  /** Tasks created while this frame ran: the variables that may hold them die with it. */
  created: Task<unknown>[] | null = null;
  /** The coroutine's promise, once `call` has it. */
  promise: Promise<unknown> | null = null;
  /** `taskOf(this)` as found when `ownerEpoch` was current (see `adopt`). */
  owner: Task<unknown> | null = null;
  ownerEpoch = -1;
  /** The learner's function this frame runs, when the trace asks (for the timeline's lanes). */
  callee: string | null = null;

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

  /**
   * The task whose step the loop is running: the handle that started or woke it
   * says so (asyncio's step is a handle). Code the compiler did not instrument
   * has no frames; this is how its task still finds the future it waits on.
   */
  step: null as Task<unknown> | null,

  /** Runs the body of an async function in a new frame; used by every compiled async function. */
  call<T>(body: () => Promise<T>, fn?: string): Promise<T> {
    const prev = ctx.cur;
    const frame = new Frame(prev);
    if (fn) frame.fn = fn;
    const { recorder } = currentWorld();
    if (recorder.callee !== null && recorder.loopSteps?.open) frame.callee = recorder.callee();
    ctx.cur = frame;
    let promise: Promise<T>;
    try {
      promise = body();
    } finally {
      ctx.cur = prev;
    }
    promiseFrames.set(promise, frame);
    frame.promise = promise;
    if (frame.created !== null) whenFrameEnds(frame, promise);
    return promise;
  },

  /** Before an await: records what the frame waits on. Returns `value` untouched. */
  aw<T>(frame: Frame, value: T): T {
    if (value === null || (typeof value !== "object" && typeof value !== "function")) return value;
    if (value instanceof Deferred) value = value.start() as T;
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
    const task = taskOf(frame);
    if (task !== null) task._stepPending = true;
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

/**
 * An awaitable that starts its coroutine only when first awaited, in the frame
 * that awaits it (so that frame can be cancelled through it), like a Python
 * coroutine object; `then` from plain code starts it too.
 */
export class Deferred<T> implements PromiseLike<T> {
  private promise: Promise<T> | null = null;
  private readonly body: () => Promise<T>;

  constructor(body: () => Promise<T>) {
    this.body = body;
  }

  start(): Promise<T> {
    return (this.promise ??= this.body());
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.start().then(onFulfilled, onRejected);
  }
}

/**
 * When the coroutine whose frame created tasks ends, the local variables that
 * held them are gone: as CPython's garbage collector does then, a task that
 * failed and whose exception nobody retrieved is reported now, and one still
 * running is reported when it fails.
 */
function whenFrameEnds(frame: Frame, promise: Promise<unknown>): void {
  const release = (returned: unknown): void => {
    const created = frame.created!;
    frame.created = null;
    // What the coroutine returns (a task, or an array of them) is still held, by its caller.
    for (const task of created) {
      if (task !== returned && !(Array.isArray(returned) && returned.includes(task))) task._release();
    }
  };
  promise.then(release, () => release(undefined));
}

/** Records that the running coroutine created `task` (only a task's compiled coroutines have frames to hold it). */
export function noteCreated(task: Task<unknown>): void {
  const frame = ctx.cur;
  if (frame === null || taskOf(frame) === null) return;
  if (frame.created === null) {
    frame.created = [];
    if (frame.promise !== null) whenFrameEnds(frame, frame.promise);
  }
  frame.created.push(task);
}

/** A loop callback that runs a step of a task. */
type StepCallback = { stepTask?: Task<unknown> };

/** Marks `wake` as a step of the task stepping now, so the loop makes that task `ctx.step` when it runs `wake`. */
export function inStep<F extends object>(wake: F): F {
  if (ctx.step !== null) (wake as StepCallback).stepTask = ctx.step;
  return wake;
}

/** Marks `wake` as a step of `task`. */
export function stepOfTask<F extends object>(wake: F, task: Task<unknown>): F {
  (wake as StepCallback).stepTask = task;
  return wake;
}

/** The task a loop callback is a step of, or null. */
export function stepTaskOf(callback: object): Task<unknown> | null {
  return (callback as StepCallback).stepTask ?? null;
}

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
 * to be raised at this point, the task is returned (its flag cleared). An await
 * that suspended and then threw skips its own re-entry; the error carries the
 * task's step up to the first frame that re-enters, which then stands for it
 * (asyncio throws the CancelledError instead of the error into the coroutine).
 */
function reenter(frame: Frame): Task<unknown> | null {
  ctx.cur = frame;
  frame.awaiting = null;
  const task = taskOf(frame);
  if (frame.suspendedOn === null && task?._stepPending !== true) return null;
  frame.suspendedOn = null;
  if (task !== null) task._stepPending = false;
  currentWorld().recorder.event("task-resumed", frame);
  if (task === null || !task._mustCancel) return null;
  task._mustCancel = false;
  return task;
}

/** The frame each coroutine promise runs in, so a task can adopt an eagerly started one. */
const promiseFrames = new WeakMap<Promise<unknown>, Frame>();

export function frameOf(promise: unknown): Frame | undefined {
  return promise instanceof Promise ? promiseFrames.get(promise) : undefined;
}

/** Bumped whenever a frame changes parent; a frame's cached owner is good only for its epoch. */
let epoch = 0;

/** Hands an eagerly started coroutine's frame (and so its callees) to a task's root frame. */
export function adopt(frame: Frame, root: Frame): void {
  frame.parent = root;
  epoch++;
}

/**
 * The task a frame belongs to: the one at the root of its chain of callers.
 * Every await asks, so the answer is cached along the chain: a new frame finds
 * it on its caller in one step, and deep recursion stays linear.
 */
export function taskOf(frame: Frame | null): Task<unknown> | null {
  if (frame === null) return null;
  if (frame.ownerEpoch === epoch) return frame.owner;
  const path: Frame[] = [];
  let task: Task<unknown> | null = null;
  for (let f: Frame | null = frame; f !== null; f = f.parent) {
    if (f.task !== null) {
      task = f.task;
      break;
    }
    if (f.ownerEpoch === epoch) {
      task = f.owner;
      break;
    }
    path.push(f);
  }
  for (const f of path) {
    f.owner = task;
    f.ownerEpoch = epoch;
  }
  return task;
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
  // A coroutine that awaits its own promise makes a cycle; no real chain is this deep.
  for (let guard = 0; node instanceof Frame && guard < 10_000_000; guard++) node = node.awaiting;
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
