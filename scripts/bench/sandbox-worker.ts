/**
 * The site's sandbox worker bundled with esbuild, for running it in a plain Chromium page (the
 * bench and the macrotask tests) without building the site. The site's worker gets the lessons'
 * predicate checks through Vite's import.meta.glob; these runs grade no exercise, so the bundle
 * goes without them.
 */
import { build } from "esbuild";

const WORKER = new URL("../../src/sandbox/worker.ts", import.meta.url).pathname;

export async function bundleSandboxWorker(options: { minify?: boolean } = {}): Promise<string> {
  const out = await build({
    entryPoints: [WORKER],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    minify: options.minify ?? false,
    plugins: [
      {
        name: "no-lesson-predicates",
        setup(bundler) {
          bundler.onLoad({ filter: /sandbox[\\/]predicates\.ts$/ }, () => ({
            contents: "export const loadPredicate = async (path) => { throw new Error(`no predicate ${path} here`); };",
            loader: "ts",
          }));
        },
      },
    ],
  });
  return out.outputFiles[0]!.text;
}
