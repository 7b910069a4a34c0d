/**
 * Names each lesson for starlight-links-validator by its page path. The validator identifies a
 * page by its file's path under `src/content/docs/`; the course keeps its lessons in `content/`,
 * so it would know none of them and reject every link to a lesson. A frontmatter `slug` is what
 * the validator uses instead of that path, so this plugin gives it, in the render data only (the
 * page's address still comes from the content collection), before the validator's own plugin
 * runs.
 */
import { relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { SatteriAstroData } from "@astrojs/markdown-satteri";
import { defineHastPlugin, type HastPluginEntry } from "satteri";

export function linkCheckIds(contentDir: URL): HastPluginEntry {
  const root = fileURLToPath(contentDir);
  return ({ fileURL }) => {
    if (!fileURL || fileURL.protocol !== "file:") return null;
    const path = relative(root, fileURLToPath(fileURL));
    if (path.startsWith("..")) return null;
    const slug = path.split(sep).join("/").replace(/\.mdx?$/, "").replace(/(^|\/)index$/, "");
    return defineHastPlugin({
      name: "awaitable-link-check-ids",
      before(_root, ctx) {
        const frontmatter = (ctx.data as { astro?: SatteriAstroData }).astro?.frontmatter;
        if (frontmatter && frontmatter["slug"] === undefined) frontmatter["slug"] = slug;
      },
    });
  };
}
