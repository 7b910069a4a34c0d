import type { World } from "./world.ts";

/** One printed line, stamped with the virtual time it was printed at. */
export interface OutputLine {
  /** Virtual time in seconds. */
  t: number;
  text: string;
  stream: "stdout" | "stderr";
  /** Name of the task that printed it, or null for top-level code and plain callbacks. */
  task: string | null;
}

export type TraceKind =
  | "task-created"
  | "task-started"
  | "task-suspended"
  | "task-resumed"
  | "task-finished"
  | "task-cancelled"
  | "task-failed"
  | "callback"
  | "timer-scheduled"
  | "timer-fired"
  | "future-resolved"
  | "blocked"
  | "io"
  | "print";

/** One thing that happened in a run, with its virtual time and the task it belongs to. */
export interface TraceEvent {
  t: number;
  kind: TraceKind;
  task: string | null;
  detail?: string;
}

/**
 * Something output can belong to. Frames of coroutines resolve to their task
 * only when read: a coroutine started eagerly (`createTask(work())`) prints
 * before its task exists, and its lines still belong to that task.
 */
export interface Owner {
  ownerName(): string | null;
}

interface RawLine {
  t: number;
  text: string;
  stream: "stdout" | "stderr";
  owner: Owner | null;
}

interface RawEvent {
  t: number;
  kind: TraceKind;
  owner: Owner | null;
  detail: string | undefined;
}

/** Characters of a printed line its trace event keeps (the line itself is kept whole). */
const PRINT_DETAIL_CHARS = 1000;

/** Events kept at most, so a runaway program cannot fill memory with its trace. */
const MAX_EVENTS = 200_000;

/** Collects a program's output and trace. */
export class Recorder {
  private readonly rawLines: RawLine[] = [];
  private readonly rawEvents: RawEvent[] = [];
  private taken = 0;

  private readonly world: World;
  readonly tracing: boolean;

  constructor(world: World, tracing: boolean) {
    this.world = world;
    this.tracing = tracing;
  }

  print(stream: "stdout" | "stderr", text: string, owner: Owner | null): void {
    const t = this.world.now;
    for (const line of text.split("\n")) {
      this.rawLines.push({ t, text: line, stream, owner });
      if (this.tracing) this.event("print", owner, line.length > PRINT_DETAIL_CHARS ? `${line.slice(0, PRINT_DETAIL_CHARS)}…` : line);
    }
    this.world.host.onPrint?.();
  }

  event(kind: TraceKind, owner: Owner | null, detail?: string): void {
    if (!this.tracing) return;
    if (this.rawEvents.length >= MAX_EVENTS) return;
    this.rawEvents.push({ t: this.world.now, kind, owner, detail });
  }

  /** All lines printed so far. */
  lines(): OutputLine[] {
    return this.rawLines.map(resolveLine);
  }

  /** Lines printed since the previous call (for streaming output to a host). */
  takeNewLines(): OutputLine[] {
    const fresh = this.rawLines.slice(this.taken).map(resolveLine);
    this.taken = this.rawLines.length;
    return fresh;
  }

  events(): TraceEvent[] {
    return this.rawEvents.map((e) => {
      const event: TraceEvent = { t: e.t, kind: e.kind, task: e.owner?.ownerName() ?? null };
      if (e.detail !== undefined) event.detail = e.detail;
      return event;
    });
  }
}

function resolveLine(l: RawLine): OutputLine {
  return { t: l.t, text: l.text, stream: l.stream, task: l.owner?.ownerName() ?? null };
}
