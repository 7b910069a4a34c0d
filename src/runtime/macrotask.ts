/**
 * Schedules a function as a new macrotask, so that every native microtask queued
 * before it has run. The loop runs one handle per macrotask: that is what lets a
 * task step run to its next real suspension before the next callback starts.
 * `setImmediate` in Node; a MessageChannel in browsers and workers (setTimeout
 * would be clamped to 4 ms after a few nested calls).
 */
export type Macrotask = (fn: () => void) => void;

function messageChannelScheduler(): Macrotask {
  const channel = new MessageChannel();
  const queue: Array<() => void> = [];
  let head = 0;
  channel.port1.onmessage = () => {
    const fn = queue[head];
    queue[head++] = undefined as unknown as () => void;
    if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
    fn?.();
  };
  return (fn) => {
    queue.push(fn);
    channel.port2.postMessage(null);
  };
}

const nodeSetImmediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;

/** The host's macrotask scheduler, captured before a sandbox can replace any global. */
export const macrotask: Macrotask = nodeSetImmediate
  ? (fn) => void nodeSetImmediate(fn)
  : messageChannelScheduler();
