/**
 * A binary min-heap that is Python's `heapq`, operation for operation
 * (heappush, heappop, heapify with the same sift-up and sift-down). asyncio keeps
 * its timers in a heapq ordered by deadline alone, so timers due at the same
 * instant come out in the order the heap's shape gives — not creation order.
 * Using the same algorithm makes that order the same as CPython's, always.
 */
export class Heap<T> {
  private items: T[] = [];
  private readonly less: (a: T, b: T) => boolean;

  constructor(less: (a: T, b: T) => boolean) {
    this.less = less;
  }

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** The items in heap order (not sorted), for a look that changes nothing. */
  values(): readonly T[] {
    return this.items;
  }

  /** heapq.heappush */
  push(item: T): void {
    this.items.push(item);
    this.siftDown(0, this.items.length - 1);
  }

  /** heapq.heappop */
  pop(): T | undefined {
    const items = this.items;
    const last = items.pop();
    if (items.length === 0) return last;
    const top = items[0];
    items[0] = last!;
    this.siftUp(0);
    return top;
  }

  /** Keeps only the items for which `keep` is true, then heapq.heapify. */
  filter(keep: (item: T) => boolean): void {
    this.items = this.items.filter(keep);
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.siftUp(i);
  }

  /** heapq._siftdown: moves the item at `pos` up towards `start` while it is smaller than its parent. */
  private siftDown(start: number, pos: number): void {
    const items = this.items;
    const item = items[pos]!;
    while (pos > start) {
      const parentPos = (pos - 1) >> 1;
      const parent = items[parentPos]!;
      if (!this.less(item, parent)) break;
      items[pos] = parent;
      pos = parentPos;
    }
    items[pos] = item;
  }

  /** heapq._siftup: moves the smaller child up to the leaves, then sifts the item back down. */
  private siftUp(pos: number): void {
    const items = this.items;
    const end = items.length;
    const start = pos;
    const item = items[pos]!;
    let child = 2 * pos + 1;
    while (child < end) {
      const right = child + 1;
      if (right < end && !this.less(items[child]!, items[right]!)) child = right;
      items[pos] = items[child]!;
      pos = child;
      child = 2 * pos + 1;
    }
    items[pos] = item;
    this.siftDown(start, pos);
  }
}
