import { adopt, ctx, Frame, frameOf, leafOf, awaitableLabel, noteCreated, stepOfTask } from "./context.ts";
import { CancelledError, RuntimeError } from "./errors.ts";
import type { EventLoop } from "./event-loop.ts";
import { getEventLoop } from "./running-loop.ts";
import { describe } from "./format.ts";
import { describeOnce, Future } from "./future.ts";
import { whatItRuns } from "./loop-steps.ts";
import type { Owner } from "./trace.ts";

/**
 * What a task can run: an async function (started on the loop's next turn, like a
 * Python coroutine object) or a promise/awaitable that is already running
 * (a JavaScript async function starts eagerly when called).
 */
export type Coroutine<T> = PromiseLike<T> | (() => PromiseLike<T> | T);

export interface TaskOptions {
  /** Task name; defaults to Task-N. */
  name?: string;
  /** Loop to run on; defaults to the running loop. */
  loop?: EventLoop;
}

/**
 * A coroutine scheduled on the loop, as asyncio.Task: a Future that completes
 * with the coroutine's result.
 *
 * Invariant: while the task is pending, either its first step is scheduled, or
 * its coroutine chain (root frame → awaiting frames → leaf) is suspended on a
 * leaf awaitable, or it is running. `cancel()` cancels the leaf if it is a
 * pending Future, otherwise marks the task so that CancelledError is raised at
 * its next resumption (asyncio tasks.py `_must_cancel`).
 *
 * @example
 * const task = asyncio.createTask(() => work(), { name: "worker" });
 * await asyncio.sleep(1);
 * task.cancel();
 */
export class Task<T = unknown> extends Future<T> implements Owner {
  private name: string;
  /** Root of the task's frame chain; what the task's code prints belongs to it. */
  readonly root: Frame;
  private readonly coro: Coroutine<T>;
  private started = false;
  private cancelledExc: CancelledError | null = null;
  private numCancelsRequested = 0;
  _mustCancel = false;
  /** A frame of this task suspended and has not re-entered yet (see context.ts `reenter`). */
  _stepPending = false;
  /** Set once nothing in the program can hold the task any more: a failure is reported at once. */
  private released = false;
  /** The last pending future this task's steps awaited; how a coroutine the compiler did not instrument is cancelled. */
  _plainWaiter: Future<unknown> | null = null;

  /**
   * `numbered`: take a Task-N number even when a name is given, as asyncio 3.11's
   * `create_task` and `TaskGroup.create_task` do (they name the task after the loop made it).
   */
  constructor(coro: Coroutine<T>, options: TaskOptions = {}, numbered = false) {
    super(options.loop ?? getEventLoop());
    if (!isCoroutine(coro)) {
      throw new TypeError(`a coroutine was expected, got ${describe(coro)}`);
    }
    const world = this.loop.world;
    if (options.name === undefined || numbered) world.taskCounter++;
    this.name = options.name === undefined ? `Task-${world.taskCounter}` : String(options.name);
    this.coro = coro;
    this.root = new Frame(null);
    this.root.task = this as Task<unknown>;
    if (typeof coro !== "function") {
      // An eagerly started coroutine: its frame (and whatever it printed) now belongs to this task.
      const frame = frameOf(coro);
      if (frame !== undefined) adopt(frame, this.root);
      this.root.awaiting = frame ?? coro;
      world.recorder.taskFunction(this, frame?.fn ?? null);
    } else {
      world.recorder.taskFunction(this, null);
    }
    this.loop.tasks.add(this as Task<unknown>);
    noteCreated(this as Task<unknown>);
    if (world.recorder.tracing) {
      const runs = whatItRuns(coro);
      if (runs !== null) world.recorder.event("task-runs", this, runs);
    }
    world.recorder.event("task-created", this, typeof coro === "function" ? "deferred" : "already running");
    this.loop._callSoonInternal(stepOfTask(this.firstStep, this as Task<unknown>));
  }

  protected override get traced(): boolean {
    return false;
  }

  ownerName(): string {
    return this.name;
  }

  getName(): string {
    return this.name;
  }

  setName(name: string): void {
    this.name = String(name);
  }

  /** The coroutine (promise or async function) the task runs. */
  getCoro(): Coroutine<T> {
    return this.coro;
  }

  /**
   * Requests cancellation: the coroutine gets a CancelledError at the await it is
   * suspended on, or at its next step. Returns false if the task is already done.
   */
  override cancel(msg?: string): boolean {
    this.logTraceback = false;
    if (this.done()) return false;
    this.numCancelsRequested++;
    const waiter = this.futWaiter();
    if (waiter !== null && waiter.cancel(msg)) return true;
    // The future the task waits on is already cancelled and its CancelledError is on the
    // way: asyncio's next `__step` delivers that one and clears `_must_cancel` as it does.
    if (this.lastWaiter()?.cancelled()) return true;
    this._mustCancel = true;
    this.cancelMessage = msg;
    return true;
  }

  /** How many cancellation requests are pending (asyncio's `cancelling()`). */
  cancelling(): number {
    return this.numCancelsRequested;
  }

  /** Decrements the pending cancellation requests and returns the new count. */
  uncancel(): number {
    if (this.numCancelsRequested > 0) this.numCancelsRequested--;
    return this.numCancelsRequested;
  }

  /** The pending Future the task's innermost coroutine waits on, if any. */
  futWaiter(): Future<unknown> | null {
    const waiter = this.lastWaiter();
    return waiter !== null && !waiter.done() ? waiter : null;
  }

  /** The future the task's innermost coroutine waits on, or last waited on, if it is one. */
  private lastWaiter(): Future<unknown> | null {
    if (!this.started && typeof this.coro === "function") return null;
    // Not compiled: no frames say what it awaits, but its steps do.
    if (this.root.awaiting instanceof Promise && this._plainWaiter !== null) return this._plainWaiter;
    const leaf = leafOf(this.root.awaiting);
    return leaf instanceof Future ? leaf : null;
  }

  _makeCancelledErrorForStep(): CancelledError {
    return new CancelledError(this.cancelMessage ?? "");
  }

  /**
   * asyncio's `_make_cancelled_error`: the CancelledError that ended the
   * coroutine is handed out once; later calls make a new one, which carries no
   * message because the task was cancelled without one.
   */
  protected override makeCancelledError(): CancelledError {
    const exc = this.cancelledExc;
    if (exc === null) return super.makeCancelledError();
    this.cancelledExc = null;
    return exc;
  }

  /** First step, run by the loop: starts a deferred coroutine, or adopts a running one. */
  private readonly firstStep = (): void => {
    if (this.done()) return;
    this.started = true;
    const world = this.loop.world;
    world.recorder.event("task-started", this);
    let promise: unknown;
    if (typeof this.coro === "function") {
      if (this._mustCancel) {
        // Cancelled before it ever ran: the coroutine body never starts.
        this._mustCancel = false;
        this.finishCancelled(this._makeCancelledErrorForStep());
        return;
      }
      ctx.cur = this.root;
      try {
        promise = this.coro();
      } catch (err) {
        this.fail(err);
        return;
      } finally {
        ctx.cur = null;
      }
      const frame = frameOf(promise);
      this.root.awaiting = frame ?? promise;
      world.recorder.taskFunction(this, frame?.fn ?? null);
    } else {
      promise = this.coro;
    }
    if (promise !== null && typeof promise === "object" && typeof (promise as PromiseLike<T>).then === "function") {
      (promise as PromiseLike<T>).then(this.succeed, this.fail);
    } else {
      this.succeed(promise as T);
    }
  };

  // `unknown`, not T: a parameter of type T would make Task<string> unassignable to Task<unknown>.
  private readonly succeed = (value: unknown): void => {
    if (this.done()) return;
    this.root.awaiting = null;
    if (this._mustCancel) {
      this._mustCancel = false;
      this.finishCancelled(this._makeCancelledErrorForStep());
      return;
    }
    this.loop.tasks.delete(this as Task<unknown>);
    super.setResult(value as T);
    this.loop.world.recorder.event("task-finished", this, describe(value));
  };

  private readonly fail = (err: unknown): void => {
    if (this.done()) return;
    this.root.awaiting = null;
    if (err instanceof CancelledError) {
      this.finishCancelled(err);
      return;
    }
    if (this._stepPending && this._mustCancel) {
      // The error left the coroutine from an await that suspended, with a
      // cancellation due: asyncio would have thrown the CancelledError there.
      this._mustCancel = false;
      this.finishCancelled(this._makeCancelledErrorForStep());
      return;
    }
    this.loop.tasks.delete(this as Task<unknown>);
    super.setException(err);
    this.loop.world.recorder.event("task-failed", this, describe(err));
    if (this.released) this._release();
  };

  /**
   * Nothing holds the task any more (the coroutine that created it ended): if its
   * exception was never retrieved, it is reported now, as CPython does when the
   * task is garbage-collected; if it is still running, when it fails.
   */
  _release(): void {
    this.released = true;
    if (!this.done() || !this.logTraceback) return;
    this.logTraceback = false;
    this.loop.failedFutures.delete(this as Future<unknown>);
    const future = this as Future<unknown>;
    this.loop.callExceptionHandler({ message: "Task exception was never retrieved", exception: this.exception(), future });
  }

  private finishCancelled(err: CancelledError): void {
    this.loop.tasks.delete(this as Task<unknown>);
    this.cancelledExc = err;
    this.cancelMessage = undefined;
    super.cancel();
    this.loop.world.recorder.event("task-cancelled", this, err.message || undefined);
  }

  override setResult(): never {
    throw new RuntimeError("Task does not support set_result operation");
  }

  override setException(): never {
    throw new RuntimeError("Task does not support set_exception operation");
  }

  protected override stateText(): string {
    if (this.done()) return super.stateText();
    if (!this.started && typeof this.coro === "function") return "pending, not started";
    const leaf = leafOf(this.root.awaiting);
    if (leaf === null || leaf === undefined) return "running";
    return `pending, waiting on ${awaitableLabel(leaf)}`;
  }

  override toString(): string {
    return describeOnce(this, () => `<Task ${this.name} [${this.stateText()}]>`);
  }
}

function isCoroutine(value: unknown): value is Coroutine<unknown> {
  if (typeof value === "function") return true;
  if (value instanceof Future) return false;
  return value !== null && typeof value === "object" && typeof (value as PromiseLike<unknown>).then === "function";
}

/**
 * Wraps a coroutine in a task and schedules it: an async function starts on the
 * loop's next turn; a promise is already running and is adopted.
 */
export function createTask<T>(coro: Coroutine<T>, options: TaskOptions = {}): Task<T> {
  return new Task(coro, options, true);
}

/** A Future as is; a coroutine wrapped in a Task (asyncio's `ensure_future`). */
export function ensureFuture<T>(value: Coroutine<T> | Future<T>, loop?: EventLoop): Future<T> {
  if (value instanceof Future) return value;
  return new Task(value, { loop: loop ?? getEventLoop() });
}
