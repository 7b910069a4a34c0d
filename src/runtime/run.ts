import { currentTask } from "./context.ts";
import { RuntimeError } from "./errors.ts";
import { ProgramDriver } from "./program-driver.ts";
import type { Coroutine } from "./task.ts";
import { currentWorld } from "./world.ts";

/**
 * Runs `main` to completion and resolves to its result, like asyncio.run: on a
 * new event loop, and when main is done, the tasks still pending are cancelled
 * and allowed to clean up, exceptions nobody retrieved are reported, and the
 * loop is closed.
 *
 * Pass the async function itself (`asyncio.run(main)`) to start it on the loop
 * like a Python coroutine, or a promise (`asyncio.run(main())`) that already
 * started. In a program, runs happen one after another, and the top-level code
 * between them runs outside any loop. `{ debug: true }` turns on asyncio's debug
 * mode for the run: callbacks that keep the loop 0.1 s or more are reported on
 * stderr.
 *
 * @example
 * asyncio.run(async () => {
 *   await asyncio.sleep(1);
 *   console.log("done"); // [1.000s] done
 * });
 */
export function run<T>(main: Coroutine<T>, options: RunOptions = {}): Promise<T> {
  if (currentTask() !== null) {
    throw new RuntimeError("asyncio.run() cannot be called from a running event loop");
  }
  const world = currentWorld();
  if (world.driver) return world.driver.submit(main, options);
  return runAlone(main, options);
}

/** asyncio.run's keyword arguments. */
export interface RunOptions {
  /** asyncio's debug mode for this run (see `EventLoop.setDebug`). */
  debug?: boolean;
}

/** Outside a sandboxed program: a driver of its own. */
async function runAlone<T>(main: Coroutine<T>, options: RunOptions): Promise<T> {
  const world = currentWorld();
  const driver = new ProgramDriver(world);
  world.driver = driver;
  const outcome: { value?: T } = {};
  const promise = driver.submit(main, options);
  try {
    await driver.drive(async () => {
      outcome.value = await promise;
    });
  } finally {
    world.driver = null;
  }
  return outcome.value as T;
}
