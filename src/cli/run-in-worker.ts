import { Worker } from "node:worker_threads";
import type { OutputLine, RunOptions, RunResult } from "../sandbox/protocol.ts";

/** How long after the program's own watchdog the host stops waiting and ends the worker. */
const GRACE_MS = 1500;

/**
 * Runs a program in a worker thread, so that even code the in-program watchdog
 * cannot interrupt is stopped: if the worker sends nothing for the watchdog
 * limit plus a grace period, it is terminated.
 */
export function runInWorker(
  source: string,
  options: RunOptions,
  onLines: (lines: OutputLine[]) => void = () => {},
): Promise<RunResult> {
  const watchdogMs = options.watchdogMs ?? 2000;
  const worker = new Worker(new URL("./worker.ts", import.meta.url), { workerData: { source, options } });
  return new Promise<RunResult>((resolve, reject) => {
    let timer: NodeJS.Timeout;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void worker.terminate();
        resolve({
          lines: [],
          error: {
            kind: "watchdog",
            name: "WatchdogError",
            message: `Stopped after ${((watchdogMs + GRACE_MS) / 1000).toFixed(1)} s without a response: the program never gave control back.`,
            line: null,
            column: null,
          },
          trace: [],
          stats: { steps: 0, virtualTime: 0, wallMs: watchdogMs + GRACE_MS },
        });
      }, watchdogMs + GRACE_MS);
    };
    arm();
    worker.on("message", (message: { type: "alive"; lines: OutputLine[] } | { type: "done"; result: RunResult }) => {
      if (message.type === "alive") {
        onLines(message.lines);
        arm();
        return;
      }
      clearTimeout(timer);
      void worker.terminate();
      resolve(message.result);
    });
    worker.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
