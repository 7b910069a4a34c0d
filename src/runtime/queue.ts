import { QueueEmpty, QueueFull, ValueError } from "./errors.ts";
import { Event } from "./event.ts";
import { Future } from "./future.ts";
import { Heap } from "./heap.ts";
import { LoopBound, removeFirst } from "./lock.ts";
import { coroutine, suspend } from "./suspend.ts";

/** The items of a queue, in the order the kind of queue hands them out. */
export interface Store<T> {
  put(item: T): void;
  /** Removes and returns the next item; only called when there is one. */
  get(): T;
  size(): number;
}

/**
 * A first-in, first-out queue for passing items between tasks (asyncio.Queue).
 * With `maxsize` > 0, `put()` waits while the queue is full; `get()` waits while
 * it is empty. Blocked getters and putters are woken one at a time, in the order
 * they started waiting. `taskDone()` and `join()` let a producer wait until every
 * item it put has been processed.
 *
 * Invariant: a waiter's future is in `getters`/`putters` until someone wakes it
 * (which removes it) or its own call gives up (cancelled). A woken waiter that is
 * cancelled before it runs passes its turn on to the next one.
 *
 * @example
 * const queue = new asyncio.Queue<number>(2);
 * await queue.put(1);
 * console.log(await queue.get()); // 1
 * queue.taskDone();
 * await queue.join(); // every item put has been marked done
 */
export class Queue<T = unknown> extends LoopBound {
  private readonly maxSize: number;
  private readonly getters: Array<Future<unknown>> = [];
  private readonly putters: Array<Future<unknown>> = [];
  private unfinishedTasks = 0;
  private readonly finished = new Event();
  private readonly store: Store<T>;

  /** `maxsize` <= 0 (the default) means no limit. */
  constructor(maxsize = 0) {
    super();
    this.maxSize = maxsize;
    this.finished.set();
    this.store = this.createStore();
  }

  /**
   * Where the items live; what PriorityQueue and LifoQueue change (asyncio's
   * `_init`/`_put`/`_get`). Called from the constructor, so it must not use
   * fields of a subclass.
   */
  protected createStore(): Store<T> {
    const items: T[] = [];
    return { put: (item) => items.push(item), get: () => items.shift()!, size: () => items.length };
  }

  /** Number of items in the queue. */
  qsize(): number {
    return this.store.size();
  }

  /** Wakes the first waiter that is still waiting, dropping the ones already done. */
  private wakeUpNext(waiters: Array<Future<unknown>>): void {
    while (waiters.length > 0) {
      const waiter = waiters.shift()!;
      if (!waiter.done()) {
        waiter.setResult(undefined);
        break;
      }
    }
  }

  /** Number of items allowed in the queue; 0 or less means no limit. */
  get maxsize(): number {
    return this.maxSize;
  }

  /** True if the queue holds no items. */
  empty(): boolean {
    return this.qsize() === 0;
  }

  /** True if the queue holds `maxsize` items; never true for an unbounded queue. */
  full(): boolean {
    if (this.maxSize <= 0) return false;
    return this.qsize() >= this.maxSize;
  }

  /** Puts an item in the queue, waiting for a free slot while it is full. */
  put(item: T): Promise<void> {
    return coroutine(async (frame) => {
      // asyncio 3.11 queues.py Queue.put()
      while (this.full()) {
        const putter = new Future<unknown>(this.getLoop(), "Queue.put()");
        this.putters.push(putter);
        try {
          await suspend(frame, putter);
        } catch (err) {
          putter.cancel(); // in case it is not done yet
          // A getNowait() may already have removed it.
          removeFirst(this.putters, putter);
          // Woken by getNowait(), but giving up: pass the turn on.
          if (!this.full() && !putter.cancelled()) this.wakeUpNext(this.putters);
          throw err;
        }
      }
      this.putNowait(item);
    });
  }

  /** Puts an item in the queue at once; QueueFull if there is no free slot. */
  putNowait(item: T): void {
    if (this.full()) throw new QueueFull("");
    this.store.put(item);
    this.unfinishedTasks++;
    this.finished.clear();
    this.wakeUpNext(this.getters);
  }

  /** Removes and returns the next item, waiting for one while the queue is empty. */
  get(): Promise<T> {
    return coroutine(async (frame) => {
      // asyncio 3.11 queues.py Queue.get()
      while (this.empty()) {
        const getter = new Future<unknown>(this.getLoop(), "Queue.get()");
        this.getters.push(getter);
        try {
          await suspend(frame, getter);
        } catch (err) {
          getter.cancel(); // in case it is not done yet
          // A putNowait() may already have removed it.
          removeFirst(this.getters, getter);
          // Woken by putNowait(), but giving up: pass the turn on.
          if (!this.empty() && !getter.cancelled()) this.wakeUpNext(this.getters);
          throw err;
        }
      }
      return this.getNowait();
    });
  }

  /** Removes and returns the next item at once; QueueEmpty if there is none. */
  getNowait(): T {
    if (this.empty()) throw new QueueEmpty("");
    const item = this.store.get();
    this.wakeUpNext(this.putters);
    return item;
  }

  /**
   * Marks one item taken with `get()` as processed. When every item ever put has
   * been marked, `join()` returns. ValueError if called more times than items
   * were put.
   */
  taskDone(): void {
    if (this.unfinishedTasks <= 0) throw new ValueError("taskDone() called too many times");
    this.unfinishedTasks--;
    if (this.unfinishedTasks === 0) this.finished.set();
  }

  /** Waits until every item put in the queue has been marked with `taskDone()`. */
  join(): Promise<void> {
    return coroutine(async (frame) => {
      if (this.unfinishedTasks > 0) await suspend(frame, this.finished._wait("Queue.join()"));
    });
  }

  /** Name used by `toString`. */
  protected kind(): string {
    return "Queue";
  }

  override toString(): string {
    const parts = [`maxsize=${this.maxSize}`, `items=${this.qsize()}`];
    if (this.unfinishedTasks > 0) parts.push(`unfinished=${this.unfinishedTasks}`);
    if (this.getters.length > 0) parts.push(`getters:${this.getters.length}`);
    if (this.putters.length > 0) parts.push(`putters:${this.putters.length}`);
    return `<${this.kind()} [${parts.join(", ")}]>`;
  }
}

/**
 * A queue that hands out the smallest item first (asyncio.PriorityQueue), kept
 * in a binary heap exactly as Python's `heapq` keeps it, so equal items come out
 * in the same order as in CPython. Items are compared with `pyLess`: numbers
 * with numbers, strings with strings, arrays element by element like Python
 * tuples. The usual item is `[priority, data]`.
 *
 * @example
 * const queue = new asyncio.PriorityQueue<[number, string]>();
 * queue.putNowait([2, "later"]);
 * queue.putNowait([1, "first"]);
 * console.log(queue.getNowait()); // [ 1, 'first' ]
 */
export class PriorityQueue<T = unknown> extends Queue<T> {
  protected override createStore(): Store<T> {
    const heap = new Heap<T>(pyLess);
    return { put: (item) => heap.push(item), get: () => heap.pop()!, size: () => heap.size };
  }

  protected override kind(): string {
    return "PriorityQueue";
  }
}

/**
 * A queue that hands out the most recently added item first (asyncio.LifoQueue).
 *
 * @example
 * const stack = new asyncio.LifoQueue<number>();
 * stack.putNowait(1);
 * stack.putNowait(2);
 * console.log(stack.getNowait()); // 2
 */
export class LifoQueue<T = unknown> extends Queue<T> {
  protected override createStore(): Store<T> {
    const items: T[] = [];
    return { put: (item) => items.push(item), get: () => items.pop()!, size: () => items.length };
  }

  protected override kind(): string {
    return "LifoQueue";
  }
}

/**
 * Python's `a < b` for the values a priority queue holds: numbers (and
 * booleans and bigints) with each other, strings with strings (by UTF-16 code
 * unit, which differs from Python's code-point order only for characters beyond
 * U+FFFF), and arrays element by element like tuples: the first elements that
 * differ decide, else the shorter array is smaller. Anything else cannot be
 * ordered and throws TypeError, as Python does, e.g. for `[1, {}]` and `[1, {}]`.
 */
export function pyLess(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (!pyEqual(a[i], b[i])) return pyLess(a[i], b[i]);
    return a.length < b.length;
  }
  if (isNumeric(a) && isNumeric(b)) return a < b;
  if (typeof a === "string" && typeof b === "string") return a < b;
  throw new TypeError(`'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** Python's `==` as tuple comparison uses it: arrays element-wise, everything else by identity or value. */
function pyEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => pyEqual(x, b[i]));
  }
  // Loose equality between numbers only: Python has 1 == True == 1.0, but 1 != "1".
  if (isNumeric(a) && isNumeric(b)) return a == b;
  return Object.is(a, b) || a === b;
}

function isNumeric(x: unknown): x is number | bigint | boolean {
  return typeof x === "number" || typeof x === "bigint" || typeof x === "boolean";
}

function typeName(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "Array";
  if (typeof x === "object") return (Object.getPrototypeOf(x)?.constructor?.name as string | undefined) || "Object";
  return typeof x;
}
