import { CancelledError, ValueError } from "./errors.ts";
import { Future } from "./future.ts";
import { Acquirable, removeFirst } from "./lock.ts";
import { coroutine, suspend } from "./suspend.ts";

/**
 * A counter of free slots (asyncio.Semaphore): `acquire()` takes one, waiting
 * while there are none; `release()` gives one back. Waiters are served in the
 * order they arrived, and a newcomer does not jump ahead of them even when a
 * slot is free.
 *
 * Invariant: `value` counts the slots neither held nor promised. Waking a waiter
 * (`wakeUpNext`) takes its slot at once, so a slot given to a woken task that
 * has not run yet cannot be taken by another; a woken waiter that is then
 * cancelled gives its slot back.
 *
 * @example
 * const sem = new asyncio.Semaphore(2);
 * await sem.run(async () => {
 *   await asyncio.sleep(1); // at most two tasks are in here at once
 * });
 */
export class Semaphore extends Acquirable {
  private waiters: Array<Future<boolean>> | null = null;
  protected value: number;

  /** `value` is the number of free slots; ValueError if it is negative. */
  constructor(value = 1) {
    super();
    if (value < 0) throw new ValueError("Semaphore initial value must be >= 0");
    this.value = value;
  }

  /** True if `acquire()` would wait: no free slot, or tasks already waiting for one. */
  locked(): boolean {
    return this.value === 0 || (this.waiters ?? []).some((w) => !w.cancelled());
  }

  /** Takes a slot, waiting for one if needed; resolves to true. */
  acquire(): Promise<boolean> {
    return coroutine(async (frame) => {
      // asyncio 3.11 locks.py Semaphore.acquire()
      if (!this.locked()) {
        this.value--;
        return true;
      }
      this.waiters ??= [];
      const fut = new Future<boolean>(this.getLoop(), "Semaphore.acquire()");
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
        if (err instanceof CancelledError && !fut.cancelled()) {
          // Woken, then cancelled before it ran: hand the slot it was given on.
          this.value++;
          this.wakeUpNext();
        }
        throw err;
      }
      if (this.value > 0) this.wakeUpNext();
      return true;
    });
  }

  /** Gives a slot back and wakes the first waiter, if any. */
  release(): void {
    this.value++;
    this.wakeUpNext();
  }

  /** Wakes the first waiter that is not done, giving it a slot. */
  private wakeUpNext(): void {
    if (this.waiters === null) return;
    for (const fut of this.waiters) {
      if (!fut.done()) {
        this.value--;
        fut.setResult(true);
        return;
      }
    }
  }

  /** Name used by `toString`. */
  protected kind(): string {
    return "Semaphore";
  }

  override toString(): string {
    let extra = this.locked() ? "locked" : `unlocked, value:${this.value}`;
    if (this.waiters !== null && this.waiters.length > 0) extra += `, waiters:${this.waiters.length}`;
    return `<${this.kind()} [${extra}]>`;
  }
}

/**
 * A Semaphore that refuses to be released more times than it was acquired:
 * `release()` throws ValueError once the value is back at its initial value.
 *
 * @example
 * const sem = new asyncio.BoundedSemaphore(1);
 * sem.release(); // ValueError: BoundedSemaphore released too many times
 */
export class BoundedSemaphore extends Semaphore {
  private readonly boundValue: number;

  constructor(value = 1) {
    super(value);
    this.boundValue = value;
  }

  override release(): void {
    if (this.value >= this.boundValue) throw new ValueError("BoundedSemaphore released too many times");
    super.release();
  }

  protected override kind(): string {
    return "BoundedSemaphore";
  }
}
