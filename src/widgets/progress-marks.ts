/**
 * Marks each lesson where learners look for it: the sidebar's lesson links, the outline's
 * lessons (`[data-lesson-progress]`), and the home page's "Continue where you left off" link
 * (`[data-continue]`). Runs on every page; reads progress once.
 */
import { lessonStatus, type LessonTotals } from "../progress/model.ts";
import { announceStorageProblem, loadProgress, onProgressChange } from "../progress/store.ts";

const LABELS = { done: "Done", "in-progress": "In progress", "not-started": "Not started" } as const;

function totals(): LessonTotals[] {
  try {
    return JSON.parse(document.getElementById("aw-lesson-totals")?.textContent ?? "[]") as LessonTotals[];
  } catch {
    return [];
  }
}

function mark(lesson: LessonTotals, long: boolean): HTMLElement {
  const { status, done, total } = lessonStatus(lesson, loadProgress().lessons[lesson.slug]);
  const span = document.createElement("span");
  span.className = "aw-progress-mark";
  span.dataset.status = status;
  span.dataset.progressMark = lesson.slug;
  const hidden = document.createElement("span");
  hidden.className = "aw-sr-only";
  hidden.textContent = ` (${LABELS[status]}, ${done} of ${total} exercises and quizzes done)`;
  const visible = document.createElement("span");
  visible.setAttribute("aria-hidden", "true");
  visible.textContent = long ? `${LABELS[status]} · ${done}/${total}` : status === "done" ? "✓" : `${done}/${total}`;
  span.append(visible, hidden);
  return span;
}

function render(): void {
  const lessons = totals();
  for (const lesson of lessons) {
    const path = new URL(lesson.href, location.href).pathname;
    for (const link of document.querySelectorAll<HTMLAnchorElement>(`nav a[href="${path}"], nav a[href="${lesson.href}"]`)) {
      link.querySelector("[data-progress-mark]")?.remove();
      link.append(mark(lesson, false));
    }
    for (const slot of document.querySelectorAll<HTMLElement>(`[data-lesson-progress="${lesson.slug}"]`)) {
      slot.replaceChildren(mark(lesson, true));
    }
  }
  const continueBox = document.querySelector<HTMLElement>("[data-continue]");
  const last = loadProgress().lastLesson;
  const lesson = lessons.find((l) => l.slug === last);
  if (continueBox && lesson) {
    const link = continueBox.querySelector("a")!;
    link.href = lesson.href;
    link.textContent = `Continue where you left off: ${lesson.title}`;
    continueBox.hidden = false;
  }
}

export function showProgressMarks(): void {
  render();
  onProgressChange(render);
  announceStorageProblem();
}
