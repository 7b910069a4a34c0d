/// <reference lib="webworker" />
/**
 * The sandbox side of the protocol in `protocol.ts`, run as a module Web Worker. One worker
 * serves one run: the host terminates it afterwards, so nothing a program leaves behind
 * (globals, pending callbacks) can reach the next run.
 */
import { gradeRun } from "../practice/grade.ts";
import { loadPredicate } from "./predicates.ts";
import { runProgram } from "./program.ts";
import type { HostMessage, RunResult, SandboxMessage } from "./protocol.ts";

declare const self: DedicatedWorkerGlobalScope;

function post(message: SandboxMessage): void {
  self.postMessage(message);
}

self.addEventListener("message", async (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (message.type !== "run") return;
  // runProgram calls onAlive every few hundred milliseconds while a long run makes progress; a
  // program stuck in synchronous code falls silent and the host's watchdog ends it.
  const onAlive = ({ lines }: Pick<RunResult, "lines">) => post({ type: "alive", id: message.id, lines });
  try {
    // The program's own watchdog trips first, so the report can name the looping line;
    // the host's, at 2 s of silence, is the backstop for what it cannot interrupt.
    const result = await runProgram(message.source, { watchdogMs: 1500, ...message.options, onAlive });
    // An exercise's checks are graded here, on the run's result and trace, never on the page.
    const checks = message.options?.checks;
    if (checks) result.checks = await gradeRun(message.source, checks, result, loadPredicate);
    post({ type: "done", id: message.id, result });
  } catch (error) {
    post({ type: "done", id: message.id, result: crashResult(error) });
  }
});

/** A result for the case runProgram itself throws, which it is not meant to do. */
function crashResult(error: unknown): RunResult {
  const err = error instanceof Error ? error : new Error(String(error));
  return {
    lines: [],
    error: {
      kind: "runtime",
      name: err.name || "Error",
      message: `the sandbox failed: ${err.message}`,
      line: null,
      column: null,
    },
    trace: [],
    stats: { steps: 0, virtualTime: 0, wallMs: 0 },
  };
}

/**
 * A spare worker waits for its run with nothing to do, so it first runs this small program of
 * its own: the compiler and the runtime are then compiled by the JavaScript engine before the
 * learner's program arrives. Its world is thrown away; the learner's run starts a new one.
 */
const WARM_UP = `import * as asyncio from "asyncio";
async function work(n: number): Promise<number> {
  try { await asyncio.sleep(n / 10); } finally { console.log("done", n); }
  return n;
}
async function main() {
  const task = asyncio.createTask(() => work(1), { name: "warm" });
  const values = await asyncio.gather(work(2), work(3));
  console.log(values.join(","), await task, String(task));
}
asyncio.run(main);
`;

await runProgram(WARM_UP, { filename: "warm-up.ts" }).catch(() => undefined);
post({ type: "ready" });
