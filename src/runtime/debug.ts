import { ctx, taskOf } from "./context.ts";
import type { Handle } from "./handle.ts";
import type { World } from "./world.ts";

/** asyncio's default `loop.slow_callback_duration`, in seconds. */
export const SLOW_CALLBACK_DURATION = 0.1;

/**
 * The slow-callback report of asyncio's debug mode (`asyncio.run(main, { debug: true })`,
 * `loop.setDebug(true)`): a handle that keeps the loop for `slowCallbackDuration` seconds or
 * more is reported on stderr as `Executing <...> took 1.200 seconds` (base_events.py
 * `_run_once`, which logs it as a warning).
 *
 * Only a blocking call such as `time.sleep` moves the virtual clock while a handle runs, so
 * only those are ever reported; computation takes no virtual time. A task's step is a handle
 * whose coroutine code runs in the microtasks that follow it, so a slice is measured from the
 * start of one handle to the start of the next, and a slice that ran a task names the task,
 * as asyncio's `_format_handle` does.
 */
export class SlowCallbackMonitor {
  enabled = false;
  slowCallbackDuration = SLOW_CALLBACK_DURATION;
  private handle: Handle | null = null;
  private start = 0;
  private readonly world: World;

  constructor(world: World) {
    this.world = world;
  }

  /** A handle is about to run: what ran before it is over. */
  begin(handle: Handle): void {
    this.end();
    if (!this.enabled) return;
    this.handle = handle;
    this.start = this.world.now;
  }

  /** The handle that ran last, and the microtasks it queued, are over: report it if it was slow. */
  end(): void {
    const handle = this.handle;
    if (handle === null) return;
    this.handle = null;
    const dt = this.world.now - this.start;
    if (dt < this.slowCallbackDuration) return;
    // ctx.cur is still the frame that ran last in this slice (the loop resets it per macrotask).
    const task = taskOf(ctx.cur);
    const subject = task !== null ? String(task) : String(handle);
    this.world.recorder.print("stderr", `Executing ${subject} took ${dt.toFixed(3)} seconds`, null);
  }
}
