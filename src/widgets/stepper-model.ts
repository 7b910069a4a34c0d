/**
 * The stepper's model: a run replayed handle by handle, from the loop's recorded steps and the
 * trace. Moment i is the instant the loop takes step i's handle off the ready queue; the last
 * moment is the loop at rest after the run. Nothing is re-run: this only reads the result.
 */
import type { LoopStep, StepHandle } from "../runtime/loop-steps.ts";
import type { RunResult, TraceEvent } from "../sandbox/protocol.ts";

export interface TaskView {
  name: string;
  /** "running", "ready", "waiting on sleep(1)", "not started", "finished", "failed", "cancelled". */
  state: string;
  /** What it waits on, a result, or an error, when there is one. */
  detail: string | null;
}

export interface Moment {
  /** Virtual time, seconds. */
  t: number;
  /** The handle just taken off the ready queue, or null once the loop has stopped. */
  running: string | null;
  /** Why it runs, in a few words: "resumes after sleep(1) at line 5". */
  why: string | null;
  ready: string[];
  moreReady: number;
  timers: Array<{ label: string; deadline: number }>;
  moreTimers: number;
  tasks: TaskView[];
  /** Output lines printed before this moment. */
  lines: number;
  /** Lines the step prints. */
  prints: number;
  /** The learner's line this step starts at (its resume point or first statement), 1-based. */
  line: number | null;
}

export interface Replay {
  moments: Moment[];
  /** True when the run had more steps than were recorded. */
  truncated: boolean;
}

/** Plumbing in the stepper's words. */
const PLUMBING: Record<string, string> = {
  program: "top-level code",
  sleep: "sleep timer",
  run: "asyncio.run's done callback",
  gather: "gather: a child is done",
  "task group": "task group: a task is done",
  timeout: "timeout expires",
  "wait timeout": "wait's timeout",
  wait: "wait: a future is done",
  shield: "shield: the inner future is done",
  as_completed: "as_completed: a future is done",
  "as_completed timeout": "as_completed's timeout",
  "wake-up": "wake-up",
  "task step": "a task's step",
};

/** How a queued handle reads in a list. */
export function handleText(handle: StepHandle): string {
  if (handle.kind === "task") return handle.name;
  if (handle.kind === "callback") return /[()#]/.test(handle.name) ? handle.name : `${handle.name}()`;
  const words = PLUMBING[handle.name] ?? handle.name;
  return handle.detail ? `${words} (${handle.detail})` : words;
}

const lineOf = (at: string | undefined): number | null => (at === undefined ? null : Number(at.split(":")[0]));

interface TaskState {
  state: string;
  detail: string | null;
  /** The await it last suspended at: what and where. */
  awaits: string | null;
  awaitLine: number | null;
}

function apply(tasks: Map<string, TaskState>, event: TraceEvent): void {
  const name = event.task;
  if (name === null) return;
  const task = tasks.get(name) ?? { state: "not started", detail: null, awaits: null, awaitLine: null };
  tasks.set(name, task);
  switch (event.kind) {
    case "task-created":
      Object.assign(task, { state: "not started", detail: null });
      break;
    case "task-started":
    case "task-resumed":
      Object.assign(task, { state: "running", detail: null });
      break;
    case "task-suspended":
      Object.assign(task, { state: "waiting", detail: event.detail ?? null, awaits: event.detail ?? null, awaitLine: lineOf(event.at) });
      break;
    case "task-finished":
      Object.assign(task, { state: "finished", detail: event.detail ?? null });
      break;
    case "task-failed":
      Object.assign(task, { state: "failed", detail: event.detail ?? null });
      break;
    case "task-cancelled":
      Object.assign(task, { state: "cancelled", detail: event.detail ?? null });
      break;
  }
}

/** What a plumbing step does, for the learner. */
const PLUMBING_WHY: Record<string, string> = {
  program: "runs the top-level code, which hands main to the loop",
  sleep: "the sleep is over: completing its future puts the sleeping task in the ready queue",
  gather: "a child is done; when the last one is, gather's future completes",
  run: "the task asyncio.run waits for is done: the loop stops after this round",
  "task group": "a task of the group is done",
  timeout: "the deadline has passed: the task inside is cancelled",
  "wait timeout": "the timeout has passed: the waiting task is woken",
};

function why(step: LoopStep, tasks: Map<string, TaskState>): string | null {
  if (step.run.kind === "plumbing") return PLUMBING_WHY[step.run.name] ?? null;
  if (step.run.kind !== "task") return null;
  const task = tasks.get(step.run.name);
  if (task === undefined || task.state === "not started") return "starts";
  if (task.awaits === null) return "runs";
  return `resumes after ${task.awaits}${task.awaitLine === null ? "" : ` at line ${task.awaitLine}`}`;
}

function taskViews(tasks: Map<string, TaskState>, running: StepHandle | null, ready: readonly StepHandle[]): TaskView[] {
  const queued = new Set(ready.filter((h) => h.kind === "task").map((h) => h.name));
  return [...tasks].map(([name, task]) => {
    if (running?.kind === "task" && running.name === name) return { name, state: "running", detail: null };
    const done = task.state === "finished" || task.state === "failed" || task.state === "cancelled";
    if (queued.has(name) && !done) return { name, state: "ready", detail: task.state === "waiting" ? `woken from ${task.detail}` : null };
    if (task.state === "waiting") return { name, state: `waiting on ${task.detail ?? "something"}`, detail: task.detail };
    return { name, state: task.state, detail: task.detail };
  });
}

/** Builds the replay of a finished run; no moments when the run recorded no steps. */
export function buildReplay(result: Pick<RunResult, "steps" | "trace" | "lines" | "stats">, maxSteps = 5000): Replay {
  const steps = result.steps ?? [];
  const tasks = new Map<string, TaskState>();
  const moments: Moment[] = [];
  let applied = 0;
  const replayUntil = (index: number): void => {
    for (; applied < Math.min(index, result.trace.length); applied++) apply(tasks, result.trace[applied]!);
  };
  for (const [i, step] of steps.entries()) {
    replayUntil(step.events);
    const next = steps[i + 1];
    const endEvents = next?.events ?? result.trace.length;
    let line: number | null = null;
    for (let e = step.events; e < endEvents && line === null; e++) line = lineOf(result.trace[e]!.at);
    moments.push({
      t: step.t,
      running: handleText(step.run),
      why: why(step, tasks),
      ready: step.ready.map(handleText),
      moreReady: step.moreReady,
      timers: step.timers.map((timer) => ({ label: handleText(timer), deadline: timer.deadline })),
      moreTimers: step.moreTimers,
      tasks: taskViews(tasks, step.run, step.ready),
      lines: step.lines,
      prints: (next?.lines ?? result.lines.length) - step.lines,
      line,
    });
  }
  if (moments.length === 0) return { moments, truncated: false };
  replayUntil(result.trace.length);
  moments.push({
    t: result.stats.virtualTime,
    running: null,
    why: null,
    ready: [],
    moreReady: 0,
    timers: [],
    moreTimers: 0,
    tasks: taskViews(tasks, null, []),
    lines: result.lines.length,
    prints: 0,
    line: null,
  });
  return { moments, truncated: steps.length >= maxSteps };
}

/** The next moment after `from` whose step prints, or null. */
export function nextPrint(replay: Replay, from: number): number | null {
  for (let i = from + 1; i < replay.moments.length; i++) if (replay.moments[i]!.prints > 0) return i;
  return null;
}
