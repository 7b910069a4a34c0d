import { ctx } from "./context.ts";
import { ConnectionRefusedError, GaiError, OSError } from "./errors.ts";
import type { EventLoop } from "./event-loop.ts";
import { Future } from "./future.ts";
import { addressText, LATENCY, pythonAddress, Transport, type Address, type Protocol } from "./transport.ts";
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

/** How long resolving a name the virtual network does not know takes to fail, in seconds. */
export const DNS_FAILURE_DELAY = 0.005;
const FIRST_EPHEMERAL_PORT = 50000;
const ANY_HOST = "0.0.0.0";

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
