import type { EventLoop } from "./event-loop.ts";

/**
 * A callback scheduled on a loop, as returned by `callSoon`. Cancelling it
 * before it runs means it never runs.
 */
export class Handle {
  cancelled = false;
  /** Internal handles (future wake-ups, task steps) are left out of the trace's callback events. */
  internal = false;
  /**
   * True for the runtime's own callbacks that only complete futures (which only
   * schedules more handles) and so can queue no microtask: the next handle may
   * run in the same macrotask.
   */
  pure = false;
  /** What the trace calls this handle, e.g. "sleep(1)"; defaults to the callback's name. */
  label: string | undefined = undefined;

  readonly loop: EventLoop;
  readonly callback: (...args: any[]) => unknown;
  readonly args: readonly unknown[];

  constructor(loop: EventLoop, callback: (...args: any[]) => unknown, args: readonly unknown[]) {
    this.loop = loop;
    this.callback = callback;
    this.args = args;
  }

  cancel(): void {
    this.cancelled = true;
  }

  /** Whether `cancel()` was called. */
  isCancelled(): boolean {
    return this.cancelled;
  }

  toString(): string {
    const name = this.callback.name || "callback";
    return `<Handle ${name}()${this.cancelled ? " cancelled" : ""}>`;
  }
}

/** A callback scheduled for a virtual time, as returned by `callLater` and `callAt`. */
export class TimerHandle extends Handle {
  /** Whether it still sits in the loop's timer heap. */
  scheduled = true;

  readonly deadline: number;

  constructor(loop: EventLoop, deadline: number, callback: (...args: any[]) => unknown, args: readonly unknown[]) {
    super(loop, callback, args);
    this.deadline = deadline;
  }

  /** The virtual time the callback is due at, in seconds. */
  when(): number {
    return this.deadline;
  }

  override cancel(): void {
    if (!this.cancelled) this.loop._timerCancelled(this);
    this.cancelled = true;
  }

  override toString(): string {
    const name = this.callback.name || "callback";
    return `<TimerHandle when=${this.deadline.toFixed(3)} ${name}()${this.cancelled ? " cancelled" : ""}>`;
  }
}

/**
 * Names one of the runtime's own callbacks, so the stepper can tell it apart (see
 * loop-steps.ts): a literal name, unlike the function's own, survives minification.
 */
export function stepName<F extends (...args: never[]) => unknown>(fn: F, name: string): F {
  Object.defineProperty(fn, "name", { value: name });
  return fn;
}

/** asyncio's TimerHandle.__lt__: by deadline alone; ties fall as the heap's shape gives (see heap.ts). */
export function timerBefore(a: TimerHandle, b: TimerHandle): boolean {
  return a.deadline < b.deadline;
}
