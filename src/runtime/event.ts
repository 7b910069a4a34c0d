import { Future } from "./future.ts";
import { LoopBound, removeFirst } from "./lock.ts";
import { coroutine, suspend } from "./suspend.ts";

/**
 * A flag that tasks can wait for (asyncio.Event). `set()` wakes every waiter,
 * in the order they started waiting; while the flag is set, `wait()` returns at
 * once. `clear()` lowers it again.
 *
 * @example
 * const ready = new asyncio.Event();
 * asyncio.getRunningLoop().callLater(1, () => ready.set());
 * await ready.wait(); // resumes at t=1.000s
 */
export class Event extends LoopBound {
  private readonly waiters: Array<Future<boolean>> = [];
  private value = false;

  /** True while the flag is set. */
  isSet(): boolean {
    return this.value;
  }

  /** Sets the flag and wakes every task waiting for it. */
  set(): void {
    if (this.value) return;
    this.value = true;
    for (const fut of this.waiters) if (!fut.done()) fut.setResult(true);
  }

  /** Lowers the flag: later calls to `wait()` block until the next `set()`. */
  clear(): void {
    this.value = false;
  }

  /** Resolves to true once the flag is set; at once, without yielding, if it already is. */
  wait(): Promise<boolean> {
    return this._wait("Event.wait()");
  }

  /**
   * `wait()`, with the waiting future labelled for what the caller is doing
   * (`Queue.join()` waits on an Event), so a task's description names it.
   */
  _wait(label: string): Promise<boolean> {
    return coroutine(async (frame) => {
      // asyncio 3.11 locks.py Event.wait()
      if (this.value) return true;
      const fut = new Future<boolean>(this.getLoop(), label);
      this.waiters.push(fut);
      try {
        await suspend(frame, fut);
        return true;
      } finally {
        removeFirst(this.waiters, fut);
      }
    });
  }

  override toString(): string {
    let extra = this.value ? "set" : "unset";
    if (this.waiters.length > 0) extra += `, waiters:${this.waiters.length}`;
    return `<Event [${extra}]>`;
  }
}
