import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";

/**
 * Builds a copy of the site with one broken lesson and checks the build fails with a message that
 * names the file. The copy sits inside the project (under the ignored .cache/) so it resolves the
 * project's node_modules as the real site does.
 */
const ROOT = new URL("../../", import.meta.url).pathname;
const LESSON = readFileSync(join(ROOT, "content/lessons/01-sync-vs-async.mdx"), "utf8");
const run = promisify(execFile);

async function buildWith(name: string, lesson: string): Promise<string> {
  const site = join(ROOT, ".cache", `build-errors-${name}`);
  rmSync(site, { recursive: true, force: true });
  mkdirSync(join(site, "content", "lessons"), { recursive: true });
  for (const part of ["astro.config.mjs", "src", "public"]) cpSync(join(ROOT, part), join(site, part), { recursive: true });
  writeFileSync(join(site, "content", "lessons", "05-broken.mdx"), lesson);
  try {
    await run("npx", ["astro", "build"], { cwd: site, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" } });
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    return stdout + stderr;
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
  throw new Error(`the build with a broken lesson (${name}) succeeded`);
}

test.describe("a broken lesson fails the build", () => {
  test.describe.configure({ timeout: 120_000 });

  test("with frontmatter that does not match the schema, naming the file and the field", async () => {
    const output = await buildWith("frontmatter", LESSON.replace(/^order: .*$/m, "order: first"));
    expect(output).toContain("content/lessons/05-broken.mdx");
    expect(output).toMatch(/order.*Expected type `"number"`/);
  });

  test("with a lesson missing its order", async () => {
    const output = await buildWith("no-order", LESSON.replace(/^order: .*\n/m, ""));
    expect(output).toContain("content/lessons/05-broken.mdx");
    expect(output).toContain("every lesson needs an `order`");
  });

  test("with a runnable fence lacking its output fence, naming file and line", async () => {
    const output = await buildWith("no-output", `${LESSON}\n\`\`\`ts runnable\nconsole.log(1);\n\`\`\`\n\nText.\n`);
    const line = LESSON.split("\n").length + 1;
    expect(output).toContain(`content/lessons/05-broken.mdx:${line}: runnable fence has no \`\`\`output fence`);
  });

  test("with a link to a page or a heading that does not exist, naming the file and the link", async () => {
    const output = await buildWith("links", `${LESSON}\nSee [the missing lesson](/lessons/nope/) and [a missing heading](#no-such-heading).\n`);
    expect(output).toContain("content/lessons/05-broken.mdx");
    expect(output).toMatch(/\/lessons\/nope\/[\s\S]*invalid link/);
    expect(output).toMatch(/#no-such-heading[\s\S]*invalid hash/);
    expect(output).toContain("Links validation failed");
  });
});
