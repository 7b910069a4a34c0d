import { ctx, stepTaskOf } from "./context.ts";
import { SlowCallbackMonitor } from "./debug.ts";
import { DeadlockError, HorizonError, RuntimeError, WatchdogError } from "./errors.ts";
import { Future } from "./future.ts";
import { Handle, stepName, TimerHandle, timerBefore } from "./handle.ts";
import { Heap } from "./heap.ts";
import { macrotask } from "./macrotask.ts";
import { registerLoopFactory, runningLoopOrNull, setRunningLoop } from "./running-loop.ts";
import type { Task, TaskOptions, Coroutine } from "./task.ts";
import { Task as TaskClass, ensureFuture } from "./task.ts";
import { currentWorld, type World } from "./world.ts";

/** What an exception handler is told, as in asyncio's `call_exception_handler`. */
export interface ExceptionContext {
  message: string;
  exception?: unknown;
  future?: Future<unknown>;
  handle?: Handle;
}

/** Macrotasks queued ahead at least and at most. */
const MIN_QUEUED_TICKS = 32;
const MAX_QUEUED_TICKS = 1024;

/** Pure handles run back to back in one macrotask at most this many at a time. */
const MAX_PURE_BATCH = 256;

/** Real milliseconds between two "alive" signals to the host during a long run. */
const ALIVE_INTERVAL_MS = 250;


/**
 * asyncio's event loop on a virtual clock. Ready callbacks run FIFO; at the start
 * of each iteration the timers that are due join the ready queue in deadline
 * order (ties by creation order); when nothing is ready the clock jumps to the
 * next deadline instead of waiting. One handle runs per macrotask, so native
 * microtasks drain between handles (asyncio base_events.py `_run_once`).
 */
export class EventLoop {
  readonly world: World;
  /** Ready handles; `head` indexes the next one. */
  private ready: Handle[] = [];
  private head = 0;
  private readonly timers = new Heap<TimerHandle>(timerBefore);
  private cancelledTimers = 0;
  /** Handles left to run in the current iteration (asyncio's `ntodo` snapshot). */
  private ntodo = 0;
  private iterated = false;
  private stopping = false;
  private closed = false;
  private running = false;
  private finishRun: ((error: unknown) => void) | null = null;
  private lastAlive = 0;
  /** Run when the current iteration ends, before the next begins (where asyncio's `stop()` would take effect). */
  private iterationEnd: Array<() => void> = [];
  /** Tasks that are not done yet (asyncio's `_all_tasks`, per loop). */
  readonly tasks = new Set<Task<unknown>>();
  /** Futures whose exception may never be retrieved; checked when a run ends. */
  readonly failedFutures = new Set<Future<unknown>>();
  exceptionHandler: ((loop: EventLoop, context: ExceptionContext) => void) | null = null;
  /**
   * Asked when nothing is ready and no timer is pending: true means the program
   * is simply finished and the loop stops; otherwise it is a deadlock.
   */
  idleHook: (() => boolean) | null = null;
  /** Debug mode's report of slow callbacks; off unless `setDebug(true)`. */
  private readonly slowCallbacks: SlowCallbackMonitor;

  constructor(world: World = currentWorld()) {
    this.world = world;
    this.slowCallbacks = new SlowCallbackMonitor(world);
  }

  /** Turns asyncio's debug mode on or off: callbacks that keep the loop too long are reported on stderr. */
  setDebug(enabled: boolean): void {
    this.slowCallbacks.enabled = Boolean(enabled);
  }

  getDebug(): boolean {
    return this.slowCallbacks.enabled;
  }

  /** In debug mode, a callback that keeps the loop at least this many seconds is reported (default 0.1). */
  get slowCallbackDuration(): number {
    return this.slowCallbacks.slowCallbackDuration;
  }

  set slowCallbackDuration(seconds: number) {
    this.slowCallbacks.slowCallbackDuration = seconds;
  }

  /** The loop's virtual time in seconds. */
  time(): number {
    return this.world.now;
  }

  /** Schedules `callback(...args)` to run on the loop's next turn, after what is already ready. */
  callSoon<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    this.checkClosed();
    const handle = new Handle(this, callback, args);
    this.ready.push(handle);
    return handle;
  }

  /** `callSoon` for the runtime's own wake-ups, which the trace does not list as callbacks. */
  _callSoonInternal<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle {
    const handle = this.callSoon(callback, ...args);
    handle.internal = true;
    return handle;
  }

  /** Schedules `callback(...args)` to run `delay` virtual seconds from now. */
  callLater<A extends unknown[]>(delay: number, callback: (...args: A) => unknown, ...args: A): TimerHandle {
    if (typeof delay !== "number" || Number.isNaN(delay)) {
      throw new TypeError(`callLater: delay must be a number of seconds, got ${String(delay)}`);
    }
    return this.callAt(this.time() + delay, callback, ...args);
  }

  /** Schedules `callback(...args)` to run at virtual time `when`. */
  callAt<A extends unknown[]>(when: number, callback: (...args: A) => unknown, ...args: A): TimerHandle {
    return this._callAtLabelled(when, undefined, callback, ...args);
  }

  /** `callAt` with the label the trace shows for the timer, e.g. "sleep(1)". */
  _callAtLabelled<A extends unknown[]>(
    when: number,
    label: string | undefined,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle {
    this.checkClosed();
    const timer = new TimerHandle(this, when, callback, args);
    timer.label = label;
    this.timers.push(timer);
    const { recorder } = this.world;
    if (recorder.tracing) recorder.event("timer-scheduled", ctx.cur, `${handleLabel(timer)} due at ${when.toFixed(3)}s`);
    return timer;
  }

  createFuture<T = unknown>(): Future<T> {
    return new Future<T>(this);
  }

  createTask<T>(coro: Coroutine<T>, options: TaskOptions = {}): Task<T> {
    return new TaskClass(coro, { ...options, loop: this });
  }

  isRunning(): boolean {
    return this.running;
  }

  isClosed(): boolean {
    return this.closed;
  }

  /**
   * Runs `hook` once the current iteration is over: the point where code after
   * asyncio's `run_until_complete` would run, while this loop keeps running.
   */
  afterIteration(hook: () => void): void {
    this.iterationEnd.push(hook);
  }

  /** Whether a callback is ready or a timer is pending. */
  hasPending(): boolean {
    return this.ready.length > this.head || this.timers.size > this.cancelledTimers;
  }

  /** Asks the loop to stop once the current iteration is finished. */
  stop(): void {
    this.stopping = true;
  }

  /** Discards every pending callback and timer; the loop cannot be used afterwards. */
  close(): void {
    if (this.running) throw new RuntimeError("Cannot close a running event loop");
    this.closed = true;
    this.discardPending();
  }

  /** Drops every ready handle and timer (as closing a loop does) without closing it. */
  discardPending(): void {
    this.ready = [];
    this.head = 0;
    this.ntodo = 0;
    this.timers.filter(() => false);
    this.cancelledTimers = 0;
  }

  /**
   * Runs until `future` is done and returns its result (a coroutine or async
   * function is wrapped in a task first). Stops early, rejecting, on a deadlock
   * or when a horizon is reached.
   */
  async runUntilComplete<T>(future: Coroutine<T> | Future<T>): Promise<T> {
    this.checkClosed();
    this.checkNotRunning();
    const fut = ensureFuture(future, this);
    // asyncio base_events.py `_run_until_complete_cb`, named so for the stepper.
    const stopWhenDone = stepName((): void => this.stop(), "runDone");
    fut.addDoneCallback(stopWhenDone);
    try {
      await this.runForever();
    } catch (err) {
      fut.removeDoneCallback(stopWhenDone);
      throw err;
    }
    fut.removeDoneCallback(stopWhenDone);
    if (!fut.done()) throw new RuntimeError("Event loop stopped before Future completed.");
    return fut.result();
  }

  /** Runs until `stop()` is called. */
  runForever(): Promise<void> {
    this.checkClosed();
    this.checkNotRunning();
    this.running = true;
    this.iterated = false;
    this.ntodo = 0;
    // The loop becomes the running one in its first step: code after an unawaited run call is not inside it.
    this.lastAlive = this.world.host.wallNow?.() ?? 0;
    this.world.loopsRunning++;
    return new Promise<void>((resolve, reject) => {
      this.finishRun = (error) => {
        this.running = false;
        this.stopping = false;
        this.finishRun = null;
        if (runningLoopOrNull() === this) setRunningLoop(null);
        this.world.loopsRunning--;
        const waiting = this.world.loopStopped.splice(0);
        for (const wake of waiting) wake();
        if (error === undefined) resolve();
        else reject(error);
      };
      this.queueTicks(1);
    });
  }

  /** Reports an error that no one can catch, like asyncio's `call_exception_handler`. */
  callExceptionHandler(context: ExceptionContext): void {
    if (this.exceptionHandler) {
      try {
        this.exceptionHandler(this, context);
        return;
      } catch (err) {
        context = { message: "Unhandled error in exception handler", exception: err };
      }
    }
    const details = context.exception === undefined ? "" : `\n${this.world.formatError(context.exception)}`;
    const subject = context.future ? `\n${context.future}` : "";
    this.world.recorder.print("stderr", `${context.message}${subject}${details}`, null);
  }

  setExceptionHandler(handler: ((loop: EventLoop, context: ExceptionContext) => void) | null): void {
    this.exceptionHandler = handler;
  }

  _timerCancelled(timer: TimerHandle): void {
    if (timer.scheduled) this.cancelledTimers++;
  }

  /**
   * asyncio's sweep of cancelled timers at the start of an iteration: rebuild the
   * heap when they are most of it, else pop those at its head. Done exactly as
   * asyncio does, because the heap's shape decides the order of equal deadlines.
   */
  private sweepCancelledTimers(): void {
    const count = this.timers.size;
    if (count > 100 && this.cancelledTimers / count > 0.5) {
      this.timers.filter((t) => {
        if (!t.cancelled) return true;
        t.scheduled = false;
        return false;
      });
      this.cancelledTimers = 0;
      return;
    }
    for (let t = this.timers.peek(); t !== undefined && t.cancelled; t = this.timers.peek()) {
      this.cancelledTimers--;
      this.timers.pop();
      t.scheduled = false;
    }
  }

  /** One macrotask: starts an iteration when the previous one is done, then runs one handle. */
  private readonly tick = (): void => {
    this.queuedTicks--;
    if (!this.running || this.finishRun === null) return;
    setRunningLoop(this);
    this.slowCallbacks.end();
    ctx.cur = null;
    let batched = 0;
    try {
      this.checkFatal();
      for (;;) {
        if (this.ntodo === 0) {
          if (this.iterated && this.iterationEnd.length > 0) {
            const hooks = this.iterationEnd;
            this.iterationEnd = [];
            for (const hook of hooks) hook();
            // What the hooks resolved runs in microtasks; let it run before the next iteration.
            break;
          }
          if (this.iterated && this.stopping) {
            this.finishRun(undefined);
            return;
          }
          this.beginIteration();
          this.iterated = true;
          if (this.ntodo === 0) continue;
        }
        const handle = this.ready[this.head]!;
        this.ready[this.head++] = undefined as unknown as Handle;
        this.ntodo--;
        if (this.head > 4096 && this.head * 2 > this.ready.length) {
          this.ready = this.ready.slice(this.head);
          this.head = 0;
        }
        if (handle.cancelled) continue;
        this.runHandle(handle);
        // After anything that may have queued microtasks, end the macrotask so they run first.
        if (!handle.pure || ++batched >= MAX_PURE_BATCH) break;
        this.checkFatal();
      }
    } catch (err) {
      this.finishRun(err);
      return;
    }
    // Macrotasks are queued in batches (one per handle left in this iteration, and a few
    // more for the iterations to come): Node runs immediates queued together in one pass,
    // draining microtasks between them, which saves a turn of its own event loop per handle.
    // A tick with nothing to do is harmless: it does what the next tick would have done.
    if (this.queuedTicks === 0) this.queueTicks(Math.min(Math.max(this.ntodo, MIN_QUEUED_TICKS), MAX_QUEUED_TICKS));
  };

  /** Macrotasks queued and not yet run; each runs `tick` once. */
  private queuedTicks = 0;

  private queueTicks(count: number): void {
    for (let i = 0; i < count; i++) macrotask(this.tick);
    this.queuedTicks += count;
  }

  /**
   * Moves due timers to the ready queue and snapshots how many handles this
   * iteration runs. When nothing is ready, the virtual clock jumps to the next
   * deadline (the virtual form of the selector's wait).
   */
  private beginIteration(): void {
    const world = this.world;
    if (world.steps >= world.limits.maxSteps) {
      throw new HorizonError(
        `Stopped after ${world.steps.toLocaleString("en-US")} loop steps (the step limit) at t=${world.now.toFixed(3)}s: the program was still running. Does a loop never end?`,
      );
    }
    this.slowCallbacks.end();
    this.sweepCancelledTimers();
    let pending = this.ready.length - this.head;
    if (pending === 0 && !this.stopping) {
      const next = this.timers.peek();
      if (next === undefined) {
        if (this.idleHook?.()) {
          this.stopping = true;
          this.ntodo = 0;
          return;
        }
        throw new DeadlockError(this.deadlockMessage());
      }
      // asyncio caps one wait at a day (MAXIMUM_SELECT_TIMEOUT). A real loop wakes
      // at or after the deadline; the virtual one wakes exactly at it, not at
      // now + (deadline - now), which can be one ulp off.
      const timeout = Math.max(0, next.deadline - world.now);
      const target = timeout < 86_400 ? Math.max(world.now, next.deadline) : world.now + 86_400;
      if (target > world.limits.maxVirtualTime) {
        throw new HorizonError(
          `Stopped at t=${world.now.toFixed(3)}s: the next timer is due at t=${next.deadline.toFixed(3)}s, past the virtual-time limit of ${world.limits.maxVirtualTime} s. Does a loop never end?`,
        );
      }
      world.now = target;
    }
    // asyncio lets timers within the clock's resolution (1 ns) of now run too.
    const endTime = world.now + 1e-9;
    for (;;) {
      const timer = this.timers.peek();
      if (timer === undefined || timer.deadline >= endTime) break;
      this.timers.pop();
      timer.scheduled = false;
      // A cancelled timer joins the ready queue too, as in asyncio, and is skipped when its turn comes.
      this.ready.push(timer);
      if (timer.cancelled) continue;
      if (this.world.recorder.tracing) this.world.recorder.event("timer-fired", null, handleLabel(timer));
    }
    pending = this.ready.length - this.head;
    this.ntodo = pending;
    this.signalAlive();
  }

  /** Ends the run if the program hit an error nothing can catch. */
  private checkFatal(): void {
    const world = this.world;
    if (world.watchdog.tripped) throw world.watchdog.tripped;
    if (world.fatal !== undefined) throw world.fatal;
  }

  private runHandle(handle: Handle): void {
    this.world.steps++;
    this.world.watchdog.startSlice();
    this.slowCallbacks.begin(handle);
    const { loopSteps } = this.world.recorder;
    if (loopSteps?.open) this.world.recorder.stepBegins(handle, this.ready, this.head, this.timers.values(), this.tasks);
    if (!handle.internal && this.world.recorder.tracing) this.world.recorder.event("callback", null, handleLabel(handle));
    ctx.step = stepTaskOf(handle.callback);
    try {
      handle.callback(...handle.args);
    } catch (err) {
      if (isFatal(err)) throw err;
      this.callExceptionHandler({ message: `Exception in callback ${handle}`, exception: err, handle });
    }
  }

  private signalAlive(): void {
    const { wallNow, onAlive } = this.world.host;
    if (!wallNow || !onAlive) return;
    const now = wallNow();
    if (now - this.lastAlive >= ALIVE_INTERVAL_MS) {
      this.lastAlive = now;
      onAlive();
    }
  }

  private deadlockMessage(): string {
    const lines = [
      `Deadlock at t=${this.world.now.toFixed(3)}s: nothing is ready to run and no timer is pending, so nothing can ever wake the waiting tasks.`,
    ];
    for (const task of this.tasks) lines.push(`  ${task}`);
    return lines.join("\n");
  }

  private checkClosed(): void {
    if (this.closed) throw new RuntimeError("Event loop is closed");
  }

  private checkNotRunning(): void {
    if (this.running) throw new RuntimeError("This event loop is already running");
    if (runningLoopOrNull() !== null) {
      throw new RuntimeError("Cannot run the event loop while another loop is running");
    }
  }

  toString(): string {
    const state = this.closed ? "closed" : this.running ? "running" : "idle";
    return `<EventLoop [${state}, ready:${this.ready.length - this.head}, timers:${this.timers.size - this.cancelledTimers}, t=${this.world.now.toFixed(3)}s]>`;
  }
}

function handleLabel(handle: Handle): string {
  return handle.label ?? (handle.callback.name ? `${handle.callback.name}()` : "callback");
}

/** Errors that end the run instead of being reported and skipped. */
function isFatal(err: unknown): boolean {
  return err instanceof HorizonError || err instanceof DeadlockError || err instanceof WatchdogError;
}

registerLoopFactory((world) => new EventLoop(world));
