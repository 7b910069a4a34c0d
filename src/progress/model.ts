/**
 * What the course remembers of a learner, per lesson. Stored in localStorage under one key as
 * `{ version, ... }`; `migrate` brings any older stored shape up to the current one.
 */

export const PROGRESS_KEY = "awaitable:progress";
export const PROGRESS_VERSION = 1;

export interface ExerciseProgress {
  /** The learner's code when it first passed every check (updated on each later pass). */
  code: string;
  /** ISO time of the last pass. */
  passedAt: string;
}

export interface QuestionAnswer {
  /** What the learner answered: option indexes, typed lines, or a time. */
  value: string;
  correct: boolean;
}

export interface QuizProgress {
  answers: Record<string, QuestionAnswer>;
  /** Questions answered right / questions in the quiz. */
  score: number;
  total: number;
}

export interface LessonProgress {
  /** Keys of the examples the learner ran. */
  examplesRun: string[];
  /** Passed exercises by id. */
  exercises: Record<string, ExerciseProgress>;
  /** Quizzes by id. */
  quizzes: Record<string, QuizProgress>;
  /** ISO time of the last visit, or null. */
  lastVisit: string | null;
}

export interface Progress {
  version: typeof PROGRESS_VERSION;
  lessons: Record<string, LessonProgress>;
  /** Slug of the lesson visited last, for "Continue where you left off". */
  lastLesson: string | null;
}

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, lessons: {}, lastLesson: null };
}

export function emptyLesson(): LessonProgress {
  return { examplesRun: [], exercises: {}, quizzes: {}, lastVisit: null };
}

/** A value that is not a progress record of any known version. */
export class ProgressFormatError extends Error {
  override name = "ProgressFormatError";
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Upgrades a stored record to the current version. Version 0 is the first draft's shape, which
 * had no `version` field and kept only `{ lessons: { slug: { examples: [...] } } }`.
 * @throws {ProgressFormatError} when `data` is not a record of a known version.
 */
export function migrate(data: unknown): Progress {
  if (!isObject(data)) throw new ProgressFormatError("progress is not an object");
  let version = data.version ?? 0;
  let current: Record<string, unknown> = data;
  if (version === 0) {
    if (!isObject(current.lessons)) throw new ProgressFormatError("progress has no lessons");
    const lessons: Record<string, LessonProgress> = {};
    for (const [slug, old] of Object.entries(current.lessons)) {
      const examples = isObject(old) && Array.isArray(old.examples) ? old.examples.filter((x): x is string => typeof x === "string") : [];
      lessons[slug] = { ...emptyLesson(), examplesRun: examples };
    }
    current = { version: 1, lessons, lastLesson: null };
    version = 1;
  }
  if (version !== PROGRESS_VERSION) throw new ProgressFormatError(`unknown progress version ${String(version)}`);
  if (!isObject(current.lessons)) throw new ProgressFormatError("progress has no lessons");
  for (const lesson of Object.values(current.lessons)) {
    if (!isObject(lesson) || !Array.isArray(lesson.examplesRun) || !isObject(lesson.exercises) || !isObject(lesson.quizzes)) {
      throw new ProgressFormatError("a lesson's progress is malformed");
    }
  }
  return current as unknown as Progress;
}

/** Lesson counts shown in the sidebar, the outline and the progress page. */
export interface LessonTotals {
  slug: string;
  title: string;
  href: string;
  exercises: number;
  quizzes: number;
  examples: number;
}

export type LessonStatus = "done" | "in-progress" | "not-started";

/** Done when every exercise passed and every quiz was answered in full; in progress once anything was tried. */
export function lessonStatus(totals: LessonTotals, lesson: LessonProgress | undefined): { status: LessonStatus; done: number; total: number } {
  const total = totals.exercises + totals.quizzes;
  if (!lesson) return { status: "not-started", done: 0, total };
  const passed = Object.keys(lesson.exercises).length;
  const quizzesDone = Object.values(lesson.quizzes).filter((quiz) => Object.keys(quiz.answers).length >= quiz.total).length;
  const done = Math.min(passed, totals.exercises) + Math.min(quizzesDone, totals.quizzes);
  const touched = done > 0 || lesson.examplesRun.length > 0 || Object.keys(lesson.quizzes).length > 0;
  const status: LessonStatus = total > 0 && done >= total ? "done" : touched ? "in-progress" : "not-started";
  return { status, done, total };
}
