/**
 * Schedules a function to run once every native microtask queued before it has
 * run. The loop runs one handle per such turn: that is what lets a task step
 * run to its next real suspension before the next callback starts.
 *
 * Node: `setImmediate`, which drains microtasks between immediates.
 * Browsers and workers: a MessageChannel (setTimeout would be clamped to 4 ms
 * after a few nested calls). A message is a whole task of the host's event
 * loop, which is costly; but a message port with N listeners calls N of them
 * for one message, and the host performs a microtask checkpoint after each
 * listener returns (HTML, "clean up after running script": the JavaScript
 * stack is then empty). So each listener runs one queued function, and one
 * message serves up to N of them with microtasks drained between each, as
 * one message per function would.
 */
export type Macrotask = (fn: () => void) => void;

/** Listeners on the port: functions run per message at most. */
export const LISTENERS_PER_MESSAGE = 64;

function messageChannelScheduler(listeners: number): Macrotask {
  const channel = new MessageChannel();
  const queue: Array<(() => void) | undefined> = [];
  let head = 0;
  // Listener calls still to come from the messages posted so far.
  let pending = 0;
  const runNext = (): void => {
    pending--;
    if (head === queue.length) return;
    const fn = queue[head];
    queue[head++] = undefined;
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
    } else if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
    fn!();
  };
  // One function object per listener: the same one added twice would be called once.
  for (let i = 0; i < listeners; i++) channel.port1.addEventListener("message", () => runNext());
  channel.port1.start();
  return (fn) => {
    queue.push(fn);
    if (queue.length - head > pending) {
      pending += listeners;
      channel.port2.postMessage(null);
    }
  };
}

const nodeSetImmediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;

/** The host's macrotask scheduler, captured before a sandbox can replace any global. */
export const macrotask: Macrotask = nodeSetImmediate
  ? (fn) => void nodeSetImmediate(fn)
  : messageChannelScheduler(LISTENERS_PER_MESSAGE);

/** A scheduler over a MessageChannel, for hosts without setImmediate (exported for tests in a browser). */
export { messageChannelScheduler };
