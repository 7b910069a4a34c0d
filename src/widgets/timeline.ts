/**
 * The timeline under a run's output: which task ran when, on the virtual clock. A collapsed
 * <details> holding a chart (one lane per task) and, for screen readers, the same story as an
 * ordered list by virtual time. The chart's geometry is in course.css; elements only carry their
 * positions as custom properties (`--x0`, `--s0`, `--x1`, `--s1`: fraction of the axis, slot).
 */
import type { RunResult } from "../sandbox/protocol.ts";
import { buildTimeline, formatTime, type Lane, type Position, type Span, type Timeline } from "./timeline-model.ts";

const END_GLYPHS = { finished: "✓", cancelled: "⊘", failed: "✗", waiting: "…" } as const;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Places a mark at `from`, or a stretch from `from` to `to`, on a linear axis of virtual time. */
function place(node: HTMLElement, timeline: Timeline, from: Position, to?: Position): HTMLElement {
  const x = (t: number) => String(timeline.end > 0 ? t / timeline.end : 0);
  node.style.setProperty("--x0", x(from.t));
  if (to) {
    node.style.setProperty("--x1", x(to.t));
    node.dataset.t0 = String(from.t);
    node.dataset.t1 = String(to.t);
    // What takes no virtual time is drawn as a tick at its instant, never widened.
    if (to.t === from.t) node.classList.add("aw-tl-instant");
  }
  return node;
}

/** A stretch of a lane in one state, with its times for tests and tooltips. */
function stretch(className: string, state: string, title: string, timeline: Timeline, span: Span, text?: string): HTMLElement {
  const node = place(el("div", className, text), timeline, span.from, span.to);
  node.dataset.state = state;
  node.title = `${title}, t=${formatTime(span.from.t)} to t=${formatTime(span.to.t)}`;
  return node;
}

/** Seconds as the axis labels them: "0s", "0.25s", "2s". */
const tickLabel = (t: number) => `${Number(t.toFixed(3))}s`;

/** A print marker and where it is, for keyboard order. */
interface Dot {
  node: HTMLElement;
  at: Position;
}

function laneRow(timeline: Timeline, lane: Lane, dots: Dot[]): HTMLElement[] {
  const name = el("div", "aw-tl-name");
  // Named by what it runs, with the task's name beside.
  if (lane.call !== null) name.append(el("span", "aw-tl-what", lane.call));
  const who = el("span", "aw-tl-who");
  who.append(el("span", "aw-tl-task", lane.label));
  if (lane.end) who.append(" ", el("span", `aw-tl-state aw-tl-${lane.end.state}`, lane.end.state));
  name.append(who);
  name.title = lane.call === null ? lane.label : `${lane.call} in ${lane.label}`;

  const scale = el("div", "aw-tl-scale");
  for (const wait of lane.waits) scale.append(stretch("aw-tl-wait", "waiting", `waits on ${wait.label}`, timeline, wait, wait.label));
  for (const ready of lane.readies) {
    scale.append(stretch("aw-tl-ready", "ready", `ready (${ready.label} is over) but not running: the loop is busy`, timeline, ready));
  }
  for (const run of lane.runs) scale.append(stretch("aw-tl-run", "running", "runs", timeline, run));
  for (const print of lane.prints) {
    const dot = place(el("span", "aw-tl-print"), timeline, print.at);
    dot.setAttribute("role", "img");
    dot.setAttribute("aria-label", `t=${formatTime(print.at.t)} ${lane.label} prints ${JSON.stringify(print.text)}`);
    dot.tabIndex = -1;
    scale.append(dot);
    dots.push({ node: dot, at: print.at });
  }
  if (lane.end) {
    const mark = place(el("span", `aw-tl-end aw-tl-${lane.end.state}`, END_GLYPHS[lane.end.state]), timeline, lane.end.at);
    mark.title = lane.end.detail ? `${lane.end.state}: ${lane.end.detail}` : lane.end.state;
    scale.append(mark);
  }
  const track = el("div", "aw-tl-track");
  track.append(scale);
  return [name, track];
}

function axis(timeline: Timeline): HTMLElement[] {
  const corner = el("div", "aw-tl-name aw-tl-corner", "virtual time");
  const scale = el("div", "aw-tl-scale");
  for (const t of timeline.ticks) scale.append(place(el("span", "aw-tl-tick", tickLabel(t)), timeline, { t, slot: 0 }));
  const track = el("div", "aw-tl-track aw-tl-axis");
  track.append(scale);
  return [corner, track];
}

/** What covers every lane: the tick grid lines and the stretches blocked by time.sleep. */
function overlay(timeline: Timeline): HTMLElement {
  const scale = el("div", "aw-tl-scale");
  for (const t of timeline.ticks) scale.append(place(el("div", "aw-tl-grid"), timeline, { t, slot: 0 }));
  for (const block of timeline.blocks) {
    scale.append(stretch("aw-tl-block", "blocked", `${block.label}: nothing else can run`, timeline, block));
  }
  const layer = el("div", "aw-tl-overlay");
  layer.append(scale);
  return layer;
}

function legend(timeline: Timeline): HTMLElement {
  const list = el("ul", "aw-tl-legend");
  const item = (swatch: string, text: string, glyph = "") => {
    const entry = el("li", "");
    entry.append(el("span", `aw-tl-key ${swatch}`, glyph), text);
    list.append(entry);
  };
  item("aw-tl-run", "runs");
  item("aw-tl-wait", "waits");
  if (timeline.lanes.some((lane) => lane.readies.length > 0)) item("aw-tl-ready", "ready, but the loop is busy");
  item("aw-tl-print", "prints (point at it or focus it)");
  if (timeline.blocks.length > 0) item("aw-tl-block", "time.sleep blocks everything");
  const states = new Set(timeline.lanes.map((lane) => lane.end?.state));
  for (const state of ["finished", "cancelled", "failed", "waiting"] as const) {
    if (states.has(state)) item(`aw-tl-end aw-tl-${state}`, state === "waiting" ? "still waiting at the end" : state, END_GLYPHS[state]);
  }
  list.setAttribute("aria-hidden", "true");
  return list;
}

function steps(timeline: Timeline): HTMLElement {
  const list = el("ol", "aw-tl-steps");
  list.setAttribute("aria-label", "What happened, by virtual time");
  for (const moment of timeline.moments) {
    list.append(el("li", "", `t=${formatTime(moment.t)} — ${moment.entries.join(". ")}.`));
  }
  return list;
}

/** One tab stop for all the print markers; the arrow keys move between them in time order. */
function rovingFocus(chart: HTMLElement, placed: Dot[], readout: HTMLElement, idle: string): void {
  const dots = placed.toSorted((a, b) => a.at.t - b.at.t || a.at.slot - b.at.slot).map((dot) => dot.node);
  if (dots[0]) dots[0].tabIndex = 0;

  const show = (event: Event) => {
    const dot = (event.target as Element).closest<HTMLElement>(".aw-tl-print");
    if (dot) readout.textContent = dot.getAttribute("aria-label");
  };
  chart.addEventListener("mouseover", show);
  chart.addEventListener("focusin", show);
  chart.addEventListener("mouseleave", () => {
    if (!chart.contains(document.activeElement)) readout.textContent = idle;
  });
  chart.addEventListener("keydown", (event) => {
    const index = dots.indexOf(event.target as HTMLElement);
    if (index < 0) return;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: dots.length - 1 }[event.key];
    const target = next === undefined ? undefined : dots[next];
    if (!target) return;
    event.preventDefault();
    dots[index]!.tabIndex = -1;
    target.tabIndex = 0;
    target.focus();
  });
}

/**
 * Renders the timeline of a run, or returns null when the trace has nothing to draw (a syntax
 * error, or a run stopped before it started).
 */
export function renderTimeline(result: Pick<RunResult, "trace" | "stats">): HTMLElement | null {
  const timeline = buildTimeline(result);
  if (timeline.lanes.length === 0) return null;

  const details = el("details", "aw-timeline");
  details.dataset.timeline = "";
  const tasks = timeline.lanes.filter((lane) => lane.task !== null).length;
  details.append(
    el("summary", "", `Timeline: ${tasks === 0 ? "no" : tasks} task${tasks === 1 ? "" : "s"} over ${timeline.end.toFixed(3)} s${timeline.truncated ? " (cut short)" : ""}`),
  );

  const chart = el("div", "aw-tl-chart");
  // Wide enough to tell instants a tenth of the run apart; the end mark gets a step past the axis.
  chart.style.setProperty("--aw-tl-steps", String(Math.min(timeline.minSteps, 48)));
  chart.style.setProperty("--aw-tl-tail", "1");
  chart.style.setProperty("--aw-tl-rows", String(timeline.lanes.length + 1));
  // Rows are explicit: the overlay spans them all, and auto-placement would put it first.
  const dots: Dot[] = [];
  const rows = [axis(timeline), ...timeline.lanes.map((lane) => laneRow(timeline, lane, dots))];
  for (const [index, row] of rows.entries()) {
    for (const cell of row) cell.style.gridRow = String(index + 1);
    chart.append(...row);
  }
  chart.append(overlay(timeline));
  // The list below tells screen readers the whole story; of the chart they get the print markers.
  for (const part of chart.querySelectorAll(".aw-tl-name, .aw-tl-scale > :not(.aw-tl-print), .aw-tl-overlay")) {
    part.setAttribute("aria-hidden", "true");
  }

  // A scrolling region is a tab stop of its own, so it scrolls from the keyboard even without prints.
  const scroller = el("div", "aw-tl-scroll");
  scroller.tabIndex = 0;
  scroller.setAttribute("role", "group");
  scroller.setAttribute("aria-label", "Timeline chart");
  scroller.append(chart);

  const idle = timeline.lanes.some((lane) => lane.prints.length > 0)
    ? "Point at or focus a dot to read the line printed there."
    : "Nothing was printed.";
  const readout = el("p", "aw-tl-readout", idle);
  readout.setAttribute("aria-hidden", "true");
  rovingFocus(chart, dots, readout, idle);

  const hint = el("p", "aw-tl-hint", "The chart is wider than the page: scroll it sideways to see the rest.");
  hint.hidden = true;
  const fits = (): void => {
    hint.hidden = scroller.scrollWidth <= scroller.clientWidth + 1;
  };
  details.addEventListener("toggle", fits);
  addEventListener("resize", fits);

  details.append(scroller, hint, readout, legend(timeline), steps(timeline));
  return details;
}
