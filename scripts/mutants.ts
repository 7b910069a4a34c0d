/**
 * The hand-made mutants `npm run mutate` tries on the runtime's core: each is a
 * plausible bug, written as one snippet of a file in src/runtime/ (a single line
 * or expression, so that unrelated edits of the file leave it valid) and what
 * replaces it. `tests` are the test files that should notice, tried in order.
 */
export interface Mutant {
  id: string;
  /** File under src/runtime/. */
  file: string;
  /** Text that must occur exactly once in the file. */
  find: string;
  replace: string;
  description: string;
  tests: string[];
}

const t = (...names: string[]): string[] => names.map((name) => `tests/runtime/${name}.test.ts`);

export const mutants: Mutant[] = [
  // event loop
  {
    id: "loop-no-ntodo-snapshot",
    file: "event-loop.ts",
    find: "if (this.ntodo === 0) {",
    replace: "if (this.head === this.ready.length) {",
    description: "no ntodo snapshot: callbacks queued during an iteration run in the same iteration, before due timers",
    tests: t("event-loop"),
  },
  {
    id: "loop-rebuild-threshold-count",
    file: "event-loop.ts",
    find: "count > 100 &&",
    replace: "count > 50 &&",
    description: "the cancelled-timer heap rebuild starts at 50 timers instead of 100",
    tests: t("heap"),
  },
  {
    id: "loop-rebuild-threshold-ratio",
    file: "event-loop.ts",
    find: "this.cancelledTimers / count > 0.5",
    replace: "this.cancelledTimers / count > 0.6",
    description: "the heap is rebuilt only when more than 60% of its timers are cancelled, not 50%",
    tests: t("heap"),
  },
  {
    id: "loop-runs-cancelled-handles",
    file: "event-loop.ts",
    find: "if (handle.cancelled) continue;",
    replace: "",
    description: "a cancelled handle still runs",
    tests: t("event-loop"),
  },
  {
    id: "loop-callback-error-fatal",
    file: "event-loop.ts",
    find: "if (isFatal(err)) throw err;",
    replace: "throw err;",
    description: "an exception in a callback ends the run instead of being reported",
    tests: t("event-loop"),
  },
  {
    id: "loop-no-clock-resolution",
    file: "event-loop.ts",
    find: "const endTime = world.now + 1e-9;",
    replace: "const endTime = world.now + 1e-3;",
    description: "timers due up to a millisecond late run early, in the current iteration",
    tests: t("event-loop"),
  },
  {
    id: "heap-tie-order",
    file: "heap.ts",
    find: "if (right < end && !this.less(items[child]!, items[right]!)) child = right;",
    replace: "if (right < end && this.less(items[right]!, items[child]!)) child = right;",
    description: "heappop prefers the left child on ties: equal deadlines come out in another order than CPython's",
    tests: t("heap"),
  },
  // future
  {
    id: "future-done-callback-sync",
    file: "future.ts",
    find: "if (this.state !== \"pending\") this.loop.callSoon(fn, this);",
    replace: "if (this.state !== \"pending\") fn(this);",
    description: "a done callback added to a done future runs at once instead of on the loop",
    tests: t("future"),
  },
  {
    id: "future-remove-callback-count",
    file: "future.ts",
    find: "return before - this.callbacks.length;",
    replace: "return before > this.callbacks.length ? 1 : 0;",
    description: "removeDoneCallback reports one removal however many registrations it removed",
    tests: t("future"),
  },
  {
    id: "future-callbacks-reversed",
    file: "future.ts",
    find: "for (const cb of callbacks)",
    replace: "for (const cb of callbacks.reverse())",
    description: "done callbacks are scheduled last-registered first",
    tests: t("future"),
  },
  {
    id: "future-cancel-done",
    file: "future.ts",
    find: "if (this.state !== \"pending\") return false;",
    replace: "if (this.state === \"cancelled\") return false;",
    description: "cancel() on a finished future cancels it",
    tests: t("future"),
  },
  // task
  {
    id: "task-cancelling-not-counted",
    file: "task.ts",
    find: "this.numCancelsRequested++;",
    replace: "",
    description: "cancel() does not count the request: cancelling() stays 0",
    tests: t("task", "timeout"),
  },
  {
    id: "task-uncancel-below-zero",
    file: "task.ts",
    find: "if (this.numCancelsRequested > 0) this.numCancelsRequested--;",
    replace: "this.numCancelsRequested--;",
    description: "uncancel() goes below zero",
    tests: t("task"),
  },
  {
    id: "task-body-runs-after-early-cancel",
    file: "task.ts",
    find: "      if (this._mustCancel) {\n        // Cancelled before it ever ran",
    replace: "      if (false) {\n        // Cancelled before it ever ran",
    description: "a task cancelled before its first step still starts its coroutine",
    tests: t("task"),
  },
  {
    id: "task-cancelled-error-reused",
    file: "task.ts",
    find: "this.cancelledExc = null;",
    replace: "",
    description: "the CancelledError that ended a task is handed out to every caller, not once",
    tests: t("task"),
  },
  // sleep
  {
    id: "sleep-zero-timer",
    file: "sleep.ts",
    find: "if (delay <= 0) return new YieldOnce(loop, result as T);",
    replace: "if (delay < 0) return new YieldOnce(loop, result as T);",
    description: "sleep(0) goes through the timer heap instead of yielding once",
    tests: t("sleep"),
  },
  {
    id: "sleep-cancel-keeps-timer",
    file: "sleep.ts",
    find: "this.timer?.cancel();",
    replace: "",
    description: "cancelling a sleep leaves its timer in the heap",
    tests: t("sleep"),
  },
  // gather
  {
    id: "gather-duplicates-counted-twice",
    file: "gather.ts",
    find: "if (finished === seen.size) {",
    replace: "if (finished === children.length) {",
    description: "gather(t, t) waits for two completions of one child",
    tests: t("gather"),
  },
  {
    id: "gather-cancel-not-remembered",
    file: "gather.ts",
    find: "if (cancelledAny) this.cancelRequested = true;",
    replace: "",
    description: "a cancelled gather(returnExceptions) resolves with the CancelledErrors instead of raising",
    tests: t("gather"),
  },
  {
    id: "gather-first-error-ignored",
    file: "gather.ts",
    find: "if (!returnExceptions) {",
    replace: "if (returnExceptions) {",
    description: "returnExceptions is read backwards",
    tests: t("gather"),
  },
  {
    id: "shield-passes-cancel",
    file: "gather.ts",
    find: "if (inner.done()) return inner;",
    replace: "return inner;",
    description: "shield() returns the inner future, so cancelling the waiter cancels the work",
    tests: t("gather"),
  },
  // wait, waitFor
  {
    id: "wait-first-exception-any",
    file: "wait.ts",
    find: "(returnWhen === FIRST_EXCEPTION && !f.cancelled() && f.exception() !== null)",
    replace: "(returnWhen === FIRST_EXCEPTION && !f.cancelled())",
    description: "FIRST_EXCEPTION returns at the first completion, exception or not",
    tests: t("wait"),
  },
  {
    id: "wait-timeout-late",
    file: "wait.ts",
    find: "loop._callAtLabelled(loop.time() + timeout, `wait timeout",
    replace: "loop._callAtLabelled(loop.time() + 2 * timeout, `wait timeout",
    description: "wait()'s timeout expires at twice its delay",
    tests: t("wait"),
  },
  {
    id: "wait-for-no-cleanup-wait",
    file: "wait.ts",
    find: "    fut.cancel();\n",
    replace: "    fut.cancel();\n    releaseWaiter(waiter);\n",
    description: "waitFor raises TimeoutError without waiting for the cancelled work to clean up",
    tests: t("wait"),
  },
  {
    id: "wait-for-cancelled-not-timeout",
    file: "wait.ts",
    find: "if (err instanceof CancelledError) throw new TimeoutError(\"\");",
    replace: "",
    description: "waitFor's timeout raises CancelledError instead of TimeoutError",
    tests: t("wait"),
  },
  // timeout
  {
    id: "timeout-ignores-nested-cancel",
    file: "timeout.ts",
    find: "return this.task!.uncancel() <= this.cancellingAtEntry && error instanceof CancelledError;",
    replace: "this.task!.uncancel();\n      return error instanceof CancelledError;",
    description: "an expired Timeout turns any CancelledError into TimeoutError, even one from another cancel() request",
    tests: t("timeout"),
  },
  {
    id: "timeout-no-uncancel",
    file: "timeout.ts",
    find: "return this.task!.uncancel() <= this.cancellingAtEntry && error instanceof CancelledError;",
    replace: "return this.task!.cancelling() <= this.cancellingAtEntry + 1 && error instanceof CancelledError;",
    description: "an expired Timeout does not withdraw its cancel request: cancelling() stays raised",
    tests: t("timeout"),
  },
  {
    id: "timeout-reschedule-keeps-old",
    file: "timeout.ts",
    find: "this.deadline = when;",
    replace: "this.deadline = when;\n    this.handler = null;",
    description: "reschedule() leaves the old deadline armed",
    tests: t("timeout"),
  },
  {
    id: "timeout-expiry-state",
    file: "timeout.ts",
    find: "this.state = \"expiring\";",
    replace: "this.state = \"expired\";",
    description: "the expiry skips the expiring state, so the block's CancelledError is not converted",
    tests: t("timeout"),
  },
  // task group
  {
    id: "task-group-parent-cancel-kept",
    file: "task-group.ts",
    find: "if (this.parentCancelRequested && this.parent!.uncancel() === 0) propagateCancellation = null;",
    replace: "",
    description: "a group that cancelled its parent for a failing child never withdraws that request",
    tests: t("task-group"),
  },
  {
    id: "task-group-body-error-dropped",
    file: "task-group.ts",
    find: "if (failed && !(error instanceof CancelledError)) this.errors.push(error);",
    replace: "",
    description: "an error raised by the group's body is left out of the ExceptionGroup",
    tests: t("task-group"),
  },
  {
    id: "task-group-no-abort-on-failure",
    file: "task-group.ts",
    find: "if (!this.aborting && !this.parentCancelRequested) {",
    replace: "if (false) {",
    description: "a failing child does not cancel its siblings and the body",
    tests: t("task-group"),
  },
  // run
  {
    id: "run-leftovers-not-cancelled",
    file: "program-driver.ts",
    find: "for (const task of leftovers) task.cancel();",
    replace: "",
    description: "asyncio.run waits for the tasks still pending instead of cancelling them",
    tests: t("run"),
  },
  {
    id: "run-no-shutdown-steps",
    file: "program-driver.ts",
    find: "this.shutdownSteps(loop, 2)",
    replace: "this.shutdownSteps(loop, 0)",
    description: "asyncio.run closes without the two shutdown steps, which give ready callbacks their last turns",
    tests: t("run"),
  },
  // synchronization primitives
  {
    id: "lock-newcomer-overtakes",
    file: "lock.ts",
    find: "if (!this.isLocked && (this.waiters === null || this.waiters.every((w) => w.cancelled()))) {",
    replace: "if (!this.isLocked) {",
    description: "a newcomer takes a just-released lock past the woken waiter: two tasks then hold it",
    tests: t("lock"),
  },
  {
    id: "lock-cancelled-waiter-keeps-turn",
    file: "lock.ts",
    find: "if (err instanceof CancelledError && !this.isLocked) this.wakeUpFirst();",
    replace: "",
    description: "a woken waiter cancelled before it runs does not pass the lock on",
    tests: t("lock"),
  },
  {
    id: "semaphore-no-slot-handover",
    file: "semaphore.ts",
    find: "if (this.value > 0) this.wakeUpNext();",
    replace: "",
    description: "a waiter that finds more free slots does not wake the next waiter",
    tests: t("semaphore"),
  },
  {
    id: "semaphore-newcomer-overtakes",
    file: "semaphore.ts",
    find: "return this.value === 0 || (this.waiters ?? []).some((w) => !w.cancelled());",
    replace: "return this.value === 0;",
    description: "a newcomer takes a freed slot past the waiter it was handed to",
    tests: t("semaphore"),
  },
  {
    id: "event-clear-ignored",
    file: "event.ts",
    find: "    this.value = false;",
    replace: "",
    description: "clear() leaves the event set",
    tests: t("event"),
  },
  {
    id: "condition-notify-all-waiters",
    file: "condition.ts",
    find: "if (idx >= n) break;",
    replace: "",
    description: "notify(n) wakes every waiter",
    tests: t("condition"),
  },
  {
    id: "queue-waiters-lifo",
    file: "queue.ts",
    find: "const waiter = waiters.shift()!;",
    replace: "const waiter = waiters.pop()!;",
    description: "the last getter or putter to wait is woken first",
    tests: t("queue"),
  },
  {
    id: "queue-join-early",
    file: "queue.ts",
    find: "if (this.unfinishedTasks === 0) this.finished.set();",
    replace: "this.finished.set();",
    description: "join() returns at the first taskDone(), not the last",
    tests: t("queue"),
  },
];
