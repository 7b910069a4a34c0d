import { inStep } from "./context.ts";
import { ValueError } from "./errors.ts";
import type { EventLoop } from "./event-loop.ts";
import { getEventLoop } from "./running-loop.ts";
import { Future, setResultUnlessCancelled } from "./future.ts";
import type { TimerHandle } from "./handle.ts";

/** The future `sleep(delay)` returns: cancelling it also cancels its timer. */
class SleepFuture<T> extends Future<T> {
  timer: TimerHandle | null = null;

  override cancel(msg?: string): boolean {
    this.timer?.cancel();
    return super.cancel(msg);
  }
}

/**
 * `sleep(0)`: gives every other ready callback one turn and resumes in its own
 * handle, like asyncio's bare `yield`. A task cancelled meanwhile gets the
 * CancelledError when it resumes.
 */
class YieldOnce<T> implements PromiseLike<T> {
  readonly label = "sleep(0)";
  private readonly result: T;
  private readonly loop: EventLoop;

  constructor(loop: EventLoop, result: T) {
    this.loop = loop;
    this.result = result;
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return new Promise<T>((resolve) => {
      this.loop._callSoonInternal(inStep(resolve), this.result);
    }).then(onFulfilled, onRejected);
  }
}

/**
 * Suspends the calling task for `delay` virtual seconds and resolves to `result`.
 * The clock does not really wait: the loop jumps to the deadline when nothing
 * else is ready.
 *
 * @example
 * await asyncio.sleep(1.5); // resumes at t=1.500s
 */
export function sleep(delay: number): PromiseLike<void>;
export function sleep<T>(delay: number, result: T): PromiseLike<T>;
export function sleep<T>(delay: number, result?: T): PromiseLike<T> {
  if (typeof delay !== "number") {
    throw new TypeError(`sleep() expects a number of seconds, got ${typeof delay}`);
  }
  if (Number.isNaN(delay)) throw new ValueError("sleep() got NaN as its delay");
  // The running loop; outside one (JavaScript runs a coroutine's first part at the call,
  // e.g. in `asyncio.run(main())`), the program's current loop, which the run then uses.
  const loop = getEventLoop();
  if (delay <= 0) return new YieldOnce(loop, result as T);
  const future = new SleepFuture<T>(loop, `sleep(${delay})`);
  future.timer = loop._callAtLabelled(
    loop.time() + delay,
    future.label,
    setResultUnlessCancelled,
    future as Future<unknown>,
    result as unknown,
  );
  future.timer.pure = true;
  return future;
}
