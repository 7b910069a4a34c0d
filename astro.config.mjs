// @ts-check
import { fileURLToPath } from "node:url";
import { defineConfig } from "astro/config";
import starlight from "@astrojs/starlight";
import mdx from "@astrojs/mdx";
import { satteri } from "@astrojs/markdown-satteri";
import starlightLinksValidator from "starlight-links-validator";
import { linkCheckIds } from "./src/remark/link-check-ids.ts";
import { runnableExamples } from "./src/remark/runnable-examples.ts";

export default defineConfig({
  site: "https://awaitable.example",
  build: { inlineStylesheets: "always" },
  markdown: {
    processor: satteri({ mdastPlugins: [runnableExamples()], hastPlugins: [linkCheckIds(new URL("./content/", import.meta.url))] }),
  },
  integrations: [
    starlight({
      title: "Awaitable",
      description: "Learn Python's asyncio by running small programs on a virtual clock.",
      markdown: { processedDirs: ["./content"] },
      customCss: ["./src/styles/course.css", "./src/styles/practice.css"],
      components: {
        MarkdownContent: "./src/components/LessonContent.astro",
        Search: "./src/components/Search.astro",
        Sidebar: "./src/components/Sidebar.astro",
      },
      sidebar: [
        {
          label: "Start here",
          items: [
            { label: "Welcome", link: "/" },
            { label: "Course outline", link: "/outline/" },
            { label: "Your progress", link: "/progress/" },
          ],
        },
        { label: "Lessons", items: [{ autogenerate: { directory: "content/lessons" } }] },
        { label: "Reference", items: [{ label: "Cheat sheet", link: "/cheatsheet/" }] },
      ],
      // Every internal link and heading anchor in the lessons must lead somewhere: a broken one
      // fails the build with the file and the link. The validator cannot see into the site's own
      // pages (src/pages), so links to them are taken as they are.
      plugins: [starlightLinksValidator({ exclude: ["/cheatsheet/", "/outline/", "/progress/"] })],
      lastUpdated: false,
      pagination: true,
    }),
    mdx(),
  ],
  vite: {
    worker: { format: "es" },
    resolve: {
      // Starlight loads the search UI on idle on every page; this loads it when search is wanted.
      alias: [{ find: /^@pagefind\/default-ui$/, replacement: fileURLToPath(new URL("./src/components/search-on-demand.ts", import.meta.url)) }],
    },
  },
});
