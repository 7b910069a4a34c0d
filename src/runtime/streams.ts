import { ConnectionResetError } from "./errors.ts";
import type { EventLoop } from "./event-loop.ts";
import { Future } from "./future.ts";
import { networkOf } from "./network.ts";
import { addressText, type Protocol, type Transport } from "./transport.ts";
import { getEventLoop } from "./running-loop.ts";
import { Server } from "./server.ts";
import { sleep } from "./sleep.ts";
import { DEFAULT_LIMIT, StreamReader, toBytes } from "./stream-reader.ts";
import { coroutine, suspend } from "./suspend.ts";
import { Task } from "./task.ts";

/** What `startServer` calls for each connection; an async function runs as a new task. */
export type ClientConnected = (reader: StreamReader, writer: StreamWriter) => unknown;

/**
 * Joins a transport to a StreamReader, and for a server starts the handler
 * task (asyncio's StreamReaderProtocol with FlowControlMixin, CPython 3.11).
 *
 * Invariant: `drainWaiters` is non-empty only while writing is paused or the
 * connection is being lost; resuming or losing the connection wakes them all.
 */
class StreamReaderProtocol implements Protocol {
  private readonly loop: EventLoop;
  private reader: StreamReader | null;
  private readonly clientConnected: ClientConnected | null;
  private readonly limit: number;
  private paused = false;
  private connectionLostFlag = false;
  private readonly drainWaiters: Array<Future<unknown>> = [];
  /** Resolves when the connection is lost: what `waitClosed()` awaits. */
  readonly closed: Future<unknown>;
  /** The handler's task, kept so it is not lost (asyncio keeps `_task`). */
  task: Task<unknown> | null = null;

  constructor(loop: EventLoop, reader: StreamReader | null, clientConnected: ClientConnected | null, limit = DEFAULT_LIMIT) {
    this.loop = loop;
    this.reader = reader;
    this.clientConnected = clientConnected;
    this.limit = limit;
    this.closed = new Future<unknown>(loop, "StreamWriter.waitClosed()");
  }

  connectionMade(transport: Transport): void {
    if (this.clientConnected === null) {
      this.reader?.setTransport(transport);
      return;
    }
    const reader = new StreamReader(this.limit, this.loop);
    reader.setTransport(transport);
    this.reader = reader;
    const writer = new StreamWriter(transport, this, reader, this.loop);
    const handler = this.clientConnected;
    this.task = new Task(() => handler(reader, writer) as PromiseLike<unknown>, { loop: this.loop });
  }

  dataReceived(data: Uint8Array): void {
    this.reader?.feedData(data);
  }

  eofReceived(): boolean {
    this.reader?.feedEof();
    return true;
  }

  connectionLost(exc: Error | null): void {
    if (this.reader !== null) {
      if (exc === null) this.reader.feedEof();
      else this.reader.setException(exc);
    }
    if (!this.closed.done()) {
      if (exc === null) this.closed.setResult(undefined);
      else {
        this.closed.setException(exc);
        this.closed.logTraceback = false; // only waitClosed() reports it, as asyncio's __del__ retrieves it
      }
    }
    this.connectionLostFlag = true;
    if (this.paused) {
      for (const waiter of this.drainWaiters) {
        if (waiter.done()) continue;
        if (exc === null) waiter.setResult(undefined);
        else waiter.setException(exc);
      }
    }
    this.task = null;
  }

  pauseWriting(): void {
    this.paused = true;
  }

  resumeWriting(): void {
    this.paused = false;
    for (const waiter of this.drainWaiters) if (!waiter.done()) waiter.setResult(undefined);
  }

  /** asyncio's `_drain_helper`. */
  drainHelper(): Promise<void> {
    return coroutine(async (frame) => {
      if (this.connectionLostFlag) throw new ConnectionResetError("Connection lost");
      if (!this.paused) return;
      const waiter = new Future<unknown>(this.loop, "StreamWriter.drain()");
      this.drainWaiters.push(waiter);
      try {
        await suspend(frame, waiter);
      } finally {
        this.drainWaiters.splice(this.drainWaiters.indexOf(waiter), 1);
      }
    });
  }
}

/**
 * The writing half of a connection (asyncio.StreamWriter). `write()` never
 * waits: it hands the bytes to the network (strings are UTF-8 encoded).
 * `await writer.drain()` waits while more than 64 KiB are unread by the peer,
 * until its reads bring that down to 16 KiB.
 *
 * @example
 * writer.write("hello\n");
 * await writer.drain();
 * writer.close();
 * await writer.waitClosed();
 */
export class StreamWriter {
  readonly transport: Transport;
  private readonly protocol: StreamReaderProtocol;
  private readonly reader: StreamReader | null;
  private readonly loop: EventLoop;

  constructor(transport: Transport, protocol: StreamReaderProtocol, reader: StreamReader | null, loop: EventLoop) {
    this.transport = transport;
    this.protocol = protocol;
    this.reader = reader;
    this.loop = loop;
  }

  /** Sends `data` (a string is UTF-8 encoded). Returns at once; see `drain()`. */
  write(data: string | Uint8Array): void {
    this.transport.write(toBytes(data));
  }

  writelines(data: Iterable<string | Uint8Array>): void {
    for (const chunk of data) this.write(chunk);
  }

  /** Half-closes the connection: the peer reads EOF; this side can still read. */
  writeEof(): void {
    this.transport.writeEof();
  }

  canWriteEof(): boolean {
    return this.transport.canWriteEof();
  }

  /** Closes the connection; `await waitClosed()` to know it is done. */
  close(): void {
    this.transport.close();
  }

  isClosing(): boolean {
    return this.transport.isClosing();
  }

  /** Waits until the connection is closed; raises the error it was lost with, if any. */
  waitClosed(): Promise<void> {
    return coroutine(async (frame) => {
      await suspend(frame, this.protocol.closed);
    });
  }

  /** "peername" → `["127.0.0.1", 8888]`, "sockname" → this end's address; otherwise `fallback`. */
  getExtraInfo(name: string, fallback: unknown = null): unknown {
    return this.transport.getExtraInfo(name, fallback);
  }

  /**
   * Waits until it is fine to write again: at once unless the buffer is above
   * the high-water mark. Raises the reader's exception (ConnectionResetError),
   * or ConnectionResetError("Connection lost") once the connection is gone.
   */
  drain(): Promise<void> {
    return coroutine(async (frame) => {
      const exc = this.reader?.exception() ?? null;
      if (exc !== null) throw exc;
      // Let connectionLost run first, so a write-drain loop on a closed connection sees the error.
      if (this.transport.isClosing()) await suspend(frame, sleep(0));
      await suspend(frame, this.protocol.drainHelper());
    });
  }

  toString(): string {
    const state = this.protocol.closed.done() ? "closed" : this.transport.isClosing() ? "closing" : "open";
    const buffered = this.transport.getWriteBufferSize();
    const extra = state === "open" && buffered > 0 ? `, buffered=${buffered}` : "";
    return `<StreamWriter [${state}, peer=${addressText(this.transport.peername)}${extra}]>`;
  }
}

export interface StreamOptions {
  /** Buffer limit of the StreamReader (default 64 KiB): longer lines raise. */
  limit?: number;
}

/**
 * Opens a connection and resolves to `[reader, writer]` after one round trip
 * (2 ms on the virtual network). Raises ConnectionRefusedError if nothing
 * listens there, gaierror for an unknown host name.
 *
 * @example
 * const [reader, writer] = await asyncio.openConnection("127.0.0.1", 8888);
 */
export function openConnection(host: string, port: number, options: StreamOptions = {}): Promise<[StreamReader, StreamWriter]> {
  return coroutine(async (frame) => {
    const loop = getEventLoop();
    const reader = new StreamReader(options.limit ?? DEFAULT_LIMIT, loop);
    const protocol = new StreamReaderProtocol(loop, reader, null);
    const connecting = networkOf(loop.world).connect(loop, host, port, () => protocol);
    const transport = await suspend(frame, connecting);
    return [reader, new StreamWriter(transport, protocol, reader, loop)];
  });
}

export interface ServerOptions extends StreamOptions {
  /** Start accepting at once (default true); otherwise call `server.startServing()` or `serveForever()`. */
  startServing?: boolean;
}

/**
 * Starts a server listening on `host` and `port` and resolves to it. Each
 * connection runs `clientConnected(reader, writer)` as a new task. A null or
 * "0.0.0.0" host listens on every address; port 0 picks a free port.
 *
 * @example
 * async function handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) {
 *   writer.write(await reader.readline());
 *   writer.close();
 * }
 * const server = await asyncio.startServer(handle, "127.0.0.1", 8888);
 */
export function startServer(
  clientConnected: ClientConnected,
  host: string | null = null,
  port = 0,
  options: ServerOptions = {},
): Promise<Server> {
  return coroutine(async (frame) => {
    if (typeof clientConnected !== "function") {
      throw new TypeError(`startServer: the handler must be a function, got ${typeof clientConnected}`);
    }
    const loop = getEventLoop();
    let server!: Server;
    const listener = networkOf(loop.world).listen(host, port, {
      accept: () => {
        server._attach();
        return new StreamReaderProtocol(loop, null, clientConnected, options.limit ?? DEFAULT_LIMIT);
      },
      detach: () => server._detach(),
    });
    server = new Server(loop, [listener]);
    if (options.startServing ?? true) {
      server._startServing();
      await suspend(frame, sleep(0)); // asyncio skips one loop iteration here
    }
    return server;
  });
}

export { Server, StreamReader };
