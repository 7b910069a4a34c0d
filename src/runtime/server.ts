import { CancelledError, RuntimeError } from "./errors.ts";
import type { EventLoop } from "./event-loop.ts";
import { Future } from "./future.ts";
import type { Listener } from "./network.ts";
import { addressText, pythonAddress, type Address } from "./transport.ts";
import { sleep } from "./sleep.ts";
import { coroutine, suspend } from "./suspend.ts";

/** One listening socket of a server, as `server.sockets` lists them. */
export class ServerSocket {
  private readonly address: Address;

  constructor(address: Address) {
    this.address = address;
  }

  /** The address it listens on, as Python's `getsockname()`: `["127.0.0.1", 8888]`. */
  getsockname(): [string, number] {
    return [this.address[0], this.address[1]];
  }

  toString(): string {
    return `<socket laddr=${pythonAddress(this.address)}>`;
  }
}

/**
 * A listening server, as asyncio's Server (CPython 3.11 base_events.py), made by
 * `startServer`. Closing it stops accepting; connections already accepted stay
 * open until their handlers close them.
 *
 * As in 3.11, `waitClosed()` waits only if called before `close()`, and then
 * until the server is closed and its last connection is gone; called after
 * `close()` it returns at once.
 *
 * @example
 * const server = await asyncio.startServer(handle, "127.0.0.1", 8888);
 * console.log(server.sockets[0].getsockname()); // [ '127.0.0.1', 8888 ]
 * await server.serveForever();
 */
export class Server {
  private readonly loop: EventLoop;
  private listeners: Listener[] | null;
  private activeCount = 0;
  private waiters: Array<Future<unknown>> | null = [];
  private serving = false;
  private servingForeverFut: Future<unknown> | null = null;
  private readonly addresses: Address[];

  constructor(loop: EventLoop, listeners: Listener[]) {
    this.loop = loop;
    this.listeners = listeners;
    this.addresses = listeners.map((l) => l.address);
  }

  /** A connection was accepted. */
  _attach(): void {
    this.activeCount++;
  }

  /** A connection was lost; the last one after `close()` releases `waitClosed()`. */
  _detach(): void {
    this.activeCount--;
    if (this.activeCount === 0 && this.listeners === null) this.wakeup();
  }

  private wakeup(): void {
    const waiters = this.waiters;
    this.waiters = null;
    // asyncio sets each waiter to itself; a JavaScript promise would adopt that thenable forever.
    for (const waiter of waiters ?? []) if (!waiter.done()) waiter.setResult(undefined);
  }

  getLoop(): EventLoop {
    return this.loop;
  }

  isServing(): boolean {
    return this.serving;
  }

  /** The listening sockets; empty once the server is closed. */
  get sockets(): ServerSocket[] {
    return this.listeners === null ? [] : this.listeners.map((l) => new ServerSocket(l.address));
  }

  /** Starts accepting connections (startServer does this unless told `startServing: false`). */
  _startServing(): void {
    if (this.serving || this.listeners === null) return;
    this.serving = true;
    for (const listener of this.listeners) listener.startAccepting();
  }

  /** Starts accepting connections and yields once to the loop. */
  startServing(): Promise<void> {
    return coroutine(async (frame) => {
      this._startServing();
      await suspend(frame, sleep(0));
    });
  }

  /** Stops listening: new connections are refused. Open connections are left alone. */
  close(): void {
    const listeners = this.listeners;
    if (listeners === null) return;
    this.listeners = null;
    for (const listener of listeners) listener.close();
    this.serving = false;
    if (this.servingForeverFut !== null && !this.servingForeverFut.done()) this.servingForeverFut.cancel();
    this.servingForeverFut = null;
    if (this.activeCount === 0) this.wakeup();
  }

  /** Waits until the server is closed and its connections are gone (see the class comment for 3.11's quirk). */
  waitClosed(): Promise<void> {
    return coroutine(async (frame) => {
      if (this.listeners === null || this.waiters === null) return;
      const waiter = new Future<unknown>(this.loop, "Server.waitClosed()");
      this.waiters.push(waiter);
      await suspend(frame, waiter);
    });
  }

  /**
   * Accepts connections until cancelled; then closes the server, waits for it,
   * and re-raises the CancelledError.
   */
  serveForever(): Promise<void> {
    return coroutine(async (frame) => {
      if (this.servingForeverFut !== null) {
        throw new RuntimeError(`server ${this} is already being awaited on serveForever()`);
      }
      if (this.listeners === null) throw new RuntimeError(`server ${this} is closed`);
      this._startServing();
      const fut = new Future<unknown>(this.loop, "Server.serveForever()");
      this.servingForeverFut = fut;
      try {
        await suspend(frame, fut);
      } catch (err) {
        if (err instanceof CancelledError) {
          this.close();
          try {
            await suspend(frame, this.waitClosed());
          } catch {
            // Python's `finally: raise`: the CancelledError is what escapes.
          }
        }
        throw err;
      } finally {
        this.servingForeverFut = null;
      }
    });
  }

  toString(): string {
    if (this.listeners === null) return `<Server [closed, connections:${this.activeCount}]>`;
    const where = this.addresses.map(addressText).join(", ");
    return `<Server [${this.serving ? "serving" : "not serving"}, ${where}, connections:${this.activeCount}]>`;
  }
}
