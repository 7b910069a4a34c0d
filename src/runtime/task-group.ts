import { currentTask } from "./context.ts";
import { CancelledError, ExceptionGroup, RuntimeError } from "./errors.ts";
import type { EventLoop } from "./event-loop.ts";
import { getRunningLoop } from "./running-loop.ts";
import { Future } from "./future.ts";
import { coroutine, suspend } from "./suspend.ts";
import { Task, type Coroutine } from "./task.ts";

/**
 * Structured concurrency (asyncio.TaskGroup): tasks created in the group are
 * awaited when the body ends; if one fails, the others and the body are
 * cancelled and the failures are raised together as an ExceptionGroup.
 */
export class TaskGroup {
  private entered = false;
  private exiting = false;
  private aborting = false;
  private loop: EventLoop | null = null;
  private parent: Task<unknown> | null = null;
  private parentCancelRequested = false;
  private readonly tasks = new Set<Task<unknown>>();
  private readonly errors: unknown[] = [];
  private onCompleted: Future<unknown> | null = null;

  /** Starts a task in the group; the group waits for it before it ends. */
  createTask<T>(coro: Coroutine<T>, options: { name?: string } = {}): Task<T> {
    if (!this.entered) throw new RuntimeError(`TaskGroup ${this} has not been entered`);
    if (this.exiting && this.tasks.size === 0) throw new RuntimeError(`TaskGroup ${this} is finished`);
    if (this.aborting) throw new RuntimeError(`TaskGroup ${this} is shutting down`);
    const task = new Task(coro, { loop: this.loop!, name: options.name }, true);
    this.tasks.add(task as Task<unknown>);
    task.addDoneCallback(this.onTaskDone as (task: Future<T>) => void);
    return task;
  }

  /** Runs `body` as the group's block (asyncio taskgroups.py `__aenter__`/`__aexit__`). */
  run<T>(body: (group: TaskGroup) => PromiseLike<T>): Promise<T> {
    return coroutine(async (frame) => {
      if (this.entered) throw new RuntimeError(`TaskGroup ${this} has been already entered`);
      this.entered = true;
      this.loop = getRunningLoop();
      this.parent = currentTask();
      if (this.parent === null) throw new RuntimeError(`TaskGroup ${this} cannot determine the parent task`);
      let result: T | undefined;
      let failed = false;
      let error: unknown;
      try {
        result = await suspend(frame, body(this));
      } catch (err) {
        failed = true;
        error = err;
      }
      await this.exit(frame, failed, error);
      return result as T;
    });
  }

  private async exit(frame: Parameters<typeof suspend>[0], failed: boolean, error: unknown): Promise<void> {
    this.exiting = true;
    let propagateCancellation: CancelledError | null = failed && error instanceof CancelledError ? error : null;
    if (this.parentCancelRequested && this.parent!.uncancel() === 0) propagateCancellation = null;
    if (failed && !this.aborting) this.abort();
    while (this.tasks.size > 0) {
      this.onCompleted ??= new Future(this.loop!, "TaskGroup tasks");
      try {
        await suspend(frame, this.onCompleted);
      } catch (err) {
        if (!(err instanceof CancelledError)) throw err;
        if (!this.aborting) {
          propagateCancellation = err;
          this.abort();
        }
      }
      this.onCompleted = null;
    }
    if (propagateCancellation !== null && this.errors.length === 0) throw propagateCancellation;
    if (failed && !(error instanceof CancelledError)) this.errors.push(error);
    if (this.errors.length > 0) throw new ExceptionGroup("unhandled errors in a TaskGroup", this.errors.slice());
  }

  private abort(): void {
    this.aborting = true;
    for (const task of this.tasks) if (!task.done()) task.cancel();
  }

  private readonly onTaskDone = (task: Future<unknown>): void => {
    this.tasks.delete(task as Task<unknown>);
    if (this.onCompleted !== null && this.tasks.size === 0 && !this.onCompleted.done()) {
      this.onCompleted.setResult(true);
    }
    if (task.cancelled()) return;
    const exc = task.exception();
    if (exc === null) return;
    this.errors.push(exc);
    if (this.parent!.done()) {
      this.loop!.callExceptionHandler({ message: `Task ${task} has errored out but its parent task ${this.parent} is already completed`, exception: exc });
      return;
    }
    if (!this.aborting && !this.parentCancelRequested) {
      // The body is still running: cancel it so the group can end and report.
      this.abort();
      this.parentCancelRequested = true;
      this.parent!.cancel();
    }
  };

  toString(): string {
    const state = [this.entered ? "entered" : "", this.aborting ? "aborting" : "", `tasks:${this.tasks.size}`];
    return `<TaskGroup [${state.filter(Boolean).join(", ")}]>`;
  }
}

/**
 * Runs `body` with a new TaskGroup and waits for every task it creates.
 *
 * @example
 * await asyncio.taskGroup(async (tg) => {
 *   tg.createTask(() => fetch("a"));
 *   tg.createTask(() => fetch("b"));
 * }); // both are done here
 */
export function taskGroup<T>(body: (group: TaskGroup) => PromiseLike<T>): Promise<T> {
  return new TaskGroup().run(body);
}
