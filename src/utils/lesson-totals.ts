/**
 * How many exercises, quizzes and examples each lesson has, for the progress marks. Read at
 * build time from the lessons with the extraction the build uses.
 */
import { readFileSync } from "node:fs";
import { extractExamples } from "../remark/extract-examples.ts";
import { extractPractice } from "../remark/extract-practice.ts";
import type { LessonTotals } from "../progress/model.ts";
import { getLessons, lessonHref } from "./lessons.ts";

export async function lessonTotals(): Promise<LessonTotals[]> {
  const lessons = await getLessons();
  return lessons.map((lesson) => {
    const file = lesson.filePath ?? "";
    const source = file ? readFileSync(file, "utf8") : "";
    const practice = source ? extractPractice(source, file) : { exercises: [], quizzes: [] };
    return {
      slug: lesson.id.split("/").pop() ?? lesson.id,
      title: lesson.data.title,
      href: lessonHref(lesson),
      exercises: practice.exercises.length,
      quizzes: practice.quizzes.length,
      examples: source ? extractExamples(source, file).length : 0,
    };
  });
}
