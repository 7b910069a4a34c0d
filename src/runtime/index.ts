/**
 * The `asyncio` module learner programs import: asyncio's API in camelCase, on a
 * virtual clock. Keyword-only Python parameters become a trailing options object.
 */
export {
  CancelledError,
  TimeoutError,
  InvalidStateError,
  RuntimeError,
  QueueEmpty,
  QueueFull,
  ValueError,
  IncompleteReadError,
  LimitOverrunError,
  OSError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionResetError,
  ExceptionGroup,
  GaiError,
  DeadlockError,
  HorizonError,
  WatchdogError,
} from "./errors.ts";
export { EventLoop } from "./event-loop.ts";
export { getRunningLoop, getEventLoop, newEventLoop } from "./running-loop.ts";
export type { ExceptionContext } from "./event-loop.ts";
export { Future, isFuture } from "./future.ts";
export { Handle, TimerHandle } from "./handle.ts";
export { Task, createTask, ensureFuture } from "./task.ts";
export type { Coroutine, TaskOptions } from "./task.ts";
export { currentTask } from "./context.ts";
export { sleep } from "./sleep.ts";
export { gather, shield } from "./gather.ts";
export type { Awaitable, GatherOptions } from "./gather.ts";
export { waitFor, wait, asCompleted, FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED } from "./wait.ts";
export type { WaitOptions, ReturnWhen } from "./wait.ts";
export { Timeout, timeout, timeoutAt } from "./timeout.ts";
export { TaskGroup, taskGroup } from "./task-group.ts";
export { run } from "./run.ts";
export type { RunOptions } from "./run.ts";
export { allTasks } from "./all-tasks.ts";
export { Lock } from "./lock.ts";
export { Event } from "./event.ts";
export { Condition } from "./condition.ts";
export { Semaphore, BoundedSemaphore } from "./semaphore.ts";
export { Queue, PriorityQueue, LifoQueue } from "./queue.ts";
export { startServer, openConnection, StreamReader, StreamWriter, Server } from "./streams.ts";
export type { ClientConnected, StreamOptions, ServerOptions } from "./streams.ts";
