import { getCollection, type CollectionEntry } from "astro:content";

export type Lesson = CollectionEntry<"docs"> & { data: { order: number; description: string } };

function isLesson(entry: CollectionEntry<"docs">): entry is Lesson {
  return entry.data.kind === "lesson";
}

/** Every lesson in course order. Two lessons with the same `order` stop the build. */
export async function getLessons(): Promise<Lesson[]> {
  const lessons = (await getCollection("docs")).filter(isLesson).sort((a: Lesson, b: Lesson) => a.data.order - b.data.order);
  for (let i = 1; i < lessons.length; i++) {
    const [before, after] = [lessons[i - 1], lessons[i]];
    if (before.data.order === after.data.order) {
      throw new Error(
        `Lessons ${before.filePath} and ${after.filePath} both have order: ${after.data.order}.\n` +
          "Hint: give every lesson its own position in the course.",
      );
    }
  }
  return lessons;
}

/** The URL of a lesson page. */
export function lessonHref(lesson: Lesson): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, "")}/${lesson.id}/`;
}
