import { fork } from "node:child_process";
import { realpathSync } from "node:fs";
import { dirname, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { MEMORY_LIMIT_MB, OUT_OF_MEMORY_MESSAGE } from "../sandbox/limits.ts";
import type { OutputLine, RunError, RunOptions, RunResult } from "../sandbox/protocol.ts";
import type { ChildMessage } from "./child.ts";

/** How long after the program's own watchdog the host stops waiting and ends the process. */
export const GRACE_MS = 1500;

/** The longest delay Node's timers accept (about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The folders the run's process may read: the project's sources (the runtime and compiler load
 * from there) and the compiler's parser packages, wherever the package manager put them.
 */
function readableFolders(): string[] {
  const root = realpathSync(fileURLToPath(new URL("../..", import.meta.url)));
  const packages = ["acorn", "@sveltejs/acorn-typescript"].map((name) => {
    const entry = realpathSync(fileURLToPath(import.meta.resolve(name)));
    const marker = `${sep}node_modules${sep}${name.replaceAll("/", sep)}${sep}`;
    const at = entry.lastIndexOf(marker);
    return at < 0 ? dirname(entry) : entry.slice(0, at + marker.length - 1);
  });
  return [root, ...packages];
}

function failure(kind: RunError["kind"], name: string, message: string, lines: OutputLine[], wallMs: number): RunResult {
  return { lines, error: { kind, name, message, line: null, column: null }, trace: [], stats: { steps: 0, virtualTime: 0, wallMs } };
}

/**
 * Runs a program in a child process under Node's permission model, so that even code the
 * in-program watchdog cannot interrupt is stopped (if the process sends nothing for the
 * watchdog limit plus a grace period, it is killed), a program that exhausts its heap ends only
 * its own process, and a program cannot read files, write them, or start processes. Lines
 * streamed while the program runs go to `onLines`; `result.lines` holds only the rest.
 */
export function runInChild(
  source: string,
  options: RunOptions,
  onLines: (lines: OutputLine[]) => void = () => {},
): Promise<RunResult> {
  const silenceMs = Math.min((options.watchdogMs ?? 2000) + GRACE_MS, MAX_TIMER_MS);
  const started = performance.now();
  const child = fork(fileURLToPath(new URL("./child.ts", import.meta.url)), [], {
    execArgv: [
      "--permission",
      ...readableFolders().map((folder) => `--allow-fs-read=${folder}`),
      `--max-old-space-size=${MEMORY_LIMIT_MB}`,
      "--no-warnings",
    ],
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    serialization: "advanced",
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => {
    if (stderr.length < 64 * 1024) stderr += chunk;
  });
  return new Promise<RunResult>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    let heapMB = 0;
    const settle = (result: RunResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      resolve(result);
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (heapMB > MEMORY_LIMIT_MB * 0.6) {
          settle(failure("memory", "MemoryError", `${OUT_OF_MEMORY_MESSAGE} (limit: ${MEMORY_LIMIT_MB} MB)`, [], performance.now() - started));
          return;
        }
        settle(
          failure(
            "watchdog",
            "WatchdogError",
            `Stopped after ${(silenceMs / 1000).toFixed(1)} s without a response: the program never gave control back.`,
            [],
            performance.now() - started,
          ),
        );
      }, silenceMs);
    };
    child.on("message", (message: ChildMessage) => {
      if (message.type === "ready") {
        const { onAlive: _a, onPrint: _p, beforeEval: _b, ...data } = options;
        child.send({ source, options: data });
        arm();
        return;
      }
      if (message.type === "lines") {
        heapMB = message.heapMB;
        onLines(message.lines);
        arm();
        return;
      }
      settle(message.result);
    });
    child.on("exit", (code, signal) => {
      if (settled) return;
      const wallMs = performance.now() - started;
      if (/heap out of memory|Allocation failed|ERR_WORKER_OUT_OF_MEMORY/i.test(stderr) || signal === "SIGABRT" || code === 134) {
        settle(failure("memory", "MemoryError", `${OUT_OF_MEMORY_MESSAGE} (limit: ${MEMORY_LIMIT_MB} MB)`, [], wallMs));
        return;
      }
      const detail = stderr.trim().split("\n").find((line) => line.trim() !== "") ?? `exit code ${code}, signal ${signal}`;
      settle(failure("runtime", "SandboxError", `the program's process ended unexpectedly: ${detail}`, [], wallMs));
    });
    child.on("error", (error) => {
      settle(failure("runtime", "SandboxError", `could not start the program's process: ${error.message}`, [], performance.now() - started));
    });
  });
}
