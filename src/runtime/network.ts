import { ctx } from "./context.ts";
import { ConnectionRefusedError, ConnectionResetError, GaiError, RuntimeError } from "./errors.ts";
import type { EventLoop } from "./event-loop.ts";
import { Future } from "./future.ts";
import type { TimerHandle } from "./handle.ts";
import type { World } from "./world.ts";

/**
 * An in-memory TCP network on the virtual clock. Every segment (data, EOF,
 * reset, window update) takes LATENCY virtual seconds one way, delivered by a
 * loop timer, so the loop never sees in-flight I/O as a deadlock.
 *
 * The model, kept small on purpose:
 * - Every address is one hop away: "localhost" is 127.0.0.1; any IPv4 or IPv6
 *   literal is reachable; any other name fails to resolve (socket.gaierror).
 * - Connecting takes one round trip (SYN there, SYN-ACK back): 2 ms. The
 *   listener's side is accepted when the SYN arrives, 1 ms in.
 * - There are no kernel socket buffers: bytes count against the writer's buffer
 *   until the peer's program reads them (the reader's window update travels back
 *   with the latency too). So `drain()` paces a writer to its reader; real TCP
 *   would first absorb a few hundred KiB more.
 * - Ephemeral ports are counted from 50000, so runs are repeatable (Linux picks
 *   them at random from 32768-60999).
 */

/** One-way delay of every segment on the virtual network, in seconds (1 ms, like a loopback hop). */
export const LATENCY = 0.001;
/** How long resolving a name the virtual network does not know takes to fail, in seconds. */
export const DNS_FAILURE_DELAY = 0.005;
/** A writer whose buffer grows past this many bytes is paused (asyncio's default high-water mark). */
export const HIGH_WATER = 64 * 1024;
/** A paused writer resumes once its buffer is down to this many bytes (asyncio: high // 4). */
export const LOW_WATER = HIGH_WATER / 4;
const FIRST_EPHEMERAL_PORT = 50000;
const ANY_HOST = "0.0.0.0";

/** A host and port, as Python's socket addresses: `["127.0.0.1", 8888]`. */
export type Address = readonly [host: string, port: number];

/** `127.0.0.1:8888` */
export function addressText(address: Address): string {
  return `${address[0]}:${address[1]}`;
}

/** `('127.0.0.1', 8888)`, as Python prints an address in error messages. */
export function pythonAddress(address: Address): string {
  return `('${address[0]}', ${address[1]})`;
}

/** Python's OSError, for the socket errors that have no class of their own (address in use). */
export class OSError extends Error {
  override name = "OSError";
  readonly errno: number;
  constructor(errno: number, message: string) {
    super(`[Errno ${errno}] ${message}`);
    this.errno = errno;
  }
}

/** What a connection reports to, as asyncio.Protocol (the streams implement it). */
export interface Protocol {
  connectionMade(transport: Transport): void;
  dataReceived(data: Uint8Array): void;
  /** A true result keeps the connection half-open; otherwise the transport closes itself. */
  eofReceived(): boolean;
  /** `exc` is null after a close, the error after a reset. */
  connectionLost(exc: Error | null): void;
  pauseWriting(): void;
  resumeWriting(): void;
}

type Segment =
  | { kind: "syn-ack" }
  | { kind: "data"; bytes: Uint8Array }
  | { kind: "window"; bytes: number }
  | { kind: "fin" }
  | { kind: "rst" };

/**
 * One direction of a connection. Segments arrive in the order they were sent:
 * one timer at a time, for the oldest segment (the timer heap alone would not
 * keep equal deadlines in order).
 */
class Pipe {
  private readonly queue: Array<{ at: number; segment: Segment }> = [];
  private timer: TimerHandle | null = null;
  private readonly loop: EventLoop;
  private readonly label: string;
  private readonly receive: (segment: Segment) => void;

  constructor(loop: EventLoop, label: string, receive: (segment: Segment) => void) {
    this.loop = loop;
    this.label = label;
    this.receive = receive;
  }

  send(segment: Segment): void {
    this.queue.push({ at: this.loop.time() + LATENCY, segment });
    if (this.timer === null) this.schedule();
  }

  private schedule(): void {
    this.timer = this.loop._callAtLabelled(this.queue[0]!.at, this.label, this.deliver);
  }

  private readonly deliver = (): void => {
    this.timer = null;
    const due = this.loop.time() + 1e-9;
    while (this.queue.length > 0 && this.queue[0]!.at < due) this.receive(this.queue.shift()!.segment);
    if (this.queue.length > 0) this.schedule();
  };
}

/**
 * One end of a connection, as asyncio's socket transport: `write()` never
 * blocks; the protocol is paused above the high-water mark and resumed at the
 * low-water mark.
 */
export class Transport {
  readonly loop: EventLoop;
  /** This end's address (Python's `sockname`). */
  readonly sockname: Address;
  /** The other end's address (Python's `peername`). */
  readonly peername: Address;
  /** Called once the connection is lost, after the protocol heard of it (a server counts its connections so). */
  onLost: (() => void) | null = null;
  /** Set on a connecting client's end: what to do when the listener's answer (SYN-ACK) arrives. */
  onSynAck: (() => void) | null = null;
  private protocol: Protocol | null = null;
  /** Segments that arrived before a protocol was attached (a connection still in the listen backlog). */
  private readonly early: Segment[] = [];
  private pipe: Pipe | null = null;
  private closing = false;
  private lost = false;
  private eofWritten = false;
  private eofReceived = false;
  private resetSent = false;
  /** Bytes written that the peer's program has not read yet, as far as this end has heard. */
  private unread = 0;
  private protocolPaused = false;
  private highWater = HIGH_WATER;
  private lowWater = LOW_WATER;

  constructor(loop: EventLoop, sockname: Address, peername: Address) {
    this.loop = loop;
    this.sockname = sockname;
    this.peername = peername;
  }

  /** Wires two ends together. */
  static pair(loop: EventLoop, a: Transport, b: Transport): void {
    a.pipe = new Pipe(loop, `network ${addressText(a.sockname)} → ${addressText(b.sockname)}`, (s) => b.receive(s));
    b.pipe = new Pipe(loop, `network ${addressText(b.sockname)} → ${addressText(a.sockname)}`, (s) => a.receive(s));
  }

  /** The listener's end answers the handshake (its kernel does, whether or not the server accepts yet). */
  answerHandshake(): void {
    this.pipe!.send({ kind: "syn-ack" });
  }

  /** Hands the connection to its protocol, then whatever arrived while nobody listened. */
  attach(protocol: Protocol): void {
    this.protocol = protocol;
    protocol.connectionMade(this);
    for (const segment of this.early.splice(0)) this.receive(segment);
  }

  /** Sends `data` to the peer; it arrives LATENCY seconds later. Writes after close() are dropped, as asyncio does. */
  write(data: Uint8Array): void {
    if (this.eofWritten && !this.closing) throw new RuntimeError("Cannot call write() after write_eof()");
    if (data.length === 0 || this.closing) return;
    this.pipe!.send({ kind: "data", bytes: data.slice() });
    this.unread += data.length;
    this.loop.world.recorder.event("io", ctx.cur, `send ${data.length} bytes ${addressText(this.sockname)} → ${addressText(this.peername)}`);
    if (this.unread > this.highWater && !this.protocolPaused) {
      this.protocolPaused = true;
      this.protocol?.pauseWriting();
    }
  }

  /** Half-closes: the peer reads EOF after what was written; this end can still read. */
  writeEof(): void {
    if (this.closing || this.eofWritten) return;
    this.eofWritten = true;
    this.pipe!.send({ kind: "fin" });
  }

  canWriteEof(): boolean {
    return true;
  }

  /** Closes this end: the peer reads EOF; the protocol hears `connectionLost(null)` on the loop's next turn. */
  close(): void {
    if (this.closing) return;
    this.writeEof();
    this.closing = true;
    this.loop._callSoonInternal(this.callConnectionLost, null);
  }

  /** Closes at once with a reset: the peer's reads fail with ConnectionResetError. */
  abort(): void {
    if (this.closing) return;
    this.closing = true;
    this.resetSent = true;
    this.pipe!.send({ kind: "rst" });
    this.loop._callSoonInternal(this.callConnectionLost, null);
  }

  isClosing(): boolean {
    return this.closing;
  }

  /** Bytes written that the peer has not read yet. */
  getWriteBufferSize(): number {
    return this.unread;
  }

  /** asyncio's `set_write_buffer_limits`: the low-water mark defaults to a quarter of the high one. */
  setWriteBufferLimits(high = HIGH_WATER, low = Math.floor(high / 4)): void {
    if (!(high >= low && low >= 0)) throw new RangeError(`high (${high}) must be >= low (${low}) must be >= 0`);
    this.highWater = high;
    this.lowWater = low;
  }

  /**
   * Tells the peer that this end's program read `n` bytes (TCP's window update);
   * the peer's writer learns it LATENCY seconds later.
   */
  consumed(n: number): void {
    if (n > 0 && !this.closing) this.pipe!.send({ kind: "window", bytes: n });
  }

  /** "peername", "sockname"; anything else gives `fallback`. */
  getExtraInfo(name: string, fallback: unknown = null): unknown {
    if (name === "peername") return [...this.peername];
    if (name === "sockname") return [...this.sockname];
    return fallback;
  }

  private receive(segment: Segment): void {
    if (segment.kind === "syn-ack") {
      this.onSynAck?.();
      return;
    }
    if (this.protocol === null && !this.closing) {
      this.early.push(segment);
      return;
    }
    switch (segment.kind) {
      case "data":
        // Data for a closed socket: the kernel answers with a reset.
        if (this.closing) {
          if (!this.resetSent) this.pipe!.send({ kind: "rst" });
          this.resetSent = true;
          return;
        }
        this.protocol!.dataReceived(segment.bytes);
        return;
      case "window":
        this.unread -= segment.bytes;
        if (this.protocolPaused && this.unread <= this.lowWater && !this.lost) {
          this.protocolPaused = false;
          this.protocol?.resumeWriting();
        }
        return;
      case "fin":
        if (this.closing || this.eofReceived) return;
        this.eofReceived = true;
        this.loop.world.recorder.event("io", null, `EOF ${addressText(this.peername)} → ${addressText(this.sockname)}`);
        if (!this.protocol!.eofReceived()) this.close();
        return;
      case "rst":
        if (this.closing) return;
        this.closing = true;
        this.loop.world.recorder.event("io", null, `reset ${addressText(this.peername)} → ${addressText(this.sockname)}`);
        this.loop._callSoonInternal(this.callConnectionLost, new ConnectionResetError("[Errno 104] Connection reset by peer"));
        return;
    }
  }

  private readonly callConnectionLost = (exc: Error | null): void => {
    if (this.lost) return;
    this.lost = true;
    try {
      this.protocol?.connectionLost(exc);
    } finally {
      this.onLost?.();
    }
  };

  toString(): string {
    const state = this.lost ? "closed" : this.closing ? "closing" : this.eofWritten ? "eof written" : "open";
    const buffered = this.unread > 0 ? `, buffered=${this.unread}` : "";
    return `<Transport ${addressText(this.sockname)} → ${addressText(this.peername)} [${state}${buffered}]>`;
  }
}

/** What a listener does with the connections it accepts. */
export interface ListenerHandlers {
  /** Makes the protocol for a new connection (the server counts it as active). */
  accept(transport: Transport): Protocol;
  /** A connection accepted by `accept` was lost. */
  detach(): void;
}

/** A listening socket: connections arriving while it does not accept wait in its backlog. */
export class Listener {
  readonly address: Address;
  private readonly network: Network;
  private readonly handlers: ListenerHandlers;
  private readonly backlog: Transport[] = [];
  private accepting = false;
  private closed = false;

  constructor(network: Network, address: Address, handlers: ListenerHandlers) {
    this.network = network;
    this.address = address;
    this.handlers = handlers;
  }

  /** Starts accepting, the backlog first. */
  startAccepting(): void {
    if (this.closed) return;
    this.accepting = true;
    for (const transport of this.backlog.splice(0)) this.accept(transport);
  }

  /** A connection completed the handshake. */
  enqueue(transport: Transport): void {
    if (this.accepting) this.accept(transport);
    else this.backlog.push(transport);
  }

  /** Stops listening; connections still in the backlog are reset. Accepted connections stay open. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.accepting = false;
    this.network._unlisten(this);
    for (const transport of this.backlog.splice(0)) transport.abort();
  }

  isClosed(): boolean {
    return this.closed;
  }

  private accept(transport: Transport): void {
    transport.loop.world.recorder.event("io", null, `accept ${addressText(transport.peername)} → ${addressText(this.address)}`);
    transport.onLost = () => this.handlers.detach();
    transport.attach(this.handlers.accept(transport));
  }

  toString(): string {
    return `<Listener ${addressText(this.address)} [${this.closed ? "closed" : this.accepting ? "accepting" : "backlog"}]>`;
  }
}

/** The network of one program: its listeners and port counter. Use `networkOf(world)`. */
export class Network {
  private readonly listeners = new Map<string, Listener>();
  private nextPort = FIRST_EPHEMERAL_PORT;

  /** The address a host name stands for, or null if the virtual DNS does not know it. */
  resolve(host: string): string | null {
    if (host === "localhost") return "127.0.0.1";
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host;
    if (host.includes(":") && /^[0-9a-f:.]+$/i.test(host)) return host;
    return null;
  }

  /**
   * Listens on `host` and `port` (null or "0.0.0.0": every address; port 0:
   * an ephemeral port). Throws OSError if the address is taken, gaierror if
   * the host is unknown.
   */
  listen(host: string | null, port: number, handlers: ListenerHandlers): Listener {
    checkPort(port);
    const ip = host === null || host === "" ? ANY_HOST : this.resolve(host);
    if (ip === null) throw new GaiError("[Errno -2] Name or service not known");
    const bound = port === 0 ? this.ephemeralPort() : port;
    const key = addressText([ip, bound]);
    const clash = this.listeners.has(key) || (ip === ANY_HOST ? [...this.listeners.values()].some((l) => l.address[1] === bound) : this.listeners.has(addressText([ANY_HOST, bound])));
    if (clash) {
      throw new OSError(98, `error while attempting to bind on address ${pythonAddress([ip, bound])}: address already in use`);
    }
    const listener = new Listener(this, [ip, bound], handlers);
    this.listeners.set(key, listener);
    return listener;
  }

  /** Called by a listener that closes. */
  _unlisten(listener: Listener): void {
    const key = addressText(listener.address);
    if (this.listeners.get(key) === listener) this.listeners.delete(key);
  }

  /**
   * Opens a connection to `host`:`port`. The future resolves to this end's
   * transport (handed to `protocolFactory()`'s protocol) after one round trip,
   * or fails with ConnectionRefusedError if nobody listens there, or gaierror
   * if the name is unknown. Cancelling it abandons the attempt (a listener that
   * already accepted sees a reset).
   */
  connect(loop: EventLoop, host: string, port: number, protocolFactory: () => Protocol): Future<Transport> {
    if (typeof host !== "string") throw new TypeError(`host must be a string, got ${typeof host}`);
    checkPort(port);
    const ip = this.resolve(host);
    const future = new Future<Transport>(loop, `connect(${host}:${port})`);
    const fail = (error: Error): void => {
      if (!future.done()) future.setException(error);
    };
    if (ip === null) {
      loop._callAtLabelled(loop.time() + DNS_FAILURE_DELAY, `getaddrinfo(${host})`, fail, new GaiError("[Errno -2] Name or service not known"));
      return future;
    }
    loop.world.recorder.event("io", ctx.cur, `connect → ${ip}:${port}`);
    const arrive = (): void => {
      if (future.done()) return;
      const listener = this.listeners.get(addressText([ip, port])) ?? this.listeners.get(addressText([ANY_HOST, port]));
      if (listener === undefined) {
        loop._callAtLabelled(loop.time() + LATENCY, `refused ${ip}:${port}`, fail, new ConnectionRefusedError(`[Errno 111] Connect call failed ${pythonAddress([ip, port])}`));
        return;
      }
      const client = new Transport(loop, [ip, this.ephemeralPort()], [ip, port]);
      const server = new Transport(loop, [ip, port], client.sockname);
      Transport.pair(loop, client, server);
      client.onSynAck = () => {
        if (future.done()) {
          client.abort();
          return;
        }
        client.attach(protocolFactory());
        future.setResult(client);
      };
      listener.enqueue(server);
      server.answerHandshake();
    };
    loop._callAtLabelled(loop.time() + LATENCY, `connect ${ip}:${port}`, arrive);
    return future;
  }

  private ephemeralPort(): number {
    for (;;) {
      const port = this.nextPort++;
      if (this.nextPort > 60999) this.nextPort = FIRST_EPHEMERAL_PORT;
      if (![...this.listeners.values()].some((l) => l.address[1] === port)) return port;
    }
  }

  toString(): string {
    return `<Network [listeners: ${[...this.listeners.keys()].join(", ") || "none"}]>`;
  }
}

function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`port must be an integer from 0 to 65535, got ${String(port)}`);
  }
}

const networks = new WeakMap<World, Network>();

/** The virtual network of a program, made on first use: every run starts with no listeners. */
export function networkOf(world: World): Network {
  let network = networks.get(world);
  if (network === undefined) {
    network = new Network();
    networks.set(world, network);
  }
  return network;
}
