import { ctx } from "./context.ts";
import { IncompleteReadError, LimitOverrunError, RuntimeError, ValueError } from "./errors.ts";
import type { EventLoop } from "./event-loop.ts";
import { bytesText, describe } from "./format.ts";
import { Future } from "./future.ts";
import type { Transport } from "./transport.ts";
import { getEventLoop } from "./running-loop.ts";
import { coroutine, suspend } from "./suspend.ts";

/** The default buffer limit of a stream reader: 64 KiB, as asyncio's `_DEFAULT_LIMIT`. */
export const DEFAULT_LIMIT = 2 ** 16;

const encoder = new TextEncoder();

/** Bytes as given, or a string encoded as UTF-8. */
export function toBytes(data: string | Uint8Array, what = "data"): Uint8Array {
  if (typeof data === "string") return encoder.encode(data);
  if (data instanceof Uint8Array) return data;
  throw new TypeError(`${what} must be a string or a Uint8Array, not ${describe(data)}`);
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const last = haystack.length - needle.length;
  outer: for (let i = Math.max(0, from); i <= last; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * The reading half of a connection (asyncio.StreamReader, CPython 3.11
 * streams.py): the network feeds it bytes and EOF; the program reads them back
 * as Uint8Array. Only one coroutine may wait for data at a time.
 *
 * Every read takes bytes out of the buffer and tells the peer (through the
 * transport), which is what lets the peer's `drain()` finish.
 *
 * @example
 * const [reader, writer] = await asyncio.openConnection("127.0.0.1", 8888);
 * const line = await reader.readline(); // b'hello\n', or b'' at EOF
 * console.log(new TextDecoder().decode(line));
 */
export class StreamReader {
  private readonly limit: number;
  private buffer = new Uint8Array(0);
  private eof = false;
  private waiter: Future<unknown> | null = null;
  private error: Error | null = null;
  private transport: Transport | null = null;
  private readonly loop: EventLoop;

  constructor(limit = DEFAULT_LIMIT, loop?: EventLoop) {
    if (!(limit > 0)) throw new ValueError("Limit cannot be <= 0");
    this.limit = limit;
    this.loop = loop ?? getEventLoop();
  }

  /** The exception the stream failed with, or null. */
  exception(): Error | null {
    return this.error;
  }

  /** Makes every read fail with `exc`, and wakes a waiting one with it. */
  setException(exc: Error): void {
    this.error = exc;
    const waiter = this.waiter;
    if (waiter !== null) {
      this.waiter = null;
      if (!waiter.cancelled()) {
        waiter.setException(exc);
        waiter.exception(); // the read that waited raises it; nobody else needs to
      }
    }
  }

  setTransport(transport: Transport): void {
    if (this.transport !== null) throw new RuntimeError("Transport already set");
    this.transport = transport;
  }

  /** Called when the peer closed its writing side. */
  feedEof(): void {
    this.eof = true;
    this.wakeupWaiter();
  }

  /** True once EOF was fed and the buffer is empty: every read returns b'' (or raises). */
  atEof(): boolean {
    return this.eof && this.buffer.length === 0;
  }

  /** Called by the network (or a test) with bytes that arrived. */
  feedData(data: string | Uint8Array): void {
    if (this.eof) throw new RuntimeError("feedData after feedEof");
    const bytes = toBytes(data);
    if (bytes.length === 0) return;
    const grown = new Uint8Array(this.buffer.length + bytes.length);
    grown.set(this.buffer);
    grown.set(bytes, this.buffer.length);
    this.buffer = grown;
    this.wakeupWaiter();
  }

  /**
   * Reads one line, up to and including "\n". At EOF returns the partial line
   * (b'' if nothing is left). A line longer than the limit raises ValueError
   * and is dropped from the buffer.
   */
  readline(): Promise<Uint8Array> {
    return coroutine(async (frame) => {
      const sep = encoder.encode("\n");
      try {
        return await suspend(frame, this.readuntil(sep));
      } catch (err) {
        if (err instanceof IncompleteReadError) return err.partial;
        if (err instanceof LimitOverrunError) {
          const startsWithSep = indexOf(this.buffer, sep, err.consumed) === err.consumed;
          this.take(startsWithSep ? err.consumed + sep.length : this.buffer.length);
          throw new ValueError(err.message);
        }
        throw err;
      }
    });
  }

  /**
   * Reads up to and including `separator` (a string is UTF-8 encoded). At EOF
   * without it, raises IncompleteReadError with what was left (and empties the
   * buffer). If the separator is not within `limit` bytes, raises
   * LimitOverrunError and leaves the buffer as it is.
   */
  readuntil(separator: string | Uint8Array = "\n"): Promise<Uint8Array> {
    return coroutine(async (frame) => {
      const sep = toBytes(separator, "separator");
      if (sep.length === 0) throw new ValueError("Separator should be at least one-byte string");
      if (this.error !== null) throw this.error;
      // asyncio streams.py readuntil(): scan only what was not scanned before.
      let offset = 0;
      let isep: number;
      for (;;) {
        const buflen = this.buffer.length;
        if (buflen - offset >= sep.length) {
          isep = indexOf(this.buffer, sep, offset);
          if (isep !== -1) break;
          offset = buflen + 1 - sep.length;
          if (offset > this.limit) throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
        }
        if (this.eof) throw new IncompleteReadError(this.take(this.buffer.length), null);
        await this.waitForData(frame, `StreamReader.readuntil(${bytesText(sep)})`);
      }
      if (isep > this.limit) throw new LimitOverrunError("Separator is found, but chunk is longer than limit", isep);
      return this.take(isep + sep.length);
    });
  }

  /**
   * Reads at most `n` bytes, waiting only if the buffer is empty; with n = -1
   * (the default), reads until EOF. Returns b'' at EOF.
   */
  read(n = -1): Promise<Uint8Array> {
    return coroutine(async (frame) => {
      if (this.error !== null) throw this.error;
      if (n === 0) return new Uint8Array(0);
      if (n < 0) {
        const blocks: Uint8Array[] = [];
        for (;;) {
          const block = await suspend(frame, this.read(this.limit));
          if (block.length === 0) break;
          blocks.push(block);
        }
        return concat(blocks);
      }
      if (this.buffer.length === 0 && !this.eof) await this.waitForData(frame, `StreamReader.read(${n})`);
      return this.take(Math.min(n, this.buffer.length));
    });
  }

  /** Reads exactly `n` bytes; at EOF before that, raises IncompleteReadError with what was read. */
  readexactly(n: number): Promise<Uint8Array> {
    return coroutine(async (frame) => {
      if (n < 0) throw new ValueError("readexactly size can not be less than zero");
      if (this.error !== null) throw this.error;
      if (n === 0) return new Uint8Array(0);
      while (this.buffer.length < n) {
        if (this.eof) throw new IncompleteReadError(this.take(this.buffer.length), n);
        await this.waitForData(frame, `StreamReader.readexactly(${n})`);
      }
      return this.take(n);
    });
  }

  /**
   * Python's `async for line in reader`: yields lines until EOF.
   *
   * @example
   * for await (const line of reader) console.log(line);
   */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return {
      next: () => {
        // A `for await` has no instrumented await: point the caller at the read, so cancelling its task reaches it.
        const caller = ctx.cur;
        const read = this.readline();
        if (caller !== null) ctx.aw(caller, read);
        return read.then((line): IteratorResult<Uint8Array> => (line.length === 0 ? { done: true, value: undefined } : { done: false, value: line }));
      },
    };
  }

  /** asyncio's `_wait_for_data`: one waiter at a time, woken by feedData, feedEof or setException. */
  private async waitForData(frame: Parameters<typeof suspend>[0], what: string): Promise<void> {
    if (this.waiter !== null) {
      throw new RuntimeError(`${what.replace(/^StreamReader\./, "").replace(/\(.*$/, "")}() called while another coroutine is already waiting for incoming data`);
    }
    const waiter = new Future<unknown>(this.loop, what);
    this.waiter = waiter;
    try {
      await suspend(frame, waiter);
    } finally {
      if (this.waiter === waiter) this.waiter = null;
    }
  }

  private wakeupWaiter(): void {
    const waiter = this.waiter;
    if (waiter === null) return;
    this.waiter = null;
    if (!waiter.cancelled()) waiter.setResult(undefined);
  }

  /** Removes the first `n` bytes and tells the peer they were read. */
  private take(n: number): Uint8Array {
    const chunk = this.buffer.slice(0, n);
    this.buffer = this.buffer.slice(n);
    this.transport?.consumed(n);
    return chunk;
  }

  toString(): string {
    const parts: string[] = [this.buffer.length > 0 ? `${this.buffer.length} bytes` : "empty"];
    if (this.eof) parts.push("eof");
    if (this.limit !== DEFAULT_LIMIT) parts.push(`limit=${this.limit}`);
    if (this.waiter !== null) parts.push(`waiting on ${this.waiter.label}`);
    if (this.error !== null) parts.push(`exception=${describe(this.error)}`);
    return `<StreamReader [${parts.join(", ")}]>`;
  }
}

function concat(blocks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(blocks.reduce((sum, b) => sum + b.length, 0));
  let at = 0;
  for (const block of blocks) {
    out.set(block, at);
    at += block.length;
  }
  return out;
}
