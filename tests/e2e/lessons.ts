/**
 * The lessons and their runnable examples, read from `content/lessons/` with the same extraction
 * the build uses, so the tests cover every example there is.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { extractExamples, type RunnableExample } from "../../src/remark/extract-examples.ts";

export interface LessonPage {
  file: string;
  /** Path of the lesson page, e.g. `/lessons/01-sync-vs-async/`. */
  url: string;
  /** The `order` frontmatter field: the lesson's position in the course. */
  order: number;
  examples: RunnableExample[];
}

const ROOT = new URL("../../", import.meta.url).pathname;
const LESSONS_DIR = join(ROOT, "content", "lessons");

function lessonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return lessonFiles(path);
    return /^[^_].*\.mdx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every lesson, in course order. */
export function loadLessons(): LessonPage[] {
  return lessonFiles(LESSONS_DIR)
    .sort()
    .map((path) => {
      const file = relative(ROOT, path);
      const slug = relative(join(ROOT, "content"), path).replace(/\.mdx?$/, "").toLowerCase();
      const source = readFileSync(path, "utf8");
      const order = Number(/^order:\s*(\d+)\s*$/m.exec(source)?.[1] ?? NaN);
      return { file, url: `/${slug}/`, order, examples: extractExamples(source, file) };
    })
    .sort((a, b) => a.order - b.order);
}

/** The first lesson with a runnable example, and that example. */
export function firstExample(): { lesson: LessonPage; example: RunnableExample } {
  for (const lesson of loadLessons()) {
    const [example] = lesson.examples;
    if (example) return { lesson, example };
  }
  throw new Error("no lesson has a runnable example");
}

/** Splits displayed output into lines, ignoring trailing spaces (an empty print is `[t] `). */
export function outputLines(text: string): string[] {
  const lines = text.replace(/\n+$/, "").split("\n").map((line) => line.trimEnd());
  return lines.length === 1 && lines[0] === "" ? [] : lines;
}
