import type { EventLoop } from "./event-loop.ts";
import { getRunningLoop } from "./running-loop.ts";
import type { Task } from "./task.ts";

/** The tasks of a loop (default: the running one) that are not done yet, in creation order. */
export function allTasks(loop: EventLoop = getRunningLoop()): Set<Task<unknown>> {
  return new Set([...loop.tasks].filter((task) => !task.done()));
}
