/**
 * The process one CLI run happens in. The parent starts it under Node's permission model (it may
 * read only the runtime's own files, and may not write files, start processes or threads) and
 * with a bounded heap, sends it one program over the IPC channel, and reads its output and result
 * back the same way. Before the program runs, the realm is locked down as the browser's worker is:
 * no `process`, no `require`, no network, no code from strings.
 */
import { getHeapStatistics } from "node:v8";
import { ctx } from "../runtime/context.ts";
import { virtualizeGlobalTimers } from "../sandbox/global-timers.ts";
import { FLUSH_MS } from "../sandbox/limits.ts";
import { lockDown, sealMethods } from "../sandbox/lockdown.ts";
import { runProgram } from "../sandbox/program.ts";
import type { OutputLine, RunOptions, RunResult } from "../sandbox/protocol.ts";
import { describeThrown } from "../sandbox/thrown.ts";

export type ChildMessage =
  | { type: "ready" }
  | { type: "lines"; lines: OutputLine[]; heapMB: number }
  | { type: "done"; result: RunResult };

const proc = process;
const send = proc.send!.bind(proc) as (message: ChildMessage) => boolean;
const wallNow = performance.now.bind(performance);
const setImmediate = globalThis.setImmediate;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Errors that escaped the program's loop: a throw in a callback the runtime does not own, or a
 * rejection nothing handled that the engine reports after the run's own listener is gone.
 */
const escapedErrors: unknown[] = [];
let running = false;
proc.on("uncaughtException", (error) => void escapedErrors.push(error));
proc.on("unhandledRejection", (reason) => {
  if (!running) escapedErrors.push(reason);
});

sealMethods(ctx);
const lockdown = lockDown();
virtualizeGlobalTimers();

proc.once("message", (message: { source: string; options: RunOptions }) => {
  let sent = 0;
  let lastFlush = 0;
  // Every progress report carries the heap's size, so the parent can tell a program that went
  // silent because it is running out of memory (the collector thrashing) from one that loops.
  const flush = (lines: OutputLine[], always = false): void => {
    lastFlush = wallNow();
    sent += lines.length;
    if (lines.length > 0 || always) send({ type: "lines", lines, heapMB: getHeapStatistics().used_heap_size / 2 ** 20 });
  };
  running = true;
  runProgram(message.source, {
    ...message.options,
    onAlive: ({ lines }) => flush(lines, true),
    onPrint: (take) => {
      if (wallNow() - lastFlush >= FLUSH_MS) flush(take());
    },
    beforeEval: lockdown.allowOneEval,
  }).then(async (result) => {
    running = false;
    await nextTurn();
    if (result.error === null && escapedErrors.length > 0) {
      const { name, message: text } = describeThrown(escapedErrors[0]);
      result.error = { kind: "runtime", name, message: `${text} (raised outside the event loop, and nothing handled it)`, line: null, column: null };
    }
    // Lines already streamed during the run are not sent twice.
    send({ type: "done", result: { ...result, lines: result.lines.slice(sent) } });
  });
});
send({ type: "ready" });
