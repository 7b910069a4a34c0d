import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "astro/zod";
import { docsSchema } from "@astrojs/starlight/schema";

/**
 * Frontmatter of a lesson (`content/lessons/*.mdx`), on top of Starlight's own fields
 * (`title`, `tableOfContents`, …). A lesson that does not match fails the build, and Astro's
 * message names the file and the field.
 */
export const lessonSchema = z.object({
  /** `lesson` (the default) for course lessons. `page` marks the site's own pages (home,
   * outline): Starlight validates their frontmatter against this schema too, and they have no
   * place in the course order. */
  kind: z.enum(["lesson", "page"]).default("lesson"),
  /** One sentence saying what the learner will be able to do; shown under the title and in the
   * course outline. Required for lessons. */
  description: z.string().min(10, "`description` is too short: say in one sentence what the lesson teaches").optional(),
  /** Position in the course, 1 for the first lesson. Drives the sidebar, prev/next links and the
   * outline. Required for lessons; two lessons may not share a number. */
  order: z.number().int("`order` must be a whole number").positive("`order` must be 1 or more").optional(),
  /** The asyncio ideas the lesson introduces, e.g. `["coroutine", "await"]`; listed in the
   * outline. */
  concepts: z.array(z.string().min(1)).default([]),
  /** Rough reading-and-trying time in minutes, shown in the outline. */
  minutes: z.number().int().positive().optional(),
});

export type LessonData = z.infer<typeof lessonSchema>;

const lessons = defineCollection({
  loader: glob({ base: "./content", pattern: "lessons/**/[^_]*.{md,mdx}" }),
  schema: (context) =>
    docsSchema({ extend: lessonSchema })(context)
      .superRefine((data, ctx) => {
        if (data.kind !== "lesson") return;
        if (data.description === undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["description"],
            message: "every lesson needs a `description`: one sentence on what it teaches",
          });
        }
        if (data.order === undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["order"],
            message: "every lesson needs an `order`: its position in the course, 1 for the first",
          });
        }
      })
      .transform((data) => ({
        ...data,
        // The sidebar follows the course order; `order` is the one place a lesson states it.
        sidebar: { ...data.sidebar, order: data.order ?? data.sidebar.order },
      })),
});

export const collections = { docs: lessons };
