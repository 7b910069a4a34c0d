/**
 * The event-loop stepper: a run replayed handle by handle (see stepper-model.ts). Loaded only when
 * the learner asks for it with "Step through". The step is kept in the URL fragment
 * (`#step:<example>:<n>`), so a link opens the same moment.
 */
import { formatLine, type RunResult } from "../sandbox/protocol.ts";
import { buildReplay, nextPrint, type Moment, type Replay } from "./stepper-model.ts";

/** Real milliseconds between two steps when playing, by speed. */
const SPEEDS: Record<string, number> = { "0.5×": 1600, "1×": 800, "2×": 400, "4×": 200 };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(label: string, text: string, title: string): HTMLButtonElement {
  const node = el("button", "aw-st-button", text);
  node.type = "button";
  node.setAttribute("aria-label", label);
  node.title = title;
  return node;
}

function labelled(title: string, body: HTMLElement): HTMLElement {
  const box = el("section", "aw-st-box");
  const id = `aw-st-${Math.random().toString(36).slice(2, 9)}`;
  const heading = el("h4", "aw-st-heading", title);
  heading.id = id;
  box.setAttribute("aria-labelledby", id);
  box.append(heading, body);
  return box;
}

/** The fragment that names moment `step` of example `key`. */
export function stepFragment(key: string, step: number): string {
  return `#step:${key}:${step}`;
}

export interface StepperOptions {
  /** The example's key, for the URL fragment. */
  key: string;
  /** The code that ran. */
  code: string;
  result: RunResult;
  /** Moment to open at. */
  step?: number;
}

/** Builds the stepper for a run, or returns null when the run recorded no loop step. */
export function renderStepper(options: StepperOptions): HTMLElement | null {
  const replay = buildReplay(options.result);
  if (replay.moments.length === 0) return null;
  return new Stepper(options, replay).root;
}

class Stepper {
  readonly root = el("section", "aw-stepper");
  private readonly replay: Replay;
  private readonly options: StepperOptions;
  private index = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  private readonly position = el("p", "aw-st-position");
  private readonly clock = el("span", "aw-st-clock");
  private readonly running = el("p", "aw-st-running");
  private readonly ready = el("ol", "aw-st-list");
  private readonly timers = el("ol", "aw-st-list");
  private readonly tasks = el("ul", "aw-st-list");
  private readonly output = el("pre", "aw-st-output");
  private readonly code = el("ol", "aw-st-code");
  private readonly back = button("Step back", "◀", "Step back (←)");
  private readonly forward = button("Step forward", "▶", "Step forward (→)");
  private readonly play = button("Play", "Play", "Play or pause (P)");
  private readonly toPrint = button("Next print", "Next print", "Jump to the next step that prints (N)");
  private readonly speed = el("select", "aw-st-speed");
  private readonly scrubber = el("input", "aw-st-scrubber");

  constructor(options: StepperOptions, replay: Replay) {
    this.options = options;
    this.replay = replay;
    const root = this.root;
    root.dataset.stepper = "";
    root.setAttribute("aria-label", "Event loop stepper");
    root.tabIndex = -1;

    const last = replay.moments.length - 1;
    this.scrubber.type = "range";
    this.scrubber.min = "0";
    this.scrubber.max = String(last);
    this.scrubber.setAttribute("aria-label", "Step");
    for (const name of Object.keys(SPEEDS)) this.speed.append(new Option(name, name, name === "1×", name === "1×"));
    this.speed.setAttribute("aria-label", "Speed");

    const controls = el("div", "aw-st-controls");
    controls.append(this.back, this.forward, this.play, this.speed, this.toPrint, this.scrubber);
    const clockLine = el("p", "aw-st-clockline");
    clockLine.append("Clock ", this.clock, " s");
    this.clock.dataset.clock = "";
    this.running.dataset.running = "";
    this.ready.dataset.ready = "";
    this.timers.dataset.timers = "";
    this.tasks.dataset.tasks = "";
    this.code.dataset.code = "";
    this.code.setAttribute("aria-label", "The code, with the current line marked");
    for (const text of options.code.replace(/\n$/, "").split("\n")) {
      const li = el("li", "aw-st-line");
      li.append(el("code", "", text || " "));
      this.code.append(li);
    }
    // Scrolling regions are tab stops of their own, so they scroll from the keyboard.
    const codeBox = el("div", "aw-st-codebox");
    codeBox.tabIndex = 0;
    codeBox.setAttribute("role", "region");
    codeBox.setAttribute("aria-label", "Code");
    codeBox.append(this.code);
    this.output.tabIndex = 0;
    const live = el("div", "aw-st-now");
    live.setAttribute("aria-live", "polite");
    live.append(clockLine, this.running);

    const state = el("div", "aw-st-state");
    state.append(
      labelled("Ready queue (runs next, in order)", this.ready),
      labelled("Timers (by deadline)", this.timers),
      labelled("Tasks", this.tasks),
      labelled("Output so far", this.output),
    );
    const help = el("p", "aw-st-help", "Keys: ← → step, Home and End jump, P plays or pauses, N goes to the next print.");
    const note = replay.truncated ? [el("p", "aw-st-help", `Only the first ${last} steps were recorded.`)] : [];
    root.append(el("h3", "aw-st-title", "Step through the event loop"), this.position, controls, live, codeBox, state, help, ...note);

    this.back.addEventListener("click", () => this.go(this.index - 1));
    this.forward.addEventListener("click", () => this.go(this.index + 1));
    this.play.addEventListener("click", () => this.togglePlay());
    this.toPrint.addEventListener("click", () => this.go(nextPrint(this.replay, this.index) ?? last));
    this.scrubber.addEventListener("input", () => this.go(Number(this.scrubber.value)));
    this.speed.addEventListener("change", () => {
      if (this.timer !== null) this.startTimer();
    });
    root.addEventListener("keydown", (event) => this.onKey(event));
    this.go(Math.min(Math.max(options.step ?? 0, 0), last), false);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement;
    // The scrubber and the speed menu handle their own arrow keys.
    if (target === this.scrubber || target === this.speed) return;
    const last = this.replay.moments.length - 1;
    const next: Record<string, () => number | null> = {
      ArrowRight: () => this.index + 1,
      ArrowLeft: () => this.index - 1,
      Home: () => 0,
      End: () => last,
      n: () => nextPrint(this.replay, this.index) ?? last,
    };
    if (event.key === "p") {
      event.preventDefault();
      this.togglePlay();
      return;
    }
    const to = next[event.key]?.();
    if (to === undefined || to === null) return;
    event.preventDefault();
    this.go(to);
  }

  private togglePlay(): void {
    if (this.timer !== null) this.stop();
    else {
      if (this.index >= this.replay.moments.length - 1) this.go(0);
      this.startTimer();
    }
  }

  private startTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = setInterval(() => {
      if (!this.root.isConnected || this.index >= this.replay.moments.length - 1) this.stop();
      else this.go(this.index + 1);
    }, SPEEDS[this.speed.value] ?? 800);
    this.play.setAttribute("aria-label", "Pause");
    this.play.textContent = "Pause";
  }

  private stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.play.setAttribute("aria-label", "Play");
    this.play.textContent = "Play";
  }

  private go(index: number, remember = true): void {
    const last = this.replay.moments.length - 1;
    this.index = Math.min(Math.max(index, 0), last);
    this.show(this.replay.moments[this.index]!);
    if (remember) history.replaceState(history.state, "", stepFragment(this.options.key, this.index));
  }

  private show(moment: Moment): void {
    const last = this.replay.moments.length - 1;
    this.root.dataset.step = String(this.index);
    this.position.textContent = `Step ${this.index} of ${last}${this.index === last ? " (the loop has stopped)" : ""}`;
    this.scrubber.value = String(this.index);
    this.scrubber.setAttribute("aria-valuetext", `step ${this.index} of ${last}, t=${moment.t.toFixed(3)} s`);
    this.back.disabled = this.index === 0;
    this.forward.disabled = this.index === last;
    this.clock.textContent = moment.t.toFixed(3);
    this.running.replaceChildren();
    if (moment.running === null) this.running.append("Nothing runs: the program is over.");
    else {
      this.running.append("Runs now: ", el("strong", "", moment.running));
      if (moment.why) this.running.append(` — ${moment.why}`);
    }

    const items = (list: HTMLElement, texts: string[], more: number, empty: string): void => {
      list.replaceChildren(...texts.map((text) => el("li", "", text)));
      if (more > 0) list.append(el("li", "aw-st-more", `and ${more} more`));
      list.dataset.empty = texts.length === 0 ? empty : "";
      if (texts.length === 0) list.setAttribute("aria-label", empty);
      else list.removeAttribute("aria-label");
    };
    items(this.ready, moment.ready, moment.moreReady, "empty");
    this.timers.replaceChildren(
      ...moment.timers.map((timer) => {
        const li = el("li", "", `${timer.label} at ${timer.deadline.toFixed(3)} s`);
        li.dataset.deadline = timer.deadline.toFixed(3);
        return li;
      }),
    );
    if (moment.moreTimers > 0) this.timers.append(el("li", "aw-st-more", `and ${moment.moreTimers} more`));
    this.timers.dataset.empty = moment.timers.length === 0 ? "none" : "";
    items(
      this.tasks,
      moment.tasks.map((task) => `${task.name}: ${task.state}`),
      0,
      "none yet",
    );
    const lines = this.options.result.lines.slice(0, moment.lines).map(formatLine);
    this.output.textContent = lines.join("\n");
    this.output.scrollTop = this.output.scrollHeight;

    for (const li of this.code.querySelectorAll("[aria-current]")) li.removeAttribute("aria-current");
    const current = moment.line === null ? null : this.code.children[moment.line - 1];
    if (current instanceof HTMLElement) {
      current.setAttribute("aria-current", "true");
      const box = this.code.parentElement!;
      const top = current.offsetTop - box.offsetTop;
      if (top < box.scrollTop || top + current.offsetHeight > box.scrollTop + box.clientHeight) {
        box.scrollTop = Math.max(0, top - box.clientHeight / 2);
      }
    }
  }
}
