import { RuntimeError } from "./errors.ts";
import type { EventLoop } from "./event-loop.ts";
import { currentWorld, type World } from "./world.ts";

/**
 * Which loop is running (asyncio's `_get_running_loop`). Kept apart from the
 * EventLoop class so futures and tasks can find the loop without importing it.
 */
let running: EventLoop | null = null;
let makeLoop: ((world: World) => EventLoop) | null = null;

export function setRunningLoop(loop: EventLoop | null): void {
  running = loop;
}

/** The running loop, or null. */
export function runningLoopOrNull(): EventLoop | null {
  return running;
}

/** Called once by event-loop.ts so that `getEventLoop` can make the program's loop. */
export function registerLoopFactory(factory: (world: World) => EventLoop): void {
  makeLoop = factory;
}

/** The loop running now; throws RuntimeError outside a running loop, as asyncio does. */
export function getRunningLoop(): EventLoop {
  if (running === null) throw new RuntimeError("no running event loop");
  return running;
}

/** The running loop if there is one, else the current program's loop. */
export function getEventLoop(): EventLoop {
  if (running !== null) return running;
  const world = currentWorld();
  return (world.loop ??= makeLoop!(world));
}

/** A new loop on the current program's virtual clock. */
export function newEventLoop(): EventLoop {
  return makeLoop!(currentWorld());
}
