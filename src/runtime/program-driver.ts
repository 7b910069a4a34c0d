import { ctx } from "./context.ts";
import { DeadlockError } from "./errors.ts";
import { EventLoop } from "./event-loop.ts";
import { gather } from "./gather.ts";
import { stepName } from "./handle.ts";
import { macrotask } from "./macrotask.ts";
import { setRunningLoop } from "./running-loop.ts";
import { Task, type Coroutine } from "./task.ts";
import type { RunOptions } from "./run.ts";
import type { World } from "./world.ts";

interface RunJob {
  main: Coroutine<unknown>;
  debug: boolean;
  promise: RunPromise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The promise `asyncio.run` returns. It knows whether the program awaited it (or
 * attached a handler): a run that fails unobserved ends the program with its
 * error, as an exception escaping `asyncio.run` ends a Python program.
 */
class RunPromise<T> extends Promise<T> {
  observed = false;

  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  override then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.observed = true;
    return super.then(onFulfilled, onRejected);
  }
}

/** Idle turns in a row, with nothing running and the top level unfinished, that mean it waits forever. */
const STUCK_TURNS = 2;

/**
 * Runs a whole program as a Python module runs: the top-level code runs outside
 * any event loop, and each `asyncio.run` runs to completion in turn on a loop of
 * its own, made for it and closed after it (asyncio runners.py). A run the
 * top level did not await starts once the code before it has run, as JavaScript
 * cannot block at the call. Timers the top level sets (`setTimeout`) run on the
 * program's current loop when no run is active.
 */
export class ProgramDriver {
  readonly world: World;
  private readonly jobs: RunJob[] = [];

  constructor(world: World) {
    this.world = world;
  }

  submit<T>(main: Coroutine<T>, options: RunOptions = {}): Promise<T> {
    let settle!: Pick<RunJob, "resolve" | "reject">;
    const promise = new RunPromise<T>((resolve, reject) => {
      settle = { resolve: resolve as (value: unknown) => void, reject };
    });
    // Handled here so the host never sees an unhandled rejection; `observed` tells if the program looked.
    Promise.prototype.then.call(promise, undefined, () => undefined);
    this.jobs.push({ main, debug: options.debug ?? false, promise: promise as RunPromise<unknown>, ...settle });
    return promise;
  }

  /**
   * Runs `body` (the program's top level) outside any loop, then the runs it
   * asked for, until the body and every run have finished. Rejects on a
   * deadlock, when a limit is reached, or when the top-level code throws.
   */
  async drive(body: () => Promise<unknown>): Promise<void> {
    const world = this.world;
    let settled = false;
    setRunningLoop(null);
    ctx.cur = null;
    world.watchdog.startSlice();
    body().then(
      () => void (settled = true),
      (error: unknown) => {
        settled = true;
        if (world.fatal === undefined) world.fatal = error;
      },
    );
    let idleTurns = 0;
    for (;;) {
      if (world.fatal !== undefined) throw world.fatal;
      const job = this.jobs.shift();
      const current = world.loop;
      if (job !== undefined) {
        await this.runJob(job);
      } else if (world.loopsRunning > 0) {
        await new Promise<void>((resolve) => world.loopStopped.push(resolve));
      } else if (current !== null && !current.isClosed() && current.hasPending()) {
        await this.runHost(current);
      } else if (settled) {
        return;
      } else {
        // Let the top level's own promises settle; if that starts nothing, nothing ever will.
        if (++idleTurns > STUCK_TURNS) {
          throw new DeadlockError(
            `Deadlock at t=${world.now.toFixed(3)}s: the top-level code waits on something that no event loop is running to complete.`,
          );
        }
        await new Promise<void>((resolve) => macrotask(resolve));
        continue;
      }
      idleTurns = 0;
    }
  }

  /** asyncio.run: a loop for this run (the current one, or a new one), then closed. */
  private async runJob(job: RunJob): Promise<void> {
    const world = this.world;
    const reusable = world.loop !== null && !world.loop.isClosed() && !world.loop.isRunning();
    const loop = reusable ? world.loop! : new EventLoop(world);
    world.loop = loop;
    loop.setDebug(job.debug);
    let main: Task<unknown>;
    try {
      main = new Task(job.main, { loop });
    } catch (err) {
      this.closeLoop(loop);
      this.settle(job, { ok: false, error: err });
      return;
    }
    this.whenDone(loop, main, () => this.cancelLeftovers(loop, () => this.shutdownSteps(loop, 2)));
    try {
      await loop.runForever();
    } catch (err) {
      if (world.fatal === undefined) world.fatal = err;
      return;
    }
    // run_until_complete() has retrieved main's outcome before the runner closes.
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: main.result() };
    } catch (error) {
      outcome = { ok: false, error };
    }
    this.closeLoop(loop);
    this.settle(job, outcome);
  }

  /** Runs the timers and callbacks the top-level code scheduled, until none is left. */
  private async runHost(loop: EventLoop): Promise<void> {
    loop.idleHook = () => true;
    try {
      await loop.runForever();
    } catch (err) {
      if (this.world.fatal === undefined) this.world.fatal = err;
    } finally {
      loop.idleHook = null;
    }
  }

  private settle(job: RunJob, outcome: { ok: true; value: unknown } | { ok: false; error: unknown }): void {
    if (outcome.ok) {
      job.resolve(outcome.value);
      return;
    }
    job.reject(outcome.error);
    // A run nobody awaits or handles ends the program with its error.
    if (!job.promise.observed && this.world.fatal === undefined) this.world.fatal = outcome.error;
  }

  /** Calls `next` at the end of the iteration in which `future` is done (`run_until_complete`). */
  private whenDone(loop: EventLoop, future: { addDoneCallback(fn: () => void): void }, next: () => void): void {
    // Named for the stepper, which shows it as asyncio's `_run_until_complete_cb`.
    future.addDoneCallback(stepName(() => loop.afterIteration(next), "runDone"));
  }

  /** runners.py `_cancel_all_tasks`: cancel what is left and let it clean up. */
  private cancelLeftovers(loop: EventLoop, next: () => void): void {
    const leftovers = [...loop.tasks].filter((t) => !t.done());
    if (leftovers.length === 0) {
      next();
      return;
    }
    for (const task of leftovers) task.cancel();
    this.whenDone(loop, gather(...leftovers, { returnExceptions: true }), () => {
      for (const task of leftovers) {
        if (task.cancelled()) continue;
        const exc = task.exception();
        if (exc !== null) {
          loop.callExceptionHandler({ message: "unhandled exception during asyncio.run() shutdown", exception: exc, future: task });
        }
      }
      next();
    });
  }

  /**
   * asyncio then runs two short shutdown coroutines (async generators, default
   * executor); callbacks still ready get those turns too. Then the loop stops.
   */
  private shutdownSteps(loop: EventLoop, remaining: number): void {
    if (remaining === 0) {
      loop.stop();
      return;
    }
    // Unnamed, as in asyncio: each takes a number from the Task-N counter.
    const step = new Task(async () => undefined, { loop });
    this.whenDone(loop, step, () => this.shutdownSteps(loop, remaining - 1));
  }

  /** The runner closes its loop: what is left is dropped, and the program has no current loop. */
  private closeLoop(loop: EventLoop): void {
    for (const future of loop.failedFutures) {
      if (!future.logTraceback) continue;
      future.logTraceback = false;
      const what = future instanceof Task ? "Task" : "Future";
      loop.callExceptionHandler({ message: `${what} exception was never retrieved`, exception: future.exception(), future });
    }
    loop.failedFutures.clear();
    loop.close();
    if (this.world.loop === loop) this.world.loop = null;
  }
}
