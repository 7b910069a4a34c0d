/**
 * Checks, on the host side, that a message from a sandbox has the protocol's shape before any of
 * it reaches the page. A sandbox only sends through its private port, but the check keeps a bug,
 * or a program that found a way to post, from showing anything that is not a run's real output.
 */
import type { OutputLine, RunError, RunResult, SandboxMessage, TraceEvent } from "./protocol.ts";

const ERROR_KINDS = new Set<string>(["syntax", "runtime", "deadlock", "horizon", "watchdog", "stopped", "memory"]);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const isNumber = (v: unknown): v is number => typeof v === "number" && !Number.isNaN(v);
const isNullableString = (v: unknown): boolean => v === null || typeof v === "string";
const isPosition = (v: unknown): boolean => v === null || (Number.isInteger(v) && (v as number) >= 0);

export function isOutputLine(v: unknown): v is OutputLine {
  return (
    isRecord(v) &&
    isNumber(v.t) &&
    typeof v.text === "string" &&
    (v.stream === "stdout" || v.stream === "stderr") &&
    isNullableString(v.task)
  );
}

function isLines(v: unknown): v is OutputLine[] {
  return Array.isArray(v) && v.every(isOutputLine);
}

function isRunError(v: unknown): v is RunError {
  return (
    isRecord(v) &&
    typeof v.kind === "string" &&
    ERROR_KINDS.has(v.kind) &&
    typeof v.name === "string" &&
    typeof v.message === "string" &&
    isPosition(v.line) &&
    isPosition(v.column)
  );
}

function isTraceEvent(v: unknown): v is TraceEvent {
  return (
    isRecord(v) &&
    isNumber(v.t) &&
    typeof v.kind === "string" &&
    isNullableString(v.task) &&
    (v.detail === undefined || typeof v.detail === "string")
  );
}

function isRunResult(v: unknown): v is RunResult {
  if (!isRecord(v) || !isLines(v.lines) || !(v.error === null || isRunError(v.error))) return false;
  if (!Array.isArray(v.trace) || !v.trace.every(isTraceEvent)) return false;
  const stats = v.stats;
  return isRecord(stats) && isNumber(stats.steps) && isNumber(stats.virtualTime) && isNumber(stats.wallMs);
}

/** The message, if it is a well-formed one for run `id`; null otherwise. */
export function validMessage(data: unknown, id: number | null): SandboxMessage | null {
  if (!isRecord(data)) return null;
  if (data.type === "ready") return id === null ? { type: "ready" } : null;
  if (data.id !== id) return null;
  if (data.type === "alive" && isLines(data.lines)) return data as SandboxMessage;
  if (data.type === "done" && isRunResult(data.result)) return data as SandboxMessage;
  return null;
}
