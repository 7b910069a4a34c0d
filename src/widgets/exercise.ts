/**
 * The exercise widget's behaviour, loaded on the first press or when the exercise nears the
 * viewport: editor, Run, Check (graded in the sandbox), hints one at a time, the solution beside
 * the learner's code (never over it), Reset with undo. The learner's code is kept per exercise.
 */
import type { Check } from "../practice/checks.ts";
import type { CheckOutcome } from "../practice/grade.ts";
import { updateLesson } from "../progress/store.ts";
import { sandbox } from "../sandbox/client.ts";
import { formatLine, type RunError, type RunResult } from "../sandbox/protocol.ts";
import type { EditorHandle, Example } from "./example.ts";
import { loadEdit, saveEdit } from "./storage.ts";
import { renderTimeline } from "./timeline.ts";

interface State {
  root: HTMLElement;
  widget: HTMLElement;
  key: string;
  starter: string;
  editor: EditorHandle | null;
  editorLoading: Promise<EditorHandle> | null;
  /** Set once the learner has pressed Check. */
  checked: boolean;
  busy: boolean;
  /** Code before the last Reset, for Undo. */
  undo: string | null;
}

const states = new WeakMap<HTMLElement, State>();

function stateOf(root: HTMLElement): State {
  let state = states.get(root);
  if (!state) {
    const widget = root.querySelector<HTMLElement>("[data-exercise-widget]")!;
    state = {
      root,
      widget,
      key: root.dataset.exercise!,
      starter: widget.dataset.starter ?? "",
      editor: null,
      editorLoading: null,
      checked: false,
      busy: false,
      undo: null,
    };
    states.set(root, state);
  }
  return state;
}

const storageKey = (state: State) => `exercise/${state.key}`;

function code(state: State): string {
  return state.editor?.getCode() ?? loadEdit(storageKey(state)) ?? state.starter;
}

function setCode(state: State, next: string): void {
  saveEdit(storageKey(state), next, state.starter);
  state.editor?.setCode(next);
}

const part = <T extends HTMLElement = HTMLElement>(state: State, selector: string) => state.widget.querySelector<T>(selector)!;

function status(state: State, message: string): void {
  part(state, "[data-status]").textContent = message;
}

/** Opens CodeMirror on the learner's code (or the starter) in place of the highlighted view. */
export function openEditor(root: HTMLElement, focus: boolean): Promise<EditorHandle> {
  const state = stateOf(root);
  state.editorLoading ??= import("./editor.ts").then(({ attachEditor }) => {
    const host = {
      codeView: part(state, "[data-code-view]"),
      code: () => code(state),
      save: (text: string) => saveEdit(storageKey(state), text, state.starter),
    } as unknown as Example;
    const editor = attachEditor(host, { onRun: () => void act(root, "run") });
    state.editor = editor;
    return editor;
  });
  if (focus) void state.editorLoading.then((editor) => editor.focus());
  return state.editorLoading;
}

function errorText(error: RunError): string {
  const where = error.line !== null ? ` (line ${error.line}:${error.column ?? 1})` : "";
  return `${error.name}: ${error.message}${where}`;
}

function showRun(state: State, result: RunResult): void {
  const io = part(state, "[data-run-output]");
  io.hidden = false;
  const output = part(state, "[data-output]");
  output.replaceChildren();
  for (const line of result.lines) {
    if (output.childNodes.length > 0) output.append("\n");
    const span = document.createElement("span");
    span.className = `aw-line aw-${line.stream}`;
    span.textContent = formatLine(line);
    output.append(span);
  }
  state.widget.querySelector("[data-error]")?.remove();
  if (result.error) {
    const box = document.createElement("div");
    box.className = `aw-error aw-error-${result.error.kind}`;
    box.dataset.error = result.error.kind;
    box.textContent = errorText(result.error);
    io.before(box);
    if (result.error.line !== null) state.editor?.markLine(result.error.line);
  }
  const open = state.widget.querySelector<HTMLDetailsElement>("[data-timeline]")?.open ?? false;
  state.widget.querySelector("[data-timeline]")?.remove();
  const timeline = renderTimeline(result);
  if (timeline) {
    timeline.toggleAttribute("open", open);
    io.after(timeline);
  }
}

async function run(state: State, checks?: Check[]): Promise<RunResult> {
  state.editor?.markLine(null);
  return sandbox.run(code(state), { filename: "exercise.ts", ...(checks && { checks }) });
}

function showChecks(state: State, outcomes: CheckOutcome[]): void {
  const list = part(state, "[data-checks]");
  list.replaceChildren(
    ...outcomes.map((outcome) => {
      const item = document.createElement("li");
      item.dataset.check = outcome.kind;
      item.dataset.pass = String(outcome.pass);
      item.className = outcome.pass ? "aw-check-pass" : "aw-check-fail";
      const verdict = document.createElement("strong");
      verdict.textContent = outcome.pass ? "Pass" : "Not yet";
      const rule = document.createElement("code");
      rule.textContent = outcome.text;
      const message = document.createElement("span");
      // Authors write advice in Markdown; inline code is the only markup it needs.
      for (const [i, part] of outcome.message.split(/`([^`]+)`/).entries()) {
        if (i % 2 === 0) message.append(part);
        else message.append(Object.assign(document.createElement("code"), { textContent: part }));
      }
      item.append(verdict, " ", rule, ": ", message);
      return item;
    }),
  );
  part(state, "[data-check-results]").hidden = false;
}

async function check(state: State): Promise<void> {
  const checks = JSON.parse(state.widget.dataset.checkSpec ?? "[]") as Check[];
  state.checked = true;
  state.root.dataset.state = "checking";
  status(state, "Checking…");
  const submitted = code(state);
  const result = await run(state, checks);
  showRun(state, result);
  const outcomes = result.checks;
  if (!outcomes) {
    state.root.dataset.state = "failed";
    status(state, result.error ? `The check could not run: ${errorText(result.error)}` : "The check could not run.");
    return;
  }
  showChecks(state, outcomes);
  const failing = outcomes.filter((outcome) => !outcome.pass).length;
  const passed = failing === 0;
  state.root.dataset.state = passed ? "passed" : "failed";
  if (passed) {
    const [lesson = "", id = ""] = state.key.split("/");
    updateLesson(lesson, (progress) => {
      progress.exercises[id] = { code: submitted, passedAt: new Date().toISOString() };
    });
    state.root.querySelector<HTMLElement>("[data-passed-badge]")!.hidden = false;
    status(state, `All ${outcomes.length} checks pass. Well done: this exercise is marked as passed in your progress.`);
  } else {
    status(state, `${failing} of ${outcomes.length} checks do not pass yet. Read what each one says below.`);
  }
}

function nextHint(state: State, button: HTMLButtonElement | undefined): void {
  const box = part(state, "[data-hints]");
  const hidden = [...box.querySelectorAll<HTMLElement>("li[hidden]")];
  const total = box.querySelectorAll("li").length;
  const next = hidden[0];
  if (!next) return;
  box.hidden = false;
  next.hidden = false;
  const shown = total - hidden.length + 1;
  status(state, `Hint ${shown} of ${total} shown below.`);
  if (shown === total && button) {
    button.setAttribute("aria-disabled", "true");
    button.textContent = "Hint";
    button.title = "No more hints";
  }
}

function confirmBox(state: State, question: string, actions: [string, () => void][]): void {
  const box = part(state, "[data-confirm]");
  const text = document.createElement("p");
  text.textContent = question;
  const buttons = actions.map(([label, handler]) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "aw-button";
    button.textContent = label;
    button.addEventListener("click", () => {
      box.hidden = true;
      box.replaceChildren();
      handler();
    });
    return button;
  });
  box.replaceChildren(text, ...buttons);
  box.hidden = false;
  buttons[0]?.focus();
}

function showSolution(state: State): void {
  const box = part(state, "[data-solution-box]");
  const label = document.createElement("p");
  label.className = "aw-label";
  label.id = `${state.widget.id || "aw"}-solution-${state.key.replace(/\W/g, "-")}`;
  label.textContent = "Reference solution (your code is unchanged)";
  const pre = document.createElement("pre");
  pre.className = "aw-solution-code";
  pre.dataset.solution = "";
  pre.tabIndex = 0;
  pre.setAttribute("aria-labelledby", label.id);
  pre.textContent = state.widget.dataset.solutionCode ?? "";
  box.replaceChildren(label, pre);
  box.hidden = false;
  state.root.dataset.solutionShown = "";
  status(state, "The reference solution is shown below your code.");
}

function reset(state: State): void {
  const before = code(state);
  if (before === state.starter) {
    status(state, "The code is already the starter code.");
    return;
  }
  state.undo = before;
  setCode(state, state.starter);
  state.root.removeAttribute("data-state");
  status(state, "Restored the starter code.");
  confirmBox(state, "Your code was replaced by the starter code.", [
    [
      "Undo reset",
      () => {
        if (state.undo !== null) setCode(state, state.undo);
        state.undo = null;
        status(state, "Your code is back.");
        void state.editorLoading?.then((editor) => editor.focus());
      },
    ],
  ]);
}

/** Runs one toolbar action on the exercise `root`. */
export async function act(root: HTMLElement, action: string, button?: HTMLButtonElement): Promise<void> {
  const state = stateOf(root);
  if (action === "run" || action === "check") {
    if (state.busy) return;
    state.busy = true;
    const runButtons = [...state.widget.querySelectorAll<HTMLElement>("[data-action=run], [data-action=check]")];
    for (const b of runButtons) b.setAttribute("aria-disabled", "true");
    try {
      if (action === "check") await check(state);
      else {
        status(state, "Running…");
        const result = await run(state);
        showRun(state, result);
        status(state, result.error ? `The program ended with ${result.error.name}.` : "The program ran. Press Check to grade it.");
      }
    } finally {
      for (const b of runButtons) b.removeAttribute("aria-disabled");
      state.busy = false;
    }
  } else if (action === "hint") {
    nextHint(state, button);
  } else if (action === "solution") {
    if (root.hasAttribute("data-solution-shown")) {
      part(state, "[data-solution-box]").querySelector<HTMLElement>("[data-solution]")?.focus();
    } else if (!state.checked) {
      confirmBox(state, "You have not checked your code yet. Show the reference solution anyway?", [
        ["Show the solution", () => showSolution(state)],
        ["Not yet", () => status(state, "The solution stays hidden.")],
      ]);
    } else {
      showSolution(state);
    }
  } else if (action === "reset") {
    reset(state);
  }
}
