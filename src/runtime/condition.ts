import { CancelledError, RuntimeError } from "./errors.ts";
import { Future } from "./future.ts";
import { Acquirable, Lock, removeFirst } from "./lock.ts";
import { coroutine, suspend } from "./suspend.ts";

/**
 * A condition variable (asyncio.Condition): tasks holding its lock wait until
 * another task notifies them, then take the lock back before `wait()` returns.
 * Notified waiters wake in the order they started waiting.
 *
 * @example
 * const cond = new asyncio.Condition();
 * await cond.run(async () => {
 *   await cond.waitFor(() => items.length > 0);
 *   console.log(items.shift());
 * });
 */
export class Condition extends Acquirable {
  private readonly lock: Lock;
  private readonly waiters: Array<Future<boolean>> = [];

  /** Uses `lock` as the underlying lock, or a new Lock. */
  constructor(lock?: Lock | null) {
    super();
    this.lock = lock ?? new Lock();
  }

  /** True while the underlying lock is held. */
  locked(): boolean {
    return this.lock.locked();
  }

  /** Acquires the underlying lock (the Lock's own `acquire()`). */
  acquire(): Promise<boolean> {
    return this.lock.acquire();
  }

  /** Releases the underlying lock (the Lock's own `release()`). */
  release(): void {
    this.lock.release();
  }

  /**
   * Releases the lock, waits until notified, then acquires the lock again and
   * resolves to true. The lock is taken back even when the wait is cancelled:
   * the CancelledError comes once the lock is held. RuntimeError if the lock is
   * not held.
   */
  wait(): Promise<boolean> {
    return coroutine(async (frame) => {
      // asyncio 3.11 locks.py Condition.wait()
      if (!this.locked()) throw new RuntimeError("cannot wait on un-acquired lock");
      this.release();
      try {
        const fut = new Future<boolean>(this.getLoop(), "Condition.wait()");
        this.waiters.push(fut);
        try {
          await suspend(frame, fut);
          return true;
        } finally {
          removeFirst(this.waiters, fut);
        }
      } finally {
        let cancelled = false;
        for (;;) {
          try {
            await suspend(frame, this.acquire());
            break;
          } catch (err) {
            if (!(err instanceof CancelledError)) throw err;
            cancelled = true;
          }
        }
        // As in Python, this replaces whatever the wait itself raised.
        if (cancelled) throw new CancelledError("");
      }
    });
  }

  /**
   * Waits until `predicate()` is truthy, checking it first and after every
   * wake-up; resolves to its last value. The lock must be held.
   */
  waitFor<T>(predicate: () => T): Promise<T> {
    return coroutine(async (frame) => {
      let result = predicate();
      while (!result) {
        await suspend(frame, this.wait());
        result = predicate();
      }
      return result;
    });
  }

  /**
   * Wakes up to `n` waiting tasks, first come first served. Each returns from
   * `wait()` only once it gets the lock, so release it after notifying.
   * RuntimeError if the lock is not held.
   */
  notify(n = 1): void {
    if (!this.locked()) throw new RuntimeError("cannot notify on un-acquired lock");
    let idx = 0;
    for (const fut of this.waiters) {
      if (idx >= n) break;
      if (!fut.done()) {
        idx++;
        fut.setResult(false);
      }
    }
  }

  /** Wakes every waiting task (`notify(n)` for all of them). */
  notifyAll(): void {
    this.notify(this.waiters.length);
  }

  override toString(): string {
    let extra = this.locked() ? "locked" : "unlocked";
    if (this.waiters.length > 0) extra += `, waiters:${this.waiters.length}`;
    return `<Condition [${extra}]>`;
  }
}
