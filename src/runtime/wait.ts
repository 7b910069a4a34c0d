import { Deferred, type Frame } from "./context.ts";
import { CancelledError, TimeoutError, ValueError } from "./errors.ts";
import type { EventLoop } from "./event-loop.ts";
import { getEventLoop } from "./running-loop.ts";
import { Future } from "./future.ts";
import { stepName } from "./handle.ts";
import type { Awaitable } from "./gather.ts";
import { coroutine, suspend } from "./suspend.ts";
import { ensureFuture } from "./task.ts";

/** Return as soon as any awaitable finishes or is cancelled. */
export const FIRST_COMPLETED = "FIRST_COMPLETED";
/** Return when any awaitable raises, or when all finish. */
export const FIRST_EXCEPTION = "FIRST_EXCEPTION";
/** Return when every awaitable has finished (the default). */
export const ALL_COMPLETED = "ALL_COMPLETED";

export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

function releaseWaiter(waiter: Future<unknown>): void {
  if (!waiter.done()) waiter.setResult(undefined);
}

/** Cancels `fut` and waits until it has really finished (asyncio's `_cancel_and_wait`). */
async function cancelAndWait(frame: Frame, fut: Future<unknown>, loop: EventLoop): Promise<void> {
  const waiter = new Future<unknown>(loop, `cancellation of ${fut.label ?? "a task"}`);
  const cb = stepName(releaseWaiter.bind(null, waiter), "releaseWaiter");
  fut.addDoneCallback(cb);
  try {
    fut.cancel();
    await suspend(frame, waiter);
  } finally {
    fut.removeDoneCallback(cb);
  }
}

/** The result of work cancelled for a timeout: its CancelledError becomes TimeoutError. */
function resultAfterTimeout<T>(fut: Future<T>): T {
  try {
    return fut.result();
  } catch (err) {
    if (err instanceof CancelledError) throw new TimeoutError("");
    throw err;
  }
}

/**
 * Waits for `aw` with a time limit in seconds. On timeout, the inner work is
 * cancelled, waited for, and TimeoutError is raised. `null` means no limit.
 *
 * @example
 * try {
 *   await asyncio.waitFor(slow(), 1);
 * } catch (err) {
 *   if (err instanceof asyncio.TimeoutError) console.log("gave up");
 * }
 */
export function waitFor<T>(aw: Awaitable<T>, timeout: number | null): Promise<T> {
  return coroutine(async (frame) => {
    const loop = getEventLoop();
    if (timeout === null || timeout === undefined) return suspend(frame, ensureFuture(aw, loop));
    // asyncio 3.11 tasks.py wait_for()
    if (timeout <= 0) {
      const fut = ensureFuture(aw, loop);
      if (fut.done()) return fut.result();
      await cancelAndWait(frame, fut as Future<unknown>, loop);
      return resultAfterTimeout(fut);
    }
    const waiter = new Future<unknown>(loop, `waitFor(…, ${timeout})`);
    const timeoutHandle = loop._callAtLabelled(loop.time() + timeout, `waitFor timeout (${timeout}s)`, releaseWaiter, waiter);
    timeoutHandle.pure = true;
    const cb = stepName(releaseWaiter.bind(null, waiter), "releaseWaiter");
    const fut = ensureFuture(aw, loop);
    fut.addDoneCallback(cb);
    try {
      try {
        await suspend(frame, waiter);
      } catch (err) {
        if (err instanceof CancelledError) {
          if (fut.done()) return fut.result();
          fut.removeDoneCallback(cb);
          await cancelAndWait(frame, fut as Future<unknown>, loop);
        }
        throw err;
      }
      if (fut.done()) return fut.result();
      fut.removeDoneCallback(cb);
      await cancelAndWait(frame, fut as Future<unknown>, loop);
      return resultAfterTimeout(fut);
    } finally {
      timeoutHandle.cancel();
    }
  });
}

export interface WaitOptions {
  /** Seconds to wait at most; the futures still running are returned as pending. */
  timeout?: number | null;
  returnWhen?: ReturnWhen;
}

/**
 * Waits for futures or tasks and resolves to `[done, pending]`, two Sets. Unlike
 * `gather` it raises nothing: inspect each task's `result()`. Pass tasks, not
 * coroutines, so you can tell which is which.
 *
 * @example
 * const [done, pending] = await asyncio.wait(tasks, { returnWhen: asyncio.FIRST_COMPLETED });
 */
export function wait<T>(
  fs: Iterable<Future<T>>,
  options: WaitOptions = {},
): Promise<[Set<Future<T>>, Set<Future<T>>]> {
  if (fs instanceof Future || fs instanceof Promise) {
    throw new TypeError(`expect a list of futures, not ${fs.constructor.name}`);
  }
  const futures = [...new Set(fs)];
  if (futures.length === 0) throw new ValueError("Set of Tasks/Futures is empty.");
  const returnWhen = options.returnWhen ?? ALL_COMPLETED;
  if (returnWhen !== FIRST_COMPLETED && returnWhen !== FIRST_EXCEPTION && returnWhen !== ALL_COMPLETED) {
    throw new ValueError(`Invalid returnWhen value: ${String(returnWhen)}`);
  }
  if (futures.some((f) => !(f instanceof Future))) {
    throw new TypeError("Passing coroutines is forbidden, use tasks explicitly.");
  }
  return coroutine(async (frame) => {
    const loop = getEventLoop();
    const waiter = new Future<unknown>(loop, "wait()");
    const timeout = options.timeout ?? null;
    const timeoutHandle =
      timeout === null ? null : loop._callAtLabelled(loop.time() + timeout, `wait timeout (${timeout}s)`, releaseWaiter, waiter);
    let counter = futures.length;
    const onCompletion = (f: Future<T>): void => {
      counter--;
      if (
        counter <= 0 ||
        returnWhen === FIRST_COMPLETED ||
        (returnWhen === FIRST_EXCEPTION && !f.cancelled() && f.exception() !== null)
      ) {
        timeoutHandle?.cancel();
        releaseWaiter(waiter);
      }
    };
    for (const f of futures) f.addDoneCallback(stepName(onCompletion, "onCompletion"));
    try {
      await suspend(frame, waiter);
    } finally {
      timeoutHandle?.cancel();
      for (const f of futures) f.removeDoneCallback(onCompletion);
    }
    const done = new Set<Future<T>>();
    const pending = new Set<Future<T>>();
    for (const f of futures) (f.done() ? done : pending).add(f);
    return [done, pending];
  });
}

/**
 * Yields one awaitable per input; each resolves to the next result to finish,
 * in completion order. With a timeout, the awaitables still waiting when it
 * expires raise TimeoutError.
 *
 * @example
 * for (const next of asyncio.asCompleted([a(), b(), c()])) {
 *   console.log(await next);
 * }
 */
export function asCompleted<T>(fs: Iterable<Awaitable<T>>, options: { timeout?: number | null } = {}): Array<PromiseLike<T>> {
  if (fs instanceof Future || fs instanceof Promise) {
    throw new TypeError(`expect an iterable of futures, not ${fs.constructor.name}`);
  }
  const loop = getEventLoop();
  const todo = new Set<Future<T>>();
  for (const f of new Set(fs)) todo.add(ensureFuture(f, loop));
  const finished: Array<Future<T> | null> = [];
  const getters: Array<Future<unknown>> = [];
  const put = (item: Future<T> | null): void => {
    finished.push(item);
    const getter = getters.shift();
    if (getter !== undefined && !getter.done()) getter.setResult(undefined);
  };
  let timeoutHandle: { cancel(): void } | null = null;
  const onCompletion = (f: Future<T>): void => {
    if (todo.size === 0) return; // the timeout came first
    todo.delete(f);
    put(f);
    if (todo.size === 0) timeoutHandle?.cancel();
  };
  const onTimeout = (): void => {
    for (const f of todo) {
      f.removeDoneCallback(onCompletion);
      put(null);
    }
    todo.clear();
  };
  for (const f of todo) f.addDoneCallback(stepName(onCompletion, "asCompletedDone"));
  const timeout = options.timeout ?? null;
  if (todo.size > 0 && timeout !== null) {
    timeoutHandle = loop._callAtLabelled(loop.time() + timeout, `asCompleted timeout (${timeout}s)`, onTimeout);
  }
  const waitForOne = (): Promise<T> =>
    coroutine(async (frame) => {
      while (finished.length === 0) {
        const getter = new Future<unknown>(loop, "asCompleted()");
        getters.push(getter);
        await suspend(frame, getter);
      }
      const f = finished.shift()!;
      if (f === null) throw new TimeoutError("");
      return f.result();
    });
  // Lazy, as asyncio's: the first result goes to whichever awaitable is awaited first.
  return Array.from({ length: todo.size }, () => new Deferred(waitForOne));
}
