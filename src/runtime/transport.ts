import { ctx } from "./context.ts";
import { ConnectionResetError, RuntimeError } from "./errors.ts";
import type { EventLoop } from "./event-loop.ts";
import type { TimerHandle } from "./handle.ts";

/*
 * One TCP connection of the virtual network (see network.ts for the model):
 * two transports joined by two pipes, one per direction.
 */

/** One-way delay of every segment on the virtual network, in seconds (1 ms, like a loopback hop). */
export const LATENCY = 0.001;
/** A writer whose buffer grows past this many bytes is paused (asyncio's default high-water mark). */
export const HIGH_WATER = 64 * 1024;
/** A paused writer resumes once its buffer is down to this many bytes (asyncio: high // 4). */
export const LOW_WATER = HIGH_WATER / 4;


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

