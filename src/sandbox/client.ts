/**
 * The browser host for sandboxed runs. Every run gets a fresh module worker, terminated when the
 * run ends; one spare worker is kept loaded so a run starts without waiting for the runtime and
 * compiler to download and compile.
 *
 * The host talks to a worker only through a private MessagePort it hands over when the worker
 * starts, checks every message's shape before using it, and ends a run that falls silent, that
 * runs past the total limit, or that the learner stops. Output streamed before such an end is
 * kept in the result.
 */
import {
  HOST_SILENCE_MESSAGE,
  HOST_SILENCE_MS,
  OUTPUT_KEEP_CHARS,
  OUTPUT_KEEP_LINES,
  OUT_OF_MEMORY_MESSAGE,
  PROGRAM_WATCHDOG_MS,
  RUN_LIMIT_MESSAGE,
  RUN_LIMIT_MS,
  STOPPED_MESSAGE,
} from "./limits.ts";
import type { HostMessage, OutputLine, RunError, RunOptions, RunResult } from "./protocol.ts";
import { validMessage } from "./validate.ts";

/** How long a run may stay silent (neither output nor "alive" nor "done") before its worker is ended. */
export const WATCHDOG_MS = HOST_SILENCE_MS;

/** The message of a run the host ended because it fell silent. */
export const WATCHDOG_MESSAGE = HOST_SILENCE_MESSAGE;

export interface RunHandlers {
  /** Lines a run reports as it prints them, before it ends. */
  onLines?: (lines: OutputLine[]) => void;
  /** Aborting it stops the run: the worker is ended and the result says the run was stopped. */
  signal?: AbortSignal;
}

interface Connection {
  worker: Worker;
  port: MessagePort;
}

/** Creates a worker, hands it its private port, and resolves once its runtime has loaded. */
function startWorker(): Promise<Connection> {
  const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "awaitable-sandbox" });
  const channel = new MessageChannel();
  worker.postMessage({ type: "connect" }, [channel.port2]);
  const port = channel.port1;
  return new Promise((resolve, reject) => {
    const onMessage = (event: MessageEvent) => {
      if (validMessage(event.data, null)?.type !== "ready") return;
      cleanup();
      resolve({ worker, port });
    };
    const onError = (event: ErrorEvent) => {
      cleanup();
      worker.terminate();
      reject(new Error(`the sandbox worker failed to load: ${event.message || "unknown error"}`));
    };
    const cleanup = () => {
      port.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
    };
    port.addEventListener("message", onMessage);
    port.start();
    worker.addEventListener("error", onError);
  });
}

/** A result made on the host side, for runs that never produced one; it keeps what was printed. */
function hostFailure(kind: RunError["kind"], name: string, message: string, lines: OutputLine[], wallMs: number, omitted = 0): RunResult {
  return {
    lines,
    ...(omitted > 0 && { omittedLines: omitted }),
    error: { kind, name, message, line: null, column: null },
    trace: [],
    stats: { steps: 0, virtualTime: 0, wallMs },
  };
}

/**
 * The lines of one run as they arrive. Past the keep limit only a count is kept, so a flood of
 * output cannot fill the page's memory.
 */
class Received {
  readonly lines: OutputLine[] = [];
  chars = 0;
  omitted = 0;

  add(lines: OutputLine[]): OutputLine[] {
    const kept: OutputLine[] = [];
    for (const line of lines) {
      if (this.chars + line.text.length > OUTPUT_KEEP_CHARS || this.lines.length >= OUTPUT_KEEP_LINES) {
        this.omitted++;
        continue;
      }
      this.chars += line.text.length + 1;
      this.lines.push(line);
      kept.push(line);
    }
    return kept;
  }
}

export class Sandbox {
  #spare: Promise<Connection> | null = null;
  #nextId = 1;

  /** Starts loading a spare worker if none is loading or loaded. Safe to call often. */
  warm(): void {
    if (this.#spare) return;
    const spare = startWorker();
    // A failed spare is forgotten so the next warm() or run() tries again.
    spare.catch(() => {
      if (this.#spare === spare) this.#spare = null;
    });
    this.#spare = spare;
  }

  /** Resolves when a spare worker has loaded; rejects if it failed to. */
  async ready(): Promise<void> {
    this.warm();
    await this.#spare;
  }

  /** Runs `source` in a fresh worker. Never rejects: failures come back as `result.error`. */
  async run(source: string, options: RunOptions = {}, handlers: RunHandlers = {}): Promise<RunResult> {
    this.warm();
    const pending = this.#spare!;
    this.#spare = null;
    let connection: Connection;
    try {
      connection = await pending;
    } catch (error) {
      return hostFailure("runtime", "SandboxError", (error as Error).message, [], 0);
    }
    this.warm();
    try {
      return await this.#runIn(connection, source, options, handlers);
    } finally {
      connection.port.close();
      connection.worker.terminate();
    }
  }

  #runIn({ worker, port }: Connection, source: string, options: RunOptions, handlers: RunHandlers): Promise<RunResult> {
    const id = this.#nextId++;
    const started = performance.now();
    const received = new Received();
    const elapsed = () => performance.now() - started;
    return new Promise((resolve) => {
      let silence = setTimeout(onSilence, HOST_SILENCE_MS);
      const total = setTimeout(() => end("watchdog", "TimeLimitError", RUN_LIMIT_MESSAGE), RUN_LIMIT_MS);
      function onSilence() {
        // A worker that died of an out-of-memory error goes silent too; its error event, if
        // the browser sends one, arrives first and is handled below.
        end("watchdog", "WatchdogError", HOST_SILENCE_MESSAGE);
      }
      function end(kind: RunError["kind"], name: string, message: string) {
        finish(hostFailure(kind, name, message, received.lines, elapsed(), received.omitted));
      }
      function finish(result: RunResult) {
        clearTimeout(silence);
        clearTimeout(total);
        port.removeEventListener("message", onMessage);
        worker.removeEventListener("error", onError);
        handlers.signal?.removeEventListener("abort", onAbort);
        resolve(result);
      }
      function onMessage(event: MessageEvent) {
        const message = validMessage(event.data, id);
        if (message === null) {
          end("runtime", "SandboxError", "the sandbox sent a message that is not part of the protocol; the run was ended.");
          return;
        }
        clearTimeout(silence);
        if (message.type === "done") {
          received.add(message.result.lines);
          finish({ ...message.result, lines: received.lines, ...(received.omitted > 0 && { omittedLines: received.omitted }) });
          return;
        }
        if (message.type === "alive") {
          const kept = received.add(message.lines);
          if (kept.length > 0) handlers.onLines?.(kept);
        }
        silence = setTimeout(onSilence, HOST_SILENCE_MS);
      }
      function onError(event: ErrorEvent) {
        event.preventDefault();
        if (/out of memory|allocation failed|heap/i.test(event.message ?? "")) {
          end("memory", "MemoryError", OUT_OF_MEMORY_MESSAGE);
          return;
        }
        end("runtime", "SandboxError", `the sandbox crashed: ${event.message}`);
      }
      function onAbort() {
        end("stopped", "Stopped", STOPPED_MESSAGE);
      }
      if (handlers.signal?.aborted) {
        onAbort();
        return;
      }
      handlers.signal?.addEventListener("abort", onAbort);
      port.addEventListener("message", onMessage);
      worker.addEventListener("error", onError);
      const message: HostMessage = { type: "run", id, source, options: { watchdogMs: PROGRAM_WATCHDOG_MS, ...runOptions(options) } };
      port.postMessage(message);
    });
  }
}

/** The options a worker can receive: data only, no callbacks. */
function runOptions(options: RunOptions): HostMessage["options"] {
  const { onAlive: _a, onPrint: _p, beforeEval: _b, ...rest } = options;
  return rest;
}

/** The page's one sandbox host, shared by every widget on the page. */
export const sandbox = new Sandbox();
