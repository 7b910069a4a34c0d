/**
 * The browser host for sandboxed runs. Every run gets a fresh module worker, terminated when the
 * run ends; one spare worker is kept loaded so a run starts without waiting for the runtime and
 * compiler to download and compile.
 */
import type { HostMessage, OutputLine, RunOptions, RunResult, SandboxMessage } from "./protocol.ts";

/** How long a run may stay silent (neither "alive" nor "done") before its worker is ended. */
export const WATCHDOG_MS = 2000;

export const WATCHDOG_MESSAGE =
  "Stopped after 2 s: the program never gave control back to the event loop. " +
  "Look for a loop that never awaits, such as `while (true) {}`.";

export interface RunHandlers {
  /** Lines a long run reports before it ends. */
  onLines?: (lines: OutputLine[]) => void;
}

/** Creates a worker and resolves once its runtime has loaded. */
function startWorker(): Promise<Worker> {
  const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "awaitable-sandbox" });
  return new Promise((resolve, reject) => {
    const onMessage = (event: MessageEvent<SandboxMessage>) => {
      if (event.data.type !== "ready") return;
      cleanup();
      resolve(worker);
    };
    const onError = (event: ErrorEvent) => {
      cleanup();
      worker.terminate();
      reject(new Error(`the sandbox worker failed to load: ${event.message || "unknown error"}`));
    };
    const cleanup = () => {
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
    };
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
  });
}

/** A result made on the host side, for runs that never produced one. */
function hostFailure(name: string, message: string, kind: "watchdog" | "runtime", wallMs: number): RunResult {
  return {
    lines: [],
    error: { kind, name, message, line: null, column: null },
    trace: [],
    stats: { steps: 0, virtualTime: 0, wallMs },
  };
}

export class Sandbox {
  #spare: Promise<Worker> | null = null;
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
    let worker: Worker;
    try {
      worker = await pending;
    } catch (error) {
      return hostFailure("SandboxError", (error as Error).message, "runtime", 0);
    }
    this.warm();
    try {
      return await this.#runIn(worker, source, options, handlers);
    } finally {
      worker.terminate();
    }
  }

  #runIn(worker: Worker, source: string, options: RunOptions, handlers: RunHandlers): Promise<RunResult> {
    const id = this.#nextId++;
    const started = performance.now();
    return new Promise((resolve) => {
      let watchdog = setTimeout(stop, WATCHDOG_MS);
      function stop() {
        finish(hostFailure("WatchdogError", WATCHDOG_MESSAGE, "watchdog", performance.now() - started));
      }
      function finish(result: RunResult) {
        clearTimeout(watchdog);
        worker.removeEventListener("message", onMessage);
        worker.removeEventListener("error", onError);
        resolve(result);
      }
      function onMessage(event: MessageEvent<SandboxMessage>) {
        const message = event.data;
        if (message.type === "ready" || message.id !== id) return;
        clearTimeout(watchdog);
        if (message.type === "done") {
          finish(message.result);
          return;
        }
        if (message.lines.length > 0) handlers.onLines?.(message.lines);
        watchdog = setTimeout(stop, WATCHDOG_MS);
      }
      function onError(event: ErrorEvent) {
        event.preventDefault();
        finish(hostFailure("SandboxError", `the sandbox crashed: ${event.message}`, "runtime", performance.now() - started));
      }
      worker.addEventListener("message", onMessage);
      worker.addEventListener("error", onError);
      const message: HostMessage = { type: "run", id, source, options };
      worker.postMessage(message);
    });
  }
}

/** The page's one sandbox host, shared by every widget on the page. */
export const sandbox = new Sandbox();
