/**
 * The learner's progress in localStorage. Storage may be missing (private windows), full or hold
 * something unreadable: the course then keeps progress in memory for this page, leaves whatever
 * was stored untouched, and says once that progress cannot be kept.
 */
import { emptyLesson, emptyProgress, migrate, PROGRESS_KEY, type LessonProgress, type Progress } from "./model.ts";

let cache: Progress | null = null;
/** Why progress cannot be kept, or null while it can. */
let problem: string | null = null;
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The stored progress (migrated), or an empty record when none is stored or it cannot be read. */
export function loadProgress(): Progress {
  if (cache) return cache;
  const store = storage();
  if (!store) {
    problem = "storage is disabled in this browser";
    return (cache = emptyProgress());
  }
  let raw: string | null;
  try {
    raw = store.getItem(PROGRESS_KEY);
  } catch {
    problem = "storage is disabled in this browser";
    return (cache = emptyProgress());
  }
  if (raw === null) return (cache = emptyProgress());
  try {
    cache = migrate(JSON.parse(raw));
  } catch {
    problem = "the progress stored in this browser is damaged";
    cache = emptyProgress();
  }
  return cache;
}

/** Why progress cannot be kept in this browser, or null when it can. */
export function progressProblem(): string | null {
  loadProgress();
  return problem;
}

function save(): void {
  if (problem !== null || cache === null) return;
  try {
    storage()?.setItem(PROGRESS_KEY, JSON.stringify(cache));
  } catch {
    problem = "storage in this browser is full or disabled";
  }
}

/** Changes one lesson's progress and saves it. */
export function updateLesson(slug: string, change: (lesson: LessonProgress) => void): void {
  const progress = loadProgress();
  const lesson = (progress.lessons[slug] ??= emptyLesson());
  change(lesson);
  save();
  for (const listener of listeners) listener();
}

/** Replaces everything (import, reset). Returns false when it could not be saved. */
export function replaceProgress(next: Progress): boolean {
  cache = next;
  if (problem === "the progress stored in this browser is damaged") problem = null;
  save();
  for (const listener of listeners) listener();
  return problem === null;
}

export function recordVisit(slug: string): void {
  loadProgress().lastLesson = slug;
  updateLesson(slug, (lesson) => {
    lesson.lastVisit = new Date().toISOString();
  });
}

export function recordExampleRun(slug: string, key: string): void {
  if (loadProgress().lessons[slug]?.examplesRun.includes(key)) return;
  updateLesson(slug, (lesson) => {
    lesson.examplesRun.push(key);
  });
}

export function onProgressChange(listener: () => void): void {
  listeners.add(listener);
}

/** Shows, once per visit to the site, that progress cannot be kept. */
export function announceStorageProblem(): void {
  const reason = progressProblem();
  if (reason === null || document.querySelector("[data-progress-notice]")) return;
  try {
    if (sessionStorage.getItem("awaitable:progress-notice") === "shown") return;
    sessionStorage.setItem("awaitable:progress-notice", "shown");
  } catch {
    // Without session storage the notice shows on each page; the course still works.
  }
  const notice = document.createElement("p");
  notice.className = "aw-progress-notice";
  notice.setAttribute("role", "status");
  notice.dataset.progressNotice = "";
  notice.textContent = `Your progress cannot be kept: ${reason}. The course works as usual, but what you complete is forgotten when you leave.`;
  const main = document.querySelector("main") ?? document.body;
  main.prepend(notice);
}
