/**
 * The zod schema of a progress export, the same shape `model.ts` stores. Import validates a file
 * against it before changing anything. Loaded only where files are imported (the progress page).
 */
import { z } from "astro/zod";
import { PROGRESS_VERSION, type Progress } from "./model.ts";

const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "must be a date and time");

export const exerciseProgressSchema = z.object({
  /** The learner's passing code. */
  code: z.string(),
  passedAt: isoTime,
});

export const questionAnswerSchema = z.object({
  value: z.string(),
  correct: z.boolean(),
});

export const quizProgressSchema = z.object({
  answers: z.record(z.string(), questionAnswerSchema),
  score: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});

export const lessonProgressSchema = z.object({
  examplesRun: z.array(z.string()),
  exercises: z.record(z.string(), exerciseProgressSchema),
  quizzes: z.record(z.string(), quizProgressSchema),
  lastVisit: isoTime.nullable(),
});

export const progressSchema = z.object({
  version: z.literal(PROGRESS_VERSION),
  lessons: z.record(z.string(), lessonProgressSchema),
  lastLesson: z.string().nullable(),
});

/** Validates a parsed export. Returns the progress, or a message naming the first problem and where it is. */
export function parseProgress(data: unknown): { ok: true; progress: Progress } | { ok: false; message: string } {
  const result = progressSchema.safeParse(data);
  if (result.success) return { ok: true, progress: result.data as Progress };
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.map(String).join(".") : "the file";
  return { ok: false, message: `${where}: ${issue.message}` };
}
