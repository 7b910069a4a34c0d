/**
 * Runs an example's code in the sandbox and shows the result: output lines, the error (with its
 * position marked in the code), and whether the output matches the documented one. A run of
 * code the learner has edited that prints something else is shown as their output, not judged
 * against the documented output of the original code; the comparison is one click away.
 */
import { sandbox } from "../sandbox/client.ts";
import type { RunError, RunResult } from "../sandbox/protocol.ts";
import type { Example } from "./example.ts";
import { renderTimeline } from "./timeline.ts";
import { OutputView } from "./output-view.ts";

/** One output view per example, reused across its runs. */
const views = new WeakMap<Example, OutputView>();

function viewOf(example: Example): OutputView {
  let view = views.get(example);
  if (!view) {
    view = new OutputView(example.output);
    views.set(example, view);
  }
  return view;
}

const ERROR_LABELS: Record<RunError["kind"], string> = {
  syntax: "Syntax error",
  runtime: "Uncaught",
  deadlock: "Deadlock",
  horizon: "Limit reached",
  watchdog: "", // the message itself starts with "Stopped after"
  stopped: "",
  memory: "Out of memory",
};

function errorText(error: RunError): string {
  const where = error.line !== null ? ` (line ${error.line}:${error.column ?? 1})` : "";
  if (error.kind === "watchdog" || error.kind === "stopped" || error.kind === "memory") return `${error.message}${where}`;
  return `${error.name}: ${error.message}${where}`;
}

function showError(example: Example, error: RunError): void {
  const box = document.createElement("div");
  box.className = `aw-error aw-error-${error.kind}`;
  box.dataset.error = error.kind;
  const label = ERROR_LABELS[error.kind] ?? "Error";
  if (label) {
    const strong = document.createElement("strong");
    strong.textContent = label;
    box.append(strong, " ");
  }
  box.append(errorText(error));
  example.root.querySelector(".aw-io")!.before(box);

  if (error.line === null) return;
  if (example.editor) {
    example.editor.markLine(error.line);
  } else {
    const lines = example.codeView.querySelectorAll(".ec-line");
    lines[error.line - 1]?.classList.add("aw-error-line");
  }
}

/** Marks the lines where the output and the documented output differ; returns how many. */
function markDifferences(example: Example, actual: HTMLElement[]): number {
  const expected = [...example.expected.querySelectorAll<HTMLElement>(".aw-line")];
  let differing = 0;
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    const a = actual[i]?.textContent?.trimEnd();
    const e = expected[i]?.textContent?.trimEnd();
    const differs = a !== e;
    actual[i]?.classList.toggle("aw-diff", differs);
    expected[i]?.classList.toggle("aw-diff", differs);
    if (differs) differing++;
  }
  return differing;
}

function clear(example: Example): void {
  example.endQuietComparison();
  viewOf(example).reset();
  example.root.querySelector("[data-timeline]")?.remove();
  example.root.querySelector("[data-step-through]")?.remove();
  example.root.querySelector("[data-stepper]")?.remove();
  example.stepThrough = null;
  example.root.querySelector("[data-error]")?.remove();
  example.editor?.markLine(null);
  for (const marked of example.root.querySelectorAll(".aw-diff, .aw-error-line")) {
    marked.classList.remove("aw-diff", "aw-error-line");
  }
}

/** Adds the run's timeline under the output, open if the learner had the previous one open. */
function showTimeline(example: Example, result: RunResult, open: boolean): void {
  const timeline = renderTimeline(result);
  if (!timeline) return;
  timeline.toggleAttribute("open", open);
  example.root.querySelector(".aw-io")!.after(timeline);
}

/**
 * Shows an edited run quietly: the output pane is "Your output", the documented output is
 * hidden behind a button that shows it with the differing lines marked, and `verdict`.
 */
function startQuietComparison(example: Example, verdict: string): void {
  const { root, status } = example;
  root.dataset.state = "edited";
  example.outputLabel.textContent = "Your output";
  const pane = example.expectedPane;
  pane.id ||= `${example.expected.getAttribute("aria-labelledby")}-pane`;
  pane.hidden = true;
  const quiet = "Ran your edited code. The documented output is for the original code.";
  status.textContent = quiet;

  const button = document.createElement("button");
  button.type = "button";
  button.className = "aw-compare";
  button.dataset.action = "compare";
  button.setAttribute("aria-controls", pane.id);
  const show = (open: boolean) => {
    pane.hidden = !open;
    root.toggleAttribute("data-comparing", open);
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? "Hide the documented output" : "Compare with the documented output";
    status.textContent = open ? verdict : quiet;
  };
  button.addEventListener("click", () => show(Boolean(pane.hidden)));
  show(false);
  status.after(button);
}

function report(example: Example, result: RunResult, timelineOpen: boolean, code: string): void {
  const edited = code !== example.original;
  viewOf(example).finish(result.lines, result.omittedLines ?? 0);
  if (result.error) showError(example, result.error);

  // Documented output lists stdout only; stderr lines are shown but not compared.
  const differing = markDifferences(example, [...example.output.querySelectorAll<HTMLElement>(".aw-line.aw-stdout")]);
  const endedAsDocumented = (result.error?.name ?? null) === example.expectedError;
  const matches = differing === 0 && endedAsDocumented;
  example.root.dataset.state = matches ? "match" : "mismatch";

  let verdict: string;
  if (matches) verdict = "Output matches the expected output.";
  else if (result.error && ["watchdog", "stopped", "memory"].includes(result.error.kind)) {
    verdict = "The run was stopped before the program finished.";
  }
  else if (differing > 0)
    verdict = `Output differs from the expected output: ${differing} line${differing === 1 ? "" : "s"} differ.`;
  else if (result.error) verdict = `Output lines match, but the program ended with ${result.error.name}.`;
  else verdict = `Output lines match, but the program was expected to end with ${example.expectedError}.`;
  if (edited && !matches) startQuietComparison(example, verdict);
  else example.status.textContent = verdict;
  showTimeline(example, result, timelineOpen);
  offerStepper(example, result, code);
}

/** Adds "Step through" under the output; the stepper's module loads when it is pressed. */
function offerStepper(example: Example, result: RunResult, code: string): void {
  if (!result.steps || result.steps.length === 0) return;
  const bar = document.createElement("div");
  bar.className = "aw-st-launch";
  bar.dataset.stepThrough = "";
  const open = document.createElement("button");
  open.type = "button";
  open.className = "aw-button";
  open.textContent = "Step through";
  bar.append(open);
  example.root.querySelector(".aw-io")!.after(bar);
  example.stepThrough = async (step) => {
    const { renderStepper } = await import("./stepper.ts");
    example.root.querySelector("[data-stepper]")?.remove();
    const stepper = renderStepper({ key: example.key, code, result, step });
    if (!stepper) return;
    bar.after(stepper);
    open.setAttribute("aria-expanded", "true");
    stepper.focus();
  };
  open.addEventListener("click", () => {
    const shown = example.root.querySelector("[data-stepper]");
    if (shown) {
      shown.remove();
      open.setAttribute("aria-expanded", "false");
      return;
    }
    void example.stepThrough?.(0);
  });
  open.setAttribute("aria-expanded", "false");
}

/** `data-sandbox` on the root element: "ready" once a spare worker stands by for the next run. */
function trackSpare(): void {
  const root = document.documentElement;
  root.setAttribute("data-sandbox", "warming");
  sandbox.ready().then(
    () => root.setAttribute("data-sandbox", "ready"),
    () => root.setAttribute("data-sandbox", "failed"),
  );
}

/**
 * A Stop button shown next to Run while a run lasts; Escape in the widget does the same. Returns
 * the signal it aborts and a function that removes it again.
 */
function stopControl(example: Example): { signal: AbortSignal; remove: () => void } {
  const controller = new AbortController();
  const button = document.createElement("button");
  button.type = "button";
  button.className = "aw-stop";
  button.dataset.action = "stop";
  button.textContent = "Stop";
  button.setAttribute("aria-keyshortcuts", "Escape");
  button.addEventListener("click", () => controller.abort());
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    controller.abort();
  };
  example.runButton.after(button);
  example.root.addEventListener("keydown", onKey);
  return {
    signal: controller.signal,
    remove() {
      const hadFocus = document.activeElement === button;
      example.root.removeEventListener("keydown", onKey);
      button.remove();
      if (hadFocus) example.runButton.focus();
    },
  };
}

export async function runExample(example: Example): Promise<void> {
  example.runButton.setAttribute("aria-disabled", "true");
  example.root.dataset.state = "running";
  example.status.textContent = "Running…";
  const timelineOpen = example.root.querySelector<HTMLDetailsElement>("[data-timeline]")?.open ?? false;
  clear(example);
  const stop = stopControl(example);
  const view = viewOf(example);
  try {
    const code = example.code();
    const result = await sandbox.run(code, { filename: "main.ts" }, {
      onLines: (lines) => view.push(lines),
      signal: stop.signal,
    });
    stop.remove();
    report(example, result, timelineOpen, code);
    trackSpare();
  } finally {
    stop.remove();
    example.runButton.removeAttribute("aria-disabled");
  }
}
