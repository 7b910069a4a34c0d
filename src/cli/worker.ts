import { parentPort, workerData } from "node:worker_threads";
import { runProgram } from "../sandbox/program.ts";
import type { RunOptions } from "../sandbox/protocol.ts";

const { source, options } = workerData as { source: string; options: RunOptions };
let sent = 0;
const result = await runProgram(source, {
  ...options,
  onAlive: ({ lines }) => {
    sent += lines.length;
    parentPort!.postMessage({ type: "alive", lines });
  },
});
// Lines already streamed during the run are not sent twice.
parentPort!.postMessage({ type: "done", result: { ...result, lines: result.lines.slice(sent) } });
