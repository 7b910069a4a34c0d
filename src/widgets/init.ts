/**
 * The eager part of the runnable examples: wires up tabs and buttons, and loads the heavier
 * parts only on intent. The sandbox (worker, runtime, compiler) loads when the page goes idle, or
 * when the pointer or focus reaches a widget; the editor loads when the learner goes to edit.
 */
import { Example, type EditorHandle } from "./example.ts";

let sandboxLoad: Promise<typeof import("../sandbox/client.ts")> | null = null;

function warmSandbox(): void {
  sandboxLoad ??= import("../sandbox/client.ts");
  sandboxLoad
    .then((module) => module.sandbox.ready())
    // A state tests and benchmarks can wait for: a loaded worker is standing by.
    .then(() => document.documentElement.setAttribute("data-sandbox", "ready"))
    .catch(() => {
      // Loading failed (offline?); forget it so the next intent tries again.
      sandboxLoad = null;
    });
}

async function run(example: Example): Promise<void> {
  if (example.running) return;
  example.running = true;
  try {
    warmSandbox();
    const { runExample } = await import("./run.ts");
    await runExample(example);
  } finally {
    example.running = false;
  }
}

function openEditor(example: Example, focus: boolean): Promise<EditorHandle> {
  example.editorLoading ??= import("./editor.ts").then(({ attachEditor }) => {
    const handle = attachEditor(example, { onRun: () => void run(example) });
    example.editor = handle;
    return handle;
  });
  if (focus) void example.editorLoading.then((editor) => editor.focus());
  return example.editorLoading;
}

function setupTabs(root: HTMLElement): void {
  const tabs = [...root.querySelectorAll<HTMLButtonElement>("[role=tab]")];
  const select = (chosen: HTMLButtonElement) => {
    for (const tab of tabs) {
      const selected = tab === chosen;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      document.getElementById(tab.getAttribute("aria-controls")!)!.hidden = !selected;
    }
  };
  for (const [index, tab] of tabs.entries()) {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      let next: HTMLButtonElement | undefined;
      if (step) next = tabs[(index + step + tabs.length) % tabs.length];
      else if (event.key === "Home") next = tabs[0];
      else if (event.key === "End") next = tabs[tabs.length - 1];
      if (!next) return;
      event.preventDefault();
      select(next);
      next.focus();
    });
  }
}

function setup(example: Example): void {
  const { root, codeView } = example;
  setupTabs(root);
  root.addEventListener("pointerenter", warmSandbox, { once: true });
  root.addEventListener("focusin", warmSandbox, { once: true });
  example.runButton.addEventListener("click", () => void run(example));
  root.querySelector("[data-action=reset]")!.addEventListener("click", () => example.reset());
  root.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void run(example);
    }
  });

  const onEditIntent = (event: Event) => {
    if (example.editor || (event.target as Element).closest(".copy")) return;
    if (event instanceof KeyboardEvent && (event.key === "Tab" || event.ctrlKey || event.metaKey)) return;
    void openEditor(example, true);
  };
  for (const type of ["focusin", "pointerdown", "keydown"]) codeView.addEventListener(type, onEditIntent);

  if (example.hasSavedEdit()) {
    root.setAttribute("data-edited", "");
    void openEditor(example, false);
  }
}

/** A link to a stepper's moment (`#step:<example>:<n>`) runs that example and opens the stepper there. */
async function restoreStep(examples: Example[]): Promise<void> {
  const match = /^#step:(.+):(\d+)$/.exec(decodeURIComponent(location.hash));
  const example = match && examples.find((candidate) => candidate.key === match[1]);
  if (!match || !example) return;
  example.root.scrollIntoView();
  await run(example);
  await example.stepThrough?.(Number(match[2]));
}

/** Sets up every runnable example on the page. */
export function initExamples(): void {
  const roots = document.querySelectorAll<HTMLElement>("[data-example]");
  if (roots.length === 0) return;
  const examples = [...roots].map((root) => new Example(root));
  for (const example of examples) setup(example);
  void restoreStep(examples);

  const whenIdle = () =>
    "requestIdleCallback" in window ? requestIdleCallback(warmSandbox, { timeout: 4000 }) : setTimeout(warmSandbox, 500);
  if (document.readyState === "complete") whenIdle();
  else addEventListener("load", whenIdle, { once: true });
}
