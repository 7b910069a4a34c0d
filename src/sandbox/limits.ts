/**
 * The limits a sandboxed run is held to, and the messages that name them. Each limit is defined
 * here once; the browser host, the Node CLI and the widgets read it from here.
 */

/** Real milliseconds one stretch of the program's work may take before its own watchdog stops it. */
export const PROGRAM_WATCHDOG_MS = 1500;

/**
 * Real milliseconds the host waits for any sign of life (output, a progress report) before it
 * ends the worker. Longer than the program's own watchdog, which trips first when it can and
 * names the looping line; the host's is the backstop for what the program's cannot interrupt
 * (a catastrophic regular expression, a long built-in call).
 */
export const HOST_SILENCE_MS = PROGRAM_WATCHDOG_MS + 1000;

/** Real milliseconds a whole run may take, however often it yields. */
export const RUN_LIMIT_MS = 10_000;

/** Real milliseconds between two batches of output a sandbox sends while a program prints. */
export const FLUSH_MS = 25;

/** Characters of one line a browser sandbox sends; a longer line is cut, with a note of how much. */
export const LINE_SEND_CHARS = 1_000_000;

/** Trace events a browser sandbox sends with a result; the rest of a longer trace is dropped. */
export const TRACE_EVENTS_SENT = 5_000;

/** Heap a program may use in the CLI, in megabytes. */
export const MEMORY_LIMIT_MB = 512;

/** Output lines a widget shows before it truncates; the full text stays downloadable. */
export const OUTPUT_LINE_LIMIT = 500;
/** Characters of output a widget shows before it truncates. */
export const OUTPUT_CHAR_LIMIT = 100_000;
/** Lines at the end of a truncated output that stay visible. */
export const OUTPUT_TAIL_LINES = 50;
/** Characters of output a host keeps (for the result and the download); past this it counts lines only. */
export const OUTPUT_KEEP_CHARS = 8 * 1024 * 1024;
/** Lines of output a host keeps; past this it counts lines only, so a flood cannot fill the page's memory. */
export const OUTPUT_KEEP_LINES = 100_000;

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

export const HOST_SILENCE_MESSAGE =
  `Stopped after ${seconds(HOST_SILENCE_MS)} without a response: the program never gave control back to the event loop, ` +
  "or ran out of memory. Look for a loop that never awaits (`while (true) {}`), a slow regular expression, " +
  "or a list or string that keeps growing.";

export const RUN_LIMIT_MESSAGE =
  `Stopped after ${seconds(RUN_LIMIT_MS)}: a run may take at most ${seconds(RUN_LIMIT_MS)} of real time. ` +
  "Does the program keep awaiting forever, or do far more work than it needs?";

export const STOPPED_MESSAGE = "Stopped by the Stop button.";

export const OUT_OF_MEMORY_MESSAGE =
  "The program ran out of memory and was stopped. Does a loop keep adding to a list or a string?";

/** The message a watchdog gives for one stretch of `limitMs` of work without a pause. */
export function watchdogSeconds(limitMs: number): string {
  return seconds(limitMs);
}
