/**
 * Turns a run's trace into the model the timeline draws: one lane per task, with the spans where
 * it ran and where it waited, what it printed and how it ended, plus the stretches where
 * `time.sleep` blocked everything, and the same story as text, one entry per virtual instant.
 * Pure: no DOM, so the widget and the unit tests share it.
 *
 * Many steps happen at the same virtual time. Each instant hands out slots in the order things
 * happened there (a task starting to run, a print, a task ending), and a position is the pair
 * (time, slot). The chart draws time to scale and slots not at all: what happens at one instant
 * is drawn at that instant, and the list by virtual time tells its order.
 */
import type { RunResult, TraceEvent } from "../sandbox/protocol.ts";

/** A point on the timeline: virtual time `t` (seconds) and the slot within that instant. */
export interface Position {
  t: number;
  slot: number;
}

export interface Span {
  from: Position;
  /** Exclusive: the span ends where this slot begins. */
  to: Position;
  /** What a task waits on, e.g. "sleep(2)"; what blocked, e.g. "time.sleep(2)". */
  label?: string;
}

export type EndState = "finished" | "cancelled" | "failed" | "waiting";

export interface Lane {
  /** The task's name, or null for top-level code and plain callbacks. */
  task: string | null;
  /** "main program" for task null. */
  label: string;
  /** What the task runs, e.g. `download("a")`, when the trace says. */
  call: string | null;
  runs: Span[];
  waits: Span[];
  /** Stretches where the task could run but the loop was busy: its sleep was over, it had not resumed. */
  readies: Span[];
  prints: { at: Position; text: string }[];
  /** How the task ended; "waiting" if it was still suspended when the run ended. Null for the main program. */
  end: { state: EndState; at: Position; detail?: string } | null;
}

/** What happened at one virtual instant, as sentences without the full stop: `Task-2 resumed; prints "three"; finished`. */
export interface Moment {
  t: number;
  entries: string[];
}

export interface Timeline {
  lanes: Lane[];
  /** Stretches where time.sleep blocked the whole program; they cover every lane. */
  blocks: Span[];
  /** Virtual time the axis ends at, in seconds. */
  end: number;
  /** Labelled axis ticks, in seconds. */
  ticks: number[];
  /** Width the time axis needs so that no instant's steps run into the next instant's, in steps. */
  minSteps: number;
  /** Steps drawn past `end` (the last instant's slots). */
  tailSteps: number;
  moments: Moment[];
  /** Set when the trace had more steps than the timeline draws; it stops there. */
  truncated: boolean;
}

export const MAIN_PROGRAM = "main program";

/**
 * Whether the task created at `trace[index]` is one of asyncio.run's own clean-up steps
 * (shutdown_asyncgens, shutdown_default_executor in CPython's runners.py): created when no task
 * runs, after some task has ended, it starts and finishes at once. The trace numbers them like any
 * task, so they are known by that shape; the program did not ask for them, so they get no lane.
 */
function isRunnerStep(trace: TraceEvent[], index: number): boolean {
  const [created, started, finished] = [trace[index], trace[index + 1], trace[index + 2]];
  return (
    created?.kind === "task-created" &&
    created.detail === "deferred" &&
    started?.kind === "task-started" &&
    started.task === created.task &&
    finished?.kind === "task-finished" &&
    finished.task === created.task &&
    finished.t === created.t
  );
}

/** Slots drawn at most; a longer trace is cut there, so a busy loop cannot flood the page. */
export const MAX_SLOTS = 2000;

/** Lanes drawn at most; the text still tells of the others. */
export const MAX_LANES = 100;

/** An axis wider than this many steps is not widened further; dense instants may then touch. */
const MAX_AXIS_STEPS = 600;

export const formatTime = (t: number): string => `${t.toFixed(3)}s`;

interface LaneState {
  lane: Lane;
  state: "idle" | "running" | "waiting" | "ended";
  /** Runs inside another lane's step: a coroutine called eagerly, before or without its task. */
  eager: boolean;
  runFrom: Position;
  waitFrom: Position;
  waitLabel: string;
  /** What the lane's current step last waited on, for a step that ends without saying so. */
  stepWait: string | null;
  /** Just past the lane's last mark: where a run that ends without an event of its own ends. */
  after: Position;
}

/**
 * Builds the timeline of one run.
 *
 * The trace says when a task starts, resumes, suspends and ends, but a step can also end in
 * silence: a task awaiting an eagerly called coroutine (`const p = work(); ...; await p`) records
 * no suspension of its own, and an eager coroutine runs inside its caller's step. So a step ends
 * when the loop starts another one or the clock moves on (the loop runs one step at a time, and
 * steps take no virtual time); a task still running then is waiting on what its step last
 * waited on. Only a stretch blocked by time.sleep keeps a step running while the clock moves.
 *
 * @example
 * buildTimeline(result).lanes.map((lane) => lane.label); // ["Task-1", "Task-2", "Task-3"]
 */
export function buildTimeline(result: Pick<RunResult, "trace" | "stats">): Timeline {
  const states = new Map<string | null, LaneState>();
  /** How many lanes wait on each label, to tell a task's wake-up timer from a program's callback. */
  const waitingOn = new Map<string, number>();
  const blocks: Span[] = [];
  const moments: Moment[] = [];
  /** Slots used per instant, for the axis width. */
  const instants: { t: number; slots: number }[] = [];
  let now = 0;
  let slot = 0;
  let used = 0;
  let truncated = false;
  /** The lane whose step the loop is running. */
  let stepOwner: LaneState | null = null;
  /** Lanes in the "running" state: the step's owner, and eager coroutines inside it. */
  const running = new Set<LaneState>();
  let anyEnded = false;
  // The text of the current instant: finished sentences, and the one being said.
  let sentences: string[] = [];
  let speaker: LaneState | null = null;
  let phrases: string[] = [];

  const laneOf = (task: string | null): LaneState => {
    let s = states.get(task);
    if (!s) {
      const lane: Lane = { task, label: task ?? MAIN_PROGRAM, call: null, runs: [], waits: [], readies: [], prints: [], end: null };
      const origin = { t: 0, slot: 0 };
      s = { lane, state: "idle", eager: false, runFrom: origin, waitFrom: origin, waitLabel: "", stepWait: null, after: origin };
      states.set(task, s);
    }
    return s;
  };
  const here = (): Position => ({ t: now, slot });
  /** The next slot of this instant, for a mark of lane `s`. */
  const take = (s: LaneState): Position => {
    used++;
    s.after = { t: now, slot: slot + 1 };
    return { t: now, slot: slot++ };
  };

  const endSentence = (): void => {
    if (speaker && phrases.length > 0) sentences.push(`${speaker.lane.label} ${phrases.join("; ")}`);
    speaker = null;
    phrases = [];
  };
  const say = (s: LaneState, phrase: string): void => {
    if (speaker !== s) endSentence();
    speaker = s;
    phrases.push(phrase);
  };
  const note = (text: string): void => {
    endSentence();
    sentences.push(text);
  };
  const endInstant = (): void => {
    endSentence();
    if (sentences.length > 0) moments.push({ t: now, entries: sentences });
    if (slot > 0) instants.push({ t: now, slots: slot });
    sentences = [];
  };

  const wait = (s: LaneState, label: string, at = here()): void => {
    s.state = "waiting";
    s.waitFrom = at;
    s.waitLabel = label;
    waitingOn.set(label, (waitingOn.get(label) ?? 0) + 1);
  };
  /** Ends a lane's run or wait at `at`. */
  const stop = (s: LaneState, at = here()): void => {
    if (s.state === "running") {
      s.lane.runs.push({ from: s.runFrom, to: at });
      running.delete(s);
    } else if (s.state === "waiting") {
      // A wait that ends where it began is an inner coroutine's: the task itself went on running.
      const due = sleepDeadline(s.waitLabel, s.waitFrom.t);
      if (due !== null && due > s.waitFrom.t && at.t > due + 1e-9) {
        // The sleep was over at `due`, but the loop, busy or blocked, resumed the task only later.
        const over = { t: due, slot: 0 };
        s.lane.waits.push({ from: s.waitFrom, to: over, label: s.waitLabel });
        s.lane.readies.push({ from: over, to: at, label: s.waitLabel });
      } else if (at.t !== s.waitFrom.t || at.slot !== s.waitFrom.slot) {
        s.lane.waits.push({ from: s.waitFrom, to: at, label: s.waitLabel });
      }
      waitingOn.set(s.waitLabel, waitingOn.get(s.waitLabel)! - 1);
    } else {
      return;
    }
    s.state = "idle";
  };
  const run = (s: LaneState, eager: boolean): void => {
    stop(s);
    s.runFrom = take(s);
    s.state = "running";
    s.eager = eager;
    running.add(s);
  };
  /** A lane still running when its step is over was waiting, silently, since its last mark. */
  const settle = (s: LaneState): void => {
    if (s.state !== "running") return;
    stop(s, s.after);
    if (s.lane.task !== null && !s.eager) wait(s, s.stepWait ?? "an awaited coroutine", s.after);
  };
  const settleAll = (): void => {
    for (const s of running) settle(s);
    stepOwner = null;
  };
  /** The loop starts a step of lane `s`: whatever ran before has stopped. */
  const beginStep = (s: LaneState): void => {
    settleAll();
    stepOwner = s;
    s.stepWait = null;
    run(s, false);
  };
  /** Lane `s` does something: code of another lane running eagerly has returned by now. */
  const touch = (s: LaneState): void => {
    for (const other of running) if (other !== s && other.eager) stop(other, other.after);
    if (s.state !== "running") run(s, s !== stepOwner);
  };

  const trace = result.trace;
  for (let index = 0; index < trace.length; index++) {
    const event = trace[index]!;
    // The loop's first callback runs the top level (its name may be minified); what the top level
    // prints and starts shows on its own.
    if (index === 0 && event.kind === "callback") continue;
    if (anyEnded && running.size === 0 && isRunnerStep(trace, index)) {
      index += 2;
      continue;
    }
    if (event.t !== now) {
      // Steps take no virtual time; only time.sleep keeps one running while the clock moves.
      if (blocks.at(-1)?.to.t !== event.t) settleAll();
      endInstant();
      now = event.t;
      slot = 0;
    }
    if (used >= MAX_SLOTS) {
      truncated = true;
      break;
    }
    read(event);
  }

  const end = truncated ? now : Math.max(now, result.stats.virtualTime, ...blocks.map((b) => b.to.t));
  settleAll();
  if (end !== now) {
    endInstant();
    now = end;
    slot = 0;
  }
  if (truncated) {
    note(`the timeline stops here: the run has more steps than it draws (${MAX_SLOTS})`);
  } else {
    for (const s of states.values()) {
      if (s.state !== "waiting") continue;
      const label = s.waitLabel;
      stop(s);
      s.lane.end = { state: "waiting", at: take(s), detail: label };
      say(s, `still waiting on ${label} when the program ended`);
    }
  }
  for (const s of states.values()) stop(s);
  endInstant();

  // A task created but never run before the trace was cut has nothing to draw.
  const drawn = [...states.values()].map((s) => s.lane).filter((lane) => lane.runs.length + lane.waits.length + lane.readies.length + lane.prints.length > 0 || lane.end);
  const last = instants.at(-1);
  return {
    lanes: drawn.slice(0, MAX_LANES),
    blocks,
    end,
    ticks: ticks(end),
    minSteps: axisSteps(instants, end),
    tailSteps: (last?.t === end ? last.slots : 0) + 1,
    moments,
    truncated: truncated || drawn.length > MAX_LANES,
  };

  function read(event: TraceEvent): void {
    const detail = event.detail ?? "";
    switch (event.kind) {
      case "task-runs":
        laneOf(event.task).lane.call = detail;
        return;
      case "task-created":
        laneOf(event.task);
        return;
      case "task-started":
      case "task-resumed": {
        const s = laneOf(event.task);
        // A task's first step may adopt a coroutine that already waits: it runs nothing.
        if (s.state === "ended" || s.state === "running" || (s.state === "waiting" && event.kind === "task-started")) return;
        beginStep(s);
        say(s, event.kind === "task-started" ? "started" : "resumed");
        return;
      }
      case "task-suspended": {
        const s = laneOf(event.task);
        touch(s);
        stop(s);
        wait(s, detail);
        s.stepWait = detail;
        say(s, `waits on ${detail}`);
        return;
      }
      case "task-finished":
      case "task-cancelled":
      case "task-failed": {
        const s = laneOf(event.task);
        if (s.state === "ended") return;
        if (s.state === "running" || s === stepOwner) touch(s);
        stop(s);
        s.state = "ended";
        anyEnded = true;
        const state = event.kind.slice("task-".length) as EndState;
        s.lane.end = { state, at: take(s) };
        if (state === "failed" && detail) s.lane.end.detail = detail;
        say(s, state === "failed" && detail ? `failed (${detail})` : state);
        return;
      }
      case "callback": {
        // The timer that wakes a task from sleep(1) is the loop's doing, not the program's.
        if ((waitingOn.get(detail) ?? 0) > 0) return;
        const main = laneOf(null);
        beginStep(main);
        say(main, detail === "callback" ? "runs a callback" : `runs ${detail}`);
        return;
      }
      case "print": {
        const s = laneOf(event.task);
        touch(s);
        s.lane.prints.push({ at: take(s), text: detail });
        say(s, `prints ${JSON.stringify(detail)}`);
        return;
      }
      case "blocked": {
        const seconds = Number(/\(([^)]*)\)/.exec(detail)?.[1]);
        const until = now + (Number.isFinite(seconds) ? seconds : 0);
        blocks.push({ from: here(), to: { t: until, slot: 0 }, label: detail });
        note(`everything is blocked in ${detail} until t=${formatTime(until)}`);
        return;
      }
      // Timers, resolved futures and I/O are the loop's bookkeeping; the lanes show their effect.
      default:
        return;
    }
  }
}

/** When a wait labelled `sleep(2)` that began at `from` is over, or null for any other wait. */
function sleepDeadline(label: string, from: number): number | null {
  const match = /^sleep\(([\d.e+-]+)\)$/.exec(label);
  return match ? from + Number(match[1]) : null;
}

/**
 * Steps the time axis needs so that each instant's slots end before the next instant begins,
 * with one step to spare: at least (slots + 1) × end / gap for each pair of neighbours.
 */
function axisSteps(instants: { t: number; slots: number }[], end: number): number {
  let steps = 0;
  for (const [i, here] of instants.entries()) {
    const next = instants[i + 1]?.t ?? end;
    if (next > here.t) steps = Math.max(steps, ((here.slots + 1) * end) / (next - here.t));
  }
  return Math.min(Math.ceil(steps), MAX_AXIS_STEPS);
}

/**
 * A few round tick values from 0 to `end` (1, 2 or 5 times a power of ten apart), at most `most`.
 *
 * @example
 * ticks(3); // [0, 1, 2, 3]
 */
export function ticks(end: number, most = 6): number[] {
  if (!(end > 0)) return [0];
  let step = 10 ** Math.floor(Math.log10(end / most));
  for (const factor of [1, 2, 5, 10]) {
    if (end / (step * factor) <= most - 1) {
      step *= factor;
      break;
    }
  }
  const values: number[] = [];
  // Rounded to the step's precision, so 0.1 × 3 is 0.3, not 0.30000000000000004.
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  for (let n = 0; n * step <= end * (1 + 1e-9); n++) values.push(Number((n * step).toFixed(digits)));
  return values;
}
