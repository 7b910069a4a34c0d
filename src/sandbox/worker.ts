/// <reference lib="webworker" />
/**
 * The sandbox side of the protocol in `protocol.ts`, run as a module Web Worker. One worker
 * serves one run: the host terminates it afterwards, so nothing a program leaves behind
 * (globals, pending callbacks) can reach the next run.
 *
 * The host hands over a private MessagePort first; every message goes through it, by a send
 * function bound before any learner code runs. The realm is then locked down (no network, no
 * storage, no workers, no code from strings), so a program can neither reach out nor post
 * messages of its own.
 */
import { gradeRun } from "../practice/grade.ts";
import { loadPredicate } from "./predicates.ts";
import { ctx } from "../runtime/context.ts";
import { virtualizeGlobalTimers } from "./global-timers.ts";
import { FLUSH_MS, LINE_SEND_CHARS, TRACE_EVENTS_SENT } from "./limits.ts";
import { lockDown, sealMethods } from "./lockdown.ts";
import { runProgram } from "./program.ts";
import type { HostMessage, OutputLine, RunResult, SandboxMessage } from "./protocol.ts";
import { describeThrown } from "./thrown.ts";

declare const self: DedicatedWorkerGlobalScope;

const wallNow = performance.now.bind(performance);
const later = setTimeout.bind(globalThis);

/** Rejections nobody handled that arrive after a run's own listener is gone. */
let lateRejections: unknown[] | null = null;
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  lateRejections?.push(event.reason);
});

/** The private port the host hands over first, and a send function bound to it. */
const connected = new Promise<{ port: MessagePort; post: (message: SandboxMessage) => void }>((resolve) => {
  const onConnect = (event: MessageEvent) => {
    const port = event.ports[0];
    if (!port || (event.data as { type?: unknown })?.type !== "connect") return;
    self.removeEventListener("message", onConnect);
    resolve({ port, post: MessagePort.prototype.postMessage.bind(port) as (message: SandboxMessage) => void });
  };
  self.addEventListener("message", onConnect);
});

/** Lines as sent to the page: one huge line would cost the page's main thread seconds to take in. */
function sendable(lines: OutputLine[]): OutputLine[] {
  if (!lines.some((line) => line.text.length > LINE_SEND_CHARS)) return lines;
  return lines.map((line) =>
    line.text.length <= LINE_SEND_CHARS
      ? line
      : { ...line, text: `${line.text.slice(0, LINE_SEND_CHARS)} … (${line.text.length - LINE_SEND_CHARS} more characters not kept)` },
  );
}

async function onRun(message: HostMessage, post: (message: SandboxMessage) => void, allowOneEval: () => void): Promise<void> {
  if (message?.type !== "run") return;
  const { id } = message;
  let lastFlush = 0;
  let sent = 0;
  // "alive" goes out on every progress report, with or without lines: it is what keeps the
  // host's watchdog quiet while a program that yields runs on.
  const send = (lines: OutputLine[], always: boolean): void => {
    lastFlush = wallNow();
    sent += lines.length;
    if (lines.length > 0 || always) post({ type: "alive", id, lines: sendable(lines) });
  };
  try {
    // The program's own watchdog trips first, so the report can name the looping line;
    // the host's is the backstop for what it cannot interrupt.
    const result = await runProgram(message.source, {
      ...message.options,
      onAlive: ({ lines }) => send(lines, true),
      // A line goes out at once after a quiet spell, so output printed just before a hang
      // reaches the page; during a flood, lines go out in batches.
      onPrint: (take) => {
        if (wallNow() - lastFlush >= FLUSH_MS) send(take(), false);
      },
      beforeEval: allowOneEval,
    });
    lateRejections = [];
    // A rejection nobody handled is reported by the engine after the microtasks of the turn
    // that made it: give it one macrotask to arrive.
    await new Promise((resolve) => later(resolve, 0));
    if (result.error === null && lateRejections.length > 0) {
      const { name, message: text } = describeThrown(lateRejections[0]);
      result.error = { kind: "runtime", name, message: `${text} (a promise was rejected and nothing handled it)`, line: null, column: null };
    }
    // An exercise's checks are graded here, on the run's result and whole trace, never on the page.
    const checks = message.options?.checks;
    if (checks) result.checks = await gradeRun(message.source, checks, result, loadPredicate);
    // Lines already streamed during the run are not sent twice.
    // A page cannot show more of a trace than this, and a longer one only costs it time to receive.
    const trace = result.trace.length > TRACE_EVENTS_SENT ? result.trace.slice(0, TRACE_EVENTS_SENT) : result.trace;
    post({ type: "done", id, result: { ...result, lines: sendable(result.lines.slice(sent)), trace } });
  } catch (error) {
    post({ type: "done", id, result: crashResult(error) });
  }
}

/** A result for the case runProgram itself throws, which it is not meant to do. */
function crashResult(error: unknown): RunResult {
  const { message } = describeThrown(error);
  return {
    lines: [],
    error: { kind: "runtime", name: "SandboxError", message: `the sandbox failed: ${message}`, line: null, column: null },
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
sealMethods(ctx);
const lockdown = lockDown();
virtualizeGlobalTimers();
const { port, post } = await connected;
port.addEventListener("message", (event: MessageEvent<HostMessage>) => void onRun(event.data, post, lockdown.allowOneEval));
port.start();
post({ type: "ready" });
