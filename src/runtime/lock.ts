import { CancelledError, RuntimeError } from "./errors.ts";
import type { EventLoop } from "./event-loop.ts";
import { Future } from "./future.ts";
import { getEventLoop } from "./running-loop.ts";
import { coroutine, suspend } from "./suspend.ts";

/**
 * Binds a synchronization object to the first loop that makes it wait, as
 * asyncio mixins.py `_LoopBoundMixin` does: the object can be created outside
 * any loop, but all its waiters must live on one loop.
 */
export abstract class LoopBound {
  private boundLoop: EventLoop | null = null;

  /** The running loop, once checked to be the one this object is bound to (`_get_loop`). */
  protected getLoop(): EventLoop {
    const loop = getEventLoop();
    this.boundLoop ??= loop;
    if (loop !== this.boundLoop) throw new RuntimeError(`${this} is bound to a different event loop`);
    return loop;
  }
}

/**
 * The shape of Python's `async with` for the objects that have acquire() and
 * release() (asyncio locks.py `_ContextManagerMixin`).
 */
export abstract class Acquirable extends LoopBound {
  abstract acquire(): Promise<boolean>;
  abstract release(): void;

  /**
   * Python's `async with lock:` block: acquires, runs `body`, and releases
   * however the body ends; resolves to what the body returns.
   *
   * @example
   * await lock.run(async () => {
   *   await asyncio.sleep(1); // nobody else holds the lock meanwhile
   * });
   */
  run<T>(body: () => PromiseLike<T> | T): Promise<T> {
    return coroutine(async (frame) => {
      await suspend(frame, this.acquire());
      try {
        return await suspend(frame, body() as PromiseLike<T>);
      } finally {
        this.release();
      }
    });
  }
}

/** Removes the first occurrence of `item`, as `deque.remove`; false if it was not there. */
export function removeFirst<T>(items: T[], item: T): boolean {
  const i = items.indexOf(item);
  if (i < 0) return false;
  items.splice(i, 1);
  return true;
}

/**
 * A mutual-exclusion lock (asyncio.Lock). Not owned by a task: any code may
 * release it. Waiters take it in the order they asked for it.
 *
 * Invariant: a waiter's future is in `waiters` from the moment it starts
 * waiting until its acquire() resumes, whether it was woken, cancelled, or both.
 * A done future at the head means a woken task that has not run yet: it will take
 * the lock, or, if it was cancelled meanwhile, wake the next one.
 *
 * @example
 * const lock = new asyncio.Lock();
 * await lock.acquire();
 * try {
 *   await asyncio.sleep(1);
 * } finally {
 *   lock.release();
 * }
 */
export class Lock extends Acquirable {
  private waiters: Array<Future<boolean>> | null = null;
  private isLocked = false;

  /** True while some task holds the lock. */
  locked(): boolean {
    return this.isLocked;
  }

  /**
   * Waits until the lock is free, takes it, and resolves to true. A free lock
   * with no live waiters is taken at once, without yielding to the loop.
   */
  acquire(): Promise<boolean> {
    return coroutine(async (frame) => {
      // asyncio 3.11 locks.py Lock.acquire()
      if (!this.isLocked && (this.waiters === null || this.waiters.every((w) => w.cancelled()))) {
        this.isLocked = true;
        return true;
      }
      this.waiters ??= [];
      const fut = new Future<boolean>(this.getLoop(), "Lock.acquire()");
      this.waiters.push(fut);
      // The waiter leaves the queue before a cancellation wakes anyone, so that
      // it never wakes itself.
      try {
        try {
          await suspend(frame, fut);
        } finally {
          removeFirst(this.waiters, fut);
        }
      } catch (err) {
        if (err instanceof CancelledError && !this.isLocked) this.wakeUpFirst();
        throw err;
      }
      this.isLocked = true;
      return true;
    });
  }

  /** Frees the lock and wakes the first waiter; RuntimeError if it is not held. */
  release(): void {
    if (!this.isLocked) throw new RuntimeError("Lock is not acquired.");
    this.isLocked = false;
    this.wakeUpFirst();
  }

  private wakeUpFirst(): void {
    const fut = this.waiters?.[0];
    // A done head will take the lock itself, or pass it on if it was cancelled.
    if (fut !== undefined && !fut.done()) fut.setResult(true);
  }

  override toString(): string {
    let extra = this.isLocked ? "locked" : "unlocked";
    if (this.waiters !== null && this.waiters.length > 0) extra += `, waiters:${this.waiters.length}`;
    return `<Lock [${extra}]>`;
  }
}
