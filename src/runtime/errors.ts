/**
 * asyncio's exceptions as classes. Each sets `name`, so `String(err)` and the
 * sandbox's error reports read "CancelledError: ..." the way Python prints them.
 */

/** Raised inside a task when it is cancelled; a task that lets it escape ends cancelled. */
export class CancelledError extends Error {
  override name = "CancelledError";
}

/** An operation did not finish before its deadline (`waitFor`, `timeout`). */
export class TimeoutError extends Error {
  override name = "TimeoutError";
}

/** A Future or Task was used in a state that does not allow the operation. */
export class InvalidStateError extends Error {
  override name = "InvalidStateError";
}

/** A loop or runtime was used the wrong way (closed loop, nested run, ...). */
export class RuntimeError extends Error {
  override name = "RuntimeError";
}

/** `getNowait()` on an empty queue. */
export class QueueEmpty extends Error {
  override name = "QueueEmpty";
}

/** `putNowait()` on a full queue. */
export class QueueFull extends Error {
  override name = "QueueFull";
}

/**
 * A value of the right type but not acceptable, as Python's ValueError. The
 * runtime raises it (e.g. `BoundedSemaphore.release()` called too often), and
 * programs may throw it for their own invalid values.
 */
export class ValueError extends Error {
  override name = "ValueError";
}

/** The stream ended before `readexactly`/`readuntil` got what it needed. */
export class IncompleteReadError extends Error {
  override name = "IncompleteReadError";
  /** The bytes read before the end of the stream. */
  readonly partial: Uint8Array;
  /** How many bytes were expected, or null when reading up to a separator. */
  readonly expected: number | null;
  constructor(partial: Uint8Array, expected: number | null) {
    super(
      `${partial.length} bytes read on a total of ${expected === null ? "None" : expected} expected bytes`,
    );
    this.partial = partial;
    this.expected = expected;
  }
}

/** `readuntil` found no separator within the stream's buffer limit. */
export class LimitOverrunError extends Error {
  override name = "LimitOverrunError";
  readonly consumed: number;
  constructor(message: string, consumed: number) {
    super(message);
    this.consumed = consumed;
  }
}

/**
 * Python's OSError, the base of the socket errors: `new OSError(98, "address
 * already in use")` reads "[Errno 98] address already in use".
 */
export class OSError extends Error {
  override name = "OSError";
  readonly errno: number | null;
  constructor(...args: [message?: string] | [errno: number, message: string]) {
    const [first, second] = args;
    super(typeof first === "number" ? `[Errno ${first}] ${second}` : first);
    this.errno = typeof first === "number" ? first : null;
  }
}

/** Base of the connection errors; an OSError, as in Python. */
export class ConnectionError extends OSError {
  override name = "ConnectionError";
}

/** Nothing listens on the host and port a connection was opened to. */
export class ConnectionRefusedError extends ConnectionError {
  override name = "ConnectionRefusedError";
}

/** The peer closed the connection while data was still being written. */
export class ConnectionResetError extends ConnectionError {
  override name = "ConnectionResetError";
}

/** A host name that the virtual network does not know (Python's `socket.gaierror`, an OSError). */
export class GaiError extends OSError {
  override name = "gaierror";
}

/** Several exceptions raised together, as a TaskGroup reports them. */
export class ExceptionGroup extends Error {
  override name = "ExceptionGroup";
  readonly exceptions: readonly unknown[];
  constructor(message: string, exceptions: readonly unknown[]) {
    super(`${message} (${exceptions.length} sub-exception${exceptions.length === 1 ? "" : "s"})`);
    this.exceptions = exceptions;
  }
}

/** The program can make no progress: main waits and nothing can ever wake it. */
export class DeadlockError extends Error {
  override name = "DeadlockError";
}

/** The program passed the virtual-time or step horizon of a run. */
export class HorizonError extends Error {
  override name = "HorizonError";
}

/** The program kept the CPU busy for longer than the wall-clock watchdog allows. */
export class WatchdogError extends Error {
  override name = "WatchdogError";
  /** Line of the loop that never yielded, when known. */
  readonly line: number | null;
  constructor(message: string, line: number | null = null) {
    super(message);
    this.line = line;
  }
}
