import { CancelledError } from "./errors.ts";
import type { EventLoop } from "./event-loop.ts";
import { getEventLoop } from "./running-loop.ts";
import { Future } from "./future.ts";
import { stepName } from "./handle.ts";
import { ensureFuture, type Coroutine } from "./task.ts";

/** Anything `gather`, `shield` and `waitFor` accept: a future, a task, a promise or an async function. */
export type Awaitable<T> = Future<T> | Coroutine<T>;

export interface GatherOptions {
  /** Return exceptions as results instead of failing on the first one. */
  returnExceptions?: boolean;
}

type Results<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };

/** The future `gather` returns; cancelling it cancels every child. */
class GatheringFuture<T> extends Future<T> {
  cancelRequested = false;
  readonly children: Future<unknown>[];

  constructor(children: Future<unknown>[], loop: EventLoop) {
    super(loop, "gather()");
    this.children = children;
  }

  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    let cancelledAny = false;
    for (const child of this.children) if (child.cancel(msg)) cancelledAny = true;
    if (cancelledAny) this.cancelRequested = true;
    return cancelledAny;
  }
}

function isOptions(value: unknown): value is GatherOptions {
  return (
    value !== null &&
    typeof value === "object" &&
    !(value instanceof Future) &&
    typeof (value as { then?: unknown }).then !== "function"
  );
}

/**
 * Runs awaitables concurrently and resolves to their results, in the order they
 * were given (not the order they finish). Coroutines are wrapped in tasks. The
 * first exception fails the gather at once (the others keep running) unless
 * `returnExceptions` is set; a trailing options object sets it.
 *
 * @example
 * const [a, b] = await asyncio.gather(fetchA(), fetchB());
 * const results = await asyncio.gather(ok(), boom(), { returnExceptions: true });
 */
export function gather<T extends readonly unknown[]>(...awaitables: { [K in keyof T]: Awaitable<T[K]> }): Future<Results<T>>;
export function gather(...args: [...Awaitable<unknown>[], GatherOptions]): Future<unknown[]>;
export function gather<T extends readonly unknown[]>(...args: unknown[]): Future<Results<T>> {
  let awaitables = args as unknown[];
  let returnExceptions = false;
  if (awaitables.length > 0 && isOptions(awaitables[awaitables.length - 1])) {
    returnExceptions = Boolean((awaitables[awaitables.length - 1] as GatherOptions).returnExceptions);
    awaitables = awaitables.slice(0, -1);
  }
  if (awaitables.length === 0) {
    const outer = new Future<Results<T>>(getEventLoop(), "gather()");
    outer.setResult([] as unknown as Results<T>);
    return outer;
  }

  // asyncio tasks.py gather(): one done callback per distinct child.
  const children: Future<unknown>[] = [];
  const seen = new Map<unknown, Future<unknown>>();
  let outer: GatheringFuture<Results<T>> | null = null;
  let finished = 0;
  let loop: EventLoop | undefined;

  const onChildDone = (child: Future<unknown>): void => {
    finished++;
    if (outer === null || outer.done()) {
      if (!child.cancelled()) child.exception(); // marks the exception as retrieved
      return;
    }
    if (!returnExceptions) {
      if (child.cancelled()) {
        outer.setException(cancelledErrorOf(child));
        return;
      }
      const exc = child.exception();
      if (exc !== null) {
        outer.setException(exc);
        return;
      }
    }
    if (finished === seen.size) {
      const results = children.map((f) => {
        if (f.cancelled()) return cancelledErrorOf(f);
        const exc = f.exception();
        return exc !== null ? exc : f.result();
      });
      if (outer.cancelRequested) outer.setException(cancelledErrorOf(child));
      else outer.setResult(results as unknown as Results<T>);
    }
  };

  stepName(onChildDone, "onChildDone");
  for (const arg of awaitables) {
    let fut = seen.get(arg);
    if (fut === undefined) {
      fut = ensureFuture(arg as Awaitable<unknown>, loop);
      loop ??= fut.getLoop();
      seen.set(arg, fut);
      fut.addDoneCallback(onChildDone);
    }
    children.push(fut);
  }
  outer = new GatheringFuture<Results<T>>(children, loop!);
  return outer;
}

function cancelledErrorOf(future: Future<unknown>): CancelledError {
  try {
    future.result();
  } catch (err) {
    if (err instanceof CancelledError) return err;
  }
  return new CancelledError("");
}

/**
 * Protects an awaitable from cancellation: cancelling the task that awaits the
 * shield cancels only the shield, while the inner work keeps running.
 *
 * @example
 * const result = await asyncio.shield(saveToDisk());
 */
export function shield<T>(arg: Awaitable<T>): Future<T> {
  const inner = ensureFuture(arg);
  if (inner.done()) return inner;
  const outer = new Future<T>(inner.getLoop(), `shield(${inner.label ?? "…"})`);
  const onInnerDone = (): void => {
    if (outer.cancelled()) {
      if (!inner.cancelled()) inner.exception();
      return;
    }
    if (inner.cancelled()) {
      outer.cancel();
      return;
    }
    const exc = inner.exception();
    if (exc !== null) outer.setException(exc);
    else outer.setResult(inner.result());
  };
  inner.addDoneCallback(stepName(onInnerDone, "onInnerDone"));
  outer.addDoneCallback(
    stepName(() => {
      if (!inner.done()) inner.removeDoneCallback(onInnerDone);
    }, "onOuterDone"),
  );
  return outer;
}
