import { ctx, inStep } from "./context.ts";
import { CancelledError, InvalidStateError } from "./errors.ts";
import type { EventLoop } from "./event-loop.ts";
import { getEventLoop } from "./running-loop.ts";
import { describe } from "./format.ts";
import { stepName } from "./handle.ts";

type State = "pending" | "cancelled" | "finished";

/** A done callback; receives the future it was added to. */
export type DoneCallback<T> = (future: Future<T>) => void;

/**
 * A result that will exist later, as asyncio.Future. It is awaitable: awaiting a
 * pending future suspends until it is done and resumes in a loop callback, as
 * asyncio does; awaiting a future that is already done does not yield to the loop.
 *
 * Invariant: `callbacks` is non-empty only while the state is "pending"; on
 * completion every callback is handed to `loop.callSoon`, in registration order.
 *
 * @example
 * const fut = loop.createFuture<number>();
 * loop.callLater(1, () => fut.setResult(42));
 * console.log(await fut); // 42, at t=1.000s
 */
export class Future<T = unknown> implements PromiseLike<T> {
  protected state: State = "pending";
  protected value: T | undefined = undefined;
  protected error: unknown = undefined;
  protected failed = false;
  protected cancelMessage: string | undefined = undefined;
  /** Typed without T so that a Future<string> is a Future<unknown>, as a learner expects. */
  private callbacks: Array<DoneCallback<never>> = [];
  /** True while an exception is set that nobody has retrieved yet. */
  logTraceback = false;
  /** Short label used when a task waits on this future, e.g. "sleep(1)" or "Queue.get()". */
  label: string | undefined;
  readonly loop: EventLoop;

  constructor(loop?: EventLoop, label?: string) {
    this.loop = loop ?? getEventLoop();
    this.label = label;
  }

  getLoop(): EventLoop {
    return this.loop;
  }

  done(): boolean {
    return this.state !== "pending";
  }

  cancelled(): boolean {
    return this.state === "cancelled";
  }

  /** The result; throws the exception if one was set, CancelledError if cancelled. */
  result(): T {
    if (this.state === "cancelled") throw this.makeCancelledError();
    if (this.state === "pending") throw new InvalidStateError("Result is not set.");
    this.logTraceback = false;
    if (this.failed) throw this.error;
    return this.value as T;
  }

  /** The exception set on the future, or null; throws CancelledError if cancelled. */
  exception(): unknown {
    if (this.state === "cancelled") throw this.makeCancelledError();
    if (this.state === "pending") throw new InvalidStateError("Exception is not set.");
    this.logTraceback = false;
    return this.failed ? this.error : null;
  }

  setResult(result: T): void {
    if (this.state !== "pending") throw new InvalidStateError(`${this.state}: ${this}`);
    this.value = result;
    this.state = "finished";
    this.scheduleCallbacks();
  }

  setException(exception: unknown): void {
    if (this.state !== "pending") throw new InvalidStateError(`${this.state}: ${this}`);
    this.error = exception;
    this.failed = true;
    this.state = "finished";
    this.logTraceback = true;
    this.loop.failedFutures.add(this as Future<unknown>);
    this.scheduleCallbacks();
  }

  /**
   * Cancels the future and schedules its callbacks. Returns false if it was
   * already done.
   */
  cancel(msg?: string): boolean {
    this.logTraceback = false;
    if (this.state !== "pending") return false;
    this.state = "cancelled";
    this.cancelMessage = msg;
    this.scheduleCallbacks();
    return true;
  }

  /** Runs `fn(future)` in a loop callback once the future is done; scheduled at once if it already is. */
  addDoneCallback(fn: DoneCallback<T>): void {
    if (this.state !== "pending") this.loop.callSoon(fn, this);
    else this.callbacks.push(fn);
  }

  /** Removes every registration of `fn`; returns how many there were. */
  removeDoneCallback(fn: DoneCallback<T>): number {
    const before = this.callbacks.length;
    this.callbacks = this.callbacks.filter((cb) => cb !== fn);
    return before - this.callbacks.length;
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return new Promise<R1 | R2>((resolve, reject) => {
      const settle = (): void => {
        const fail = (err: unknown): void => {
          if (onRejected) settleWith(resolve, reject, onRejected, err);
          else reject(err);
        };
        let value: T;
        try {
          value = this.result();
        } catch (err) {
          fail(err);
          return;
        }
        if (isThenable(value)) {
          // A promise would wait for this result in turn (and forever if it is the future itself).
          fail(
            new TypeError(
              `cannot await ${this}: its result is itself awaitable, and awaiting it would wait for that too; set a wrapper such as { value } as the result instead`,
            ),
          );
          return;
        }
        if (onFulfilled) settleWith(resolve, reject, onFulfilled, value);
        else resolve(value as unknown as R1);
      };
      if (this.state !== "pending") {
        queueMicrotask(settle);
        return;
      }
      const task = ctx.step;
      if (task !== null) task._plainWaiter = this as Future<unknown>;
      if (this.loop.world.recorder.tracing) stepName(settle, "settle");
      this.callbacks.push(inStep(settle) as DoneCallback<T>);
    });
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.then(
      (v) => {
        onFinally?.();
        return v;
      },
      (e) => {
        onFinally?.();
        throw e;
      },
    );
  }

  /** The exception a cancelled future raises. */
  protected makeCancelledError(): CancelledError {
    return new CancelledError(this.cancelMessage ?? "");
  }

  private scheduleCallbacks(): void {
    // Futures the program made itself are traced; the runtime's own (labelled) ones and tasks are not.
    if (this.label === undefined && this.traced) {
      this.loop.world.recorder.event("future-resolved", null, `${this}`);
    }
    const callbacks = this.callbacks;
    if (callbacks.length === 0) return;
    this.callbacks = [];
    for (const cb of callbacks) this.loop._callSoonInternal(cb, this as Future<unknown> as Future<never>);
  }

  /** Whether completing this future is a trace event of its own (tasks trace their own events). */
  protected get traced(): boolean {
    return true;
  }

  /** State words for `toString`: "pending", "finished, result=42", ... */
  protected stateText(): string {
    if (this.state === "pending") return "pending";
    if (this.state === "cancelled") return "cancelled";
    if (this.failed) return `failed, ${describe(this.error)}`;
    return `finished, result=${describe(this.value)}`;
  }

  toString(): string {
    return describeOnce(this, () => `<Future${this.label ? ` ${this.label}` : ""} [${this.stateText()}]>`);
  }
}

function settleWith<A, R>(
  resolve: (v: R | PromiseLike<R>) => void,
  reject: (e: unknown) => void,
  handler: (arg: A) => R | PromiseLike<R>,
  arg: A,
): void {
  try {
    resolve(handler(arg));
  } catch (err) {
    reject(err);
  }
}

/** Futures being described right now: a future whose result leads back to it prints as `<…>`. */
const describing = new Set<object>();

/** Runs `describe` unless `obj` is already being described (a cycle of results). */
export function describeOnce(obj: object, describe: () => string): string {
  if (describing.has(obj)) return "<…>";
  describing.add(obj);
  try {
    return describe();
  } finally {
    describing.delete(obj);
  }
}

function isThenable(value: unknown): boolean {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

export function isFuture(value: unknown): value is Future<unknown> {
  return value instanceof Future;
}

/** Sets the result unless the future was cancelled meanwhile (asyncio's `_set_result_unless_cancelled`). */
export function setResultUnlessCancelled<T>(future: Future<T>, result: T): void {
  if (!future.cancelled()) future.setResult(result);
}
