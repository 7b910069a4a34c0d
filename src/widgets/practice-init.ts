/**
 * The eager part of a lesson's practice: records visits and example runs in progress, keeps
 * predict-first outputs hidden until a run or Reveal, loads an exercise's editor when the
 * exercise nears the viewport, and loads the exercise and quiz code on the first press.
 */
import { announceStorageProblem, loadProgress, recordExampleRun, recordVisit } from "../progress/store.ts";

const slug = () => location.pathname.split("/").filter(Boolean).at(-1) ?? "";

function revealExpected(root: HTMLElement): void {
  for (const pre of root.querySelectorAll<HTMLElement>(".aw-expected[hidden]")) pre.hidden = false;
  for (const note of root.querySelectorAll("[data-predict-note]")) note.remove();
}

/** A run ends with `data-state` "match" or "mismatch" on the example: count it, and reveal. */
function watchExamples(lesson: string): void {
  const examples = document.querySelectorAll<HTMLElement>("[data-example]");
  const observer = new MutationObserver((records) => {
    for (const { target } of records) {
      const root = target as HTMLElement;
      const state = root.dataset.state;
      if (state !== "match" && state !== "mismatch") continue;
      recordExampleRun(lesson, root.dataset.example!);
      if (root.hasAttribute("data-predict")) revealExpected(root);
    }
  });
  for (const root of examples) {
    observer.observe(root, { attributes: true, attributeFilter: ["data-state"] });
    root.querySelector("[data-action=reveal]")?.addEventListener("click", () => {
      revealExpected(root);
      root.querySelector<HTMLElement>(".aw-expected")?.focus();
    });
  }
}

let exerciseModule: Promise<typeof import("./exercise.ts")> | null = null;
const loadExercise = () => (exerciseModule ??= import("./exercise.ts"));

function setupExercise(root: HTMLElement, lesson: string): void {
  const id = root.dataset.exercise!.split("/").pop()!;
  if (loadProgress().lessons[lesson]?.exercises[id]) {
    root.querySelector<HTMLElement>("[data-passed-badge]")!.hidden = false;
  }
  const widget = root.querySelector<HTMLElement>("[data-exercise-widget]");
  if (!widget) return;
  widget.addEventListener("click", (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>("button[data-action]");
    if (!button || button.getAttribute("aria-disabled") === "true") return;
    void loadExercise().then((module) => module.act(root, button.dataset.action!, button));
  });
  widget.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void loadExercise().then((module) => module.act(root, "run"));
    }
  });
  const codeView = widget.querySelector<HTMLElement>("[data-code-view]")!;
  const open = (focus: boolean) => void loadExercise().then((module) => module.openEditor(root, focus));
  codeView.addEventListener("focusin", () => open(true), { once: true });
  codeView.addEventListener("pointerdown", () => open(true), { once: true });
  // The editor loads as the exercise comes near, not with the page.
  const near = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      near.disconnect();
      open(false);
    },
    { rootMargin: "200px 0px" },
  );
  near.observe(root);
}

function setupQuiz(root: HTMLElement, lesson: string): void {
  const id = root.dataset.quiz!.split("/").pop()!;
  const saved = loadProgress().lessons[lesson]?.quizzes[id];
  if (saved) root.querySelector("[data-quiz-score]")!.textContent = `Last time: ${saved.score} of ${saved.total} right.`;
  root.addEventListener("click", (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>("button[data-action=check-answer]");
    const question = button?.closest<HTMLElement>("[data-question]");
    if (!question) return;
    void import("./quiz.ts").then((module) => module.checkAnswer(root, question));
  });
}

/** Sets up practice on a lesson page. */
export function initPractice(): void {
  const lesson = slug();
  const isLesson = document.querySelector("[data-example], [data-exercise], [data-quiz]") !== null;
  if (isLesson) recordVisit(lesson);
  watchExamples(lesson);
  for (const root of document.querySelectorAll<HTMLElement>("[data-exercise]")) setupExercise(root, lesson);
  for (const root of document.querySelectorAll<HTMLElement>("[data-quiz]")) setupQuiz(root, lesson);
  announceStorageProblem();
}
