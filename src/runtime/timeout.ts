import { CancelledError, RuntimeError, TimeoutError } from "./errors.ts";
import { getRunningLoop } from "./running-loop.ts";
import type { Handle } from "./handle.ts";
import { currentTask } from "./context.ts";
import { coroutine, suspend } from "./suspend.ts";
import type { Task } from "./task.ts";

/** asyncio 3.11 timeouts.py `_State` values (ENTERED is "active", EXITED is "finished"). */
type State = "created" | "active" | "expiring" | "expired" | "finished";

/**
 * A deadline over a block of code (asyncio.Timeout). When it expires, the task
 * running the block is cancelled and the block ends with TimeoutError.
 */
export class Timeout {
  private state: State = "created";
  private handler: Handle | null = null;
  private task: Task<unknown> | null = null;
  private cancellingAtEntry = 0;

  private deadline: number | null;

  constructor(deadline: number | null) {
    this.deadline = deadline;
  }

  /** The virtual time the block expires at, or null for no deadline. */
  when(): number | null {
    return this.deadline;
  }

  /** Moves the deadline (an absolute loop time), or removes it with null. */
  reschedule(when: number | null): void {
    if (this.state !== "active") throw new RuntimeError(`Cannot change state of ${this.state} Timeout`);
    this.deadline = when;
    this.handler?.cancel();
    if (when === null) {
      this.handler = null;
      return;
    }
    const loop = getRunningLoop();
    this.handler =
      when <= loop.time()
        ? loop._callSoonInternal(this.onTimeout)
        : loop._callAtLabelled(when, "timeout expiry", this.onTimeout);
  }

  /** Whether the deadline has passed and the block was cancelled for it. */
  expired(): boolean {
    return this.state === "expiring" || this.state === "expired";
  }

  /** Runs `body` under this deadline (asyncio timeouts.py `__aenter__`/`__aexit__`). */
  run<T>(body: (timeout: Timeout) => PromiseLike<T>): Promise<T> {
    return coroutine(async (frame) => {
      if (this.state !== "created") throw new RuntimeError("Timeout has already been entered");
      const task = currentTask();
      if (task === null) throw new RuntimeError("Timeout should be used inside a task");
      this.task = task;
      this.state = "active";
      this.cancellingAtEntry = task.cancelling();
      this.reschedule(this.deadline);
      let result: T;
      try {
        result = await suspend(frame, body(this));
      } catch (err) {
        if (this.exit(err)) throw new TimeoutError("", { cause: err });
        throw err;
      }
      this.exit(undefined);
      return result;
    });
  }

  /** Leaves the block; true when `error` is the cancellation this timeout caused. */
  private exit(error: unknown): boolean {
    this.handler?.cancel();
    this.handler = null;
    if (this.state === "expiring") {
      this.state = "expired";
      return this.task!.uncancel() <= this.cancellingAtEntry && error instanceof CancelledError;
    }
    if (this.state === "active") this.state = "finished";
    return false;
  }

  private readonly onTimeout = (): void => {
    this.task?.cancel();
    this.state = "expiring";
    this.handler = null;
  };

  toString(): string {
    const when = this.deadline === null ? "" : ` when=${this.deadline.toFixed(3)}`;
    return `<Timeout [${this.state}]${when}>`;
  }
}

/**
 * Runs `body` with a time limit of `delay` seconds (null for none). If the limit
 * passes, the body is cancelled at its current await and TimeoutError is raised.
 *
 * @example
 * await asyncio.timeout(1, async () => {
 *   await slowRequest(); // cancelled at t=1.000s
 * });
 */
export function timeout<T>(delay: number | null, body: (timeout: Timeout) => PromiseLike<T>): Promise<T> {
  const when = delay === null ? null : getRunningLoop().time() + delay;
  return new Timeout(when).run(body);
}

/** Like `timeout`, with an absolute deadline in loop time. */
export function timeoutAt<T>(when: number | null, body: (timeout: Timeout) => PromiseLike<T>): Promise<T> {
  return new Timeout(when).run(body);
}
