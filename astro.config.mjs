// @ts-check
import { defineConfig } from "astro/config";
import starlight from "@astrojs/starlight";
import mdx from "@astrojs/mdx";
import { satteri } from "@astrojs/markdown-satteri";
import { runnableExamples } from "./src/remark/runnable-examples.ts";

export default defineConfig({
  site: "https://awaitable.example",
  markdown: {
    processor: satteri({ mdastPlugins: [runnableExamples()] }),
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
      ],
      lastUpdated: false,
      pagination: true,
    }),
    mdx(),
  ],
  vite: {
    worker: { format: "es" },
  },
});
