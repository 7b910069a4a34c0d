/**
 * The state of one runnable example widget, found from its server-rendered markup. The eager
 * script (`init.ts`) and the lazy modules (`run.ts`, `editor.ts`) share it.
 */
import { clearEdit, loadEdit, saveEdit } from "./storage.ts";

export interface EditorHandle {
  getCode(): string;
  setCode(code: string): void;
  /** Marks one 1-based line as the error position, or clears the mark with null. */
  markLine(line: number | null): void;
  focus(): void;
}

export class Example {
  readonly root: HTMLElement;
  readonly key: string;
  readonly original: string;
  readonly expectedError: string | null;
  readonly codeView: HTMLElement;
  readonly output: HTMLElement;
  readonly expected: HTMLElement;
  /** The pane around `expected`, hidden while an edited run is shown on its own. */
  readonly expectedPane: HTMLElement;
  readonly outputLabel: HTMLElement;
  readonly status: HTMLElement;
  readonly runButton: HTMLButtonElement;
  editor: EditorHandle | null = null;
  /** Set while the editor module loads, so intent events load it once. */
  editorLoading: Promise<EditorHandle> | null = null;
  running = false;
  /** Set after a run that recorded its loop steps: opens the stepper at a step. */
  stepThrough: ((step: number) => Promise<void>) | null = null;

  constructor(root: HTMLElement) {
    this.root = root;
    this.key = root.dataset.example!;
    this.original = root.dataset.code ?? "";
    this.expectedError = root.dataset.expectedError ?? null;
    this.codeView = root.querySelector<HTMLElement>("[data-code-view]")!;
    this.output = root.querySelector<HTMLElement>("[data-output]")!;
    this.expected = root.querySelector<HTMLElement>("[data-expected]")!;
    this.expectedPane = this.expected.closest<HTMLElement>(".aw-pane")!;
    this.outputLabel = this.output.closest(".aw-pane")!.querySelector<HTMLElement>(".aw-label")!;
    this.status = root.querySelector<HTMLElement>("[data-status]")!;
    this.runButton = root.querySelector<HTMLButtonElement>("[data-action=run]")!;
  }

  /** The code a run uses: the editor's, else the saved edit, else the original. */
  code(): string {
    return this.editor?.getCode() ?? loadEdit(this.key) ?? this.original;
  }

  hasSavedEdit(): boolean {
    return loadEdit(this.key) !== null;
  }

  save(code: string): void {
    saveEdit(this.key, code, this.original);
    this.root.toggleAttribute("data-edited", code !== this.original);
  }

  /** Goes back to judging runs against the documented output, after a run of edited code. */
  endQuietComparison(): void {
    this.root.querySelector("[data-action=compare]")?.remove();
    this.root.removeAttribute("data-comparing");
    this.expectedPane.hidden = false;
    this.outputLabel.textContent = "Output";
  }

  reset(): void {
    this.endQuietComparison();
    clearEdit(this.key);
    this.editor?.setCode(this.original);
    this.editor?.markLine(null);
    this.root.removeAttribute("data-edited");
    this.root.removeAttribute("data-state");
    this.output.replaceChildren();
    this.status.textContent = "Restored the original code.";
    this.root.querySelector("[data-error]")?.remove();
    this.root.querySelector("[data-timeline]")?.remove();
    this.root.querySelector("[data-step-through]")?.remove();
    this.root.querySelector("[data-stepper]")?.remove();
    this.stepThrough = null;
    for (const line of this.root.querySelectorAll(".aw-diff, .aw-error-line")) {
      line.classList.remove("aw-diff", "aw-error-line");
    }
  }
}
