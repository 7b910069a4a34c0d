import { currentTask } from "./context.ts";
import { RuntimeError } from "./errors.ts";
import { EventLoop } from "./event-loop.ts";
import { gather } from "./gather.ts";
import { stepName } from "./handle.ts";
import { Task, type Coroutine } from "./task.ts";
import { currentWorld } from "./world.ts";

/**
 * Runs `main` to completion and resolves to its result, like asyncio.run: when
 * main is done, the tasks still pending are cancelled and allowed to clean up,
 * exceptions nobody retrieved are reported, and leftover callbacks are dropped.
 *
 * Pass the async function itself (`asyncio.run(main)`) to start it on the loop
 * like a Python coroutine, or a promise (`asyncio.run(main())`) that already
 * started. In a program, runs happen one after another.
 *
 * @example
 * asyncio.run(async () => {
 *   await asyncio.sleep(1);
 *   console.log("done"); // [1.000s] done
 * });
 */
export function run<T>(main: Coroutine<T>): Promise<T> {
  if (currentTask() !== null) {
    throw new RuntimeError("asyncio.run() cannot be called from a running event loop");
  }
  const world = currentWorld();
  if (world.driver) return world.driver.submit(main);
  return runAlone(main);
}

/** Outside a sandboxed program: a driver of its own, on a new loop. */
async function runAlone<T>(main: Coroutine<T>): Promise<T> {
  const world = currentWorld();
  const driver = new ProgramDriver(new EventLoop(world));
  world.driver = driver;
  const outcome: { value?: T } = {};
  try {
    await driver.drive(async () => {
      outcome.value = await driver.submit(main);
    });
  } finally {
    world.driver = null;
  }
  return outcome.value as T;
}

interface RunJob {
  main: Coroutine<unknown>;
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

/**
 * Runs a whole program on one loop that never stops between runs, so the
 * top-level code always runs inside it: it runs in the loop's first step (which
 * is why `asyncio.run(main())` works although `main()` starts before `run` is
 * called), and each `asyncio.run` then runs to completion in turn. The phases of
 * asyncio.run (runners.py) follow each other at iteration ends, where asyncio's
 * `run_until_complete` would return.
 */
export class ProgramDriver {
  readonly loop: EventLoop;
  private readonly jobs: RunJob[] = [];
  private active = false;
  private bodySettled = false;

  constructor(loop: EventLoop) {
    this.loop = loop;
    loop.idleHook = () => this.bodySettled && !this.active && this.jobs.length === 0;
  }

  submit<T>(main: Coroutine<T>): Promise<T> {
    let settle!: Pick<RunJob, "resolve" | "reject">;
    const promise = new RunPromise<T>((resolve, reject) => {
      settle = { resolve: resolve as (value: unknown) => void, reject };
    });
    // Handled here so the host never sees an unhandled rejection; `observed` tells if the program looked.
    Promise.prototype.then.call(promise, undefined, () => undefined);
    this.jobs.push({ main, promise: promise as RunPromise<unknown>, ...settle });
    if (!this.active) this.startNext();
    return promise;
  }

  /**
   * Runs `body` (the program's top level) in the loop's first step and drives
   * the loop until the body and every run have finished. Rejects on a deadlock,
   * when a limit is reached, or when the top-level code throws.
   */
  async drive(body: () => Promise<unknown>): Promise<void> {
    const world = this.loop.world;
    this.loop.callSoon(function program(this: void) {
      body().then(settle, (error: unknown) => {
        settle();
        if (world.fatal === undefined) world.fatal = error;
      });
    });
    const settle = (): void => {
      this.bodySettled = true;
    };
    await this.loop.runForever();
    if (world.fatal !== undefined) throw world.fatal;
  }

  private startNext(): void {
    const job = this.jobs.shift();
    if (job === undefined) return;
    let task: Task<unknown>;
    try {
      task = new Task(job.main, { loop: this.loop });
    } catch (err) {
      job.reject(err);
      if (!job.promise.observed && this.loop.world.fatal === undefined) this.loop.world.fatal = err;
      this.startNext();
      return;
    }
    this.active = true;
    this.whenDone(task, () => this.cancelLeftovers(job, task));
  }

  /** Calls `next` at the end of the iteration in which `future` is done (`run_until_complete`). */
  private whenDone(future: { addDoneCallback(fn: () => void): void }, next: () => void): void {
    // Named for the stepper, which shows it as asyncio's `_run_until_complete_cb`.
    future.addDoneCallback(stepName(() => this.loop.afterIteration(next), "runDone"));
  }

  /** runners.py `_cancel_all_tasks`: cancel what is left and let it clean up. */
  private cancelLeftovers(job: RunJob, main: Task<unknown>): void {
    const loop = this.loop;
    const leftovers = [...loop.tasks].filter((t) => !t.done());
    const next = (): void => this.shutdownSteps(job, main, 2);
    if (leftovers.length === 0) {
      next();
      return;
    }
    for (const task of leftovers) task.cancel();
    this.whenDone(gather(...leftovers, { returnExceptions: true }), () => {
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
   * executor); callbacks still ready get those turns too.
   */
  private shutdownSteps(job: RunJob, main: Task<unknown>, remaining: number): void {
    if (remaining === 0) {
      this.close(job, main);
      return;
    }
    // Unnamed, as in asyncio: each takes a number from the Task-N counter.
    const step = new Task(async () => undefined, { loop: this.loop });
    this.whenDone(step, () => this.shutdownSteps(job, main, remaining - 1));
  }

  /** The loop is "closed": what is left is dropped; then the result goes to the caller. */
  private close(job: RunJob, main: Task<unknown>): void {
    const loop = this.loop;
    // run_until_complete() has retrieved main's outcome before the runner closes.
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: main.result() };
    } catch (error) {
      outcome = { ok: false, error };
    }
    for (const future of loop.failedFutures) {
      if (!future.logTraceback) continue;
      future.logTraceback = false;
      const what = future instanceof Task ? "Task" : "Future";
      loop.callExceptionHandler({ message: `${what} exception was never retrieved`, exception: future.exception(), future });
    }
    loop.failedFutures.clear();
    loop.discardPending();
    this.active = false;
    if (outcome.ok) {
      job.resolve(outcome.value);
    } else {
      const { error } = outcome;
      job.reject(error);
      // By the end of the next iteration the top-level code has had its chance to catch it.
      loop.afterIteration(() => {
        if (!job.promise.observed && loop.world.fatal === undefined) loop.world.fatal = error;
      });
    }
    if (this.jobs.length > 0) this.startNext();
  }
}
