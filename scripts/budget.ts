/**
 * Checks the JavaScript budget of lesson pages: the gzip size of all JS a lesson page runs before
 * the learner interacts with it (module scripts, their static imports, inline scripts). Chunks
 * loaded later with `import()` (sandbox, editor, search UI) are listed but not counted there.
 *
 * What a page loads by itself once the browser is idle (the sandbox host and its worker, warmed
 * so the first Run is quick) is reported per page and held to a budget of its own.
 *
 *   npm run budget            # uses dist/, building first if it is missing
 *   npm run budget -- --build # always builds first
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 20 * 1024;
/** JavaScript a lesson page may fetch on idle without any interaction: the sandbox host and worker. */
const IDLE_BUDGET_BYTES = 120 * 1024;
const ROOT = resolve(import.meta.dirname, "..");
const DIST = join(ROOT, "dist");

function build(): void {
  console.log("Building the site…");
  execFileSync("npx", ["astro", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
}

function gzipSize(text: string | Buffer): number {
  return gzipSync(text, { level: 9 }).length;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith(".html") ? [path] : [];
  });
}

/** Resolves a script URL from a page to a file in dist/, or null for other origins. */
function distFile(url: string | undefined, from: string): string | null {
  if (url === undefined) return null;
  if (/^[a-z]+:/i.test(url) || url.startsWith("//")) return null;
  const path = url.startsWith("/") ? join(DIST, url) : resolve(dirname(from), url);
  return existsSync(path) ? path : null;
}

// Minifiers quote specifiers with ', " or `.
const STATIC_IMPORT = /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'`]([^"'`]+)["'`]/g;
const DYNAMIC_IMPORT = /import\(\s*["'`]([^"'`]+)["'`]\s*\)/g;

interface Graph {
  eager: Set<string>;
  lazy: Set<string>;
}

/** Adds `file` and everything it statically imports to `graph.eager`; `import()` targets to lazy. */
function walk(file: string, graph: Graph): void {
  if (graph.eager.has(file)) return;
  graph.eager.add(file);
  const code = readFileSync(file, "utf8");
  for (const [, spec] of code.matchAll(STATIC_IMPORT)) {
    const target = distFile(spec, file);
    if (target) walk(target, graph);
  }
  for (const [, spec] of code.matchAll(DYNAMIC_IMPORT)) {
    const target = distFile(spec, file);
    if (target) graph.lazy.add(target);
  }
  // Vite's preload helper names lazy chunks in a dependency map rather than in import() calls.
  for (const [, spec] of code.matchAll(/["'`](_astro\/[^"'`]+\.js)["'`]/g)) {
    const target = distFile(spec && `/${spec}`, file);
    if (target) graph.lazy.add(target);
  }
}

interface PageReport {
  page: string;
  inlineBytes: number;
  files: { file: string; gzip: number }[];
  total: number;
  lazy: { file: string; gzip: number }[];
  /** Loaded on idle: the sandbox host chunk, what it imports, and the worker it starts. */
  idle: { file: string; gzip: number }[];
  idleTotal: number;
}

// The idle warm-up imports the sandbox host; its chunk keeps the module's name.
const SANDBOX_HOST = /^client\.[\w-]+\.js$/;
const WORKER_URL = /["'`]([^"'`]*\/worker-[\w-]+\.js)["'`]/g;

/** The files the idle warm-up fetches: the host chunk, its static imports, and its worker. */
function idleFiles(lazy: Set<string>, eager: Set<string>, from: string): string[] {
  const host = [...lazy].find((file) => SANDBOX_HOST.test(file.split("/").pop() ?? ""));
  if (!host) return [];
  const graph: Graph = { eager: new Set(), lazy: new Set() };
  walk(host, graph);
  const files = [...graph.eager].filter((file) => !eager.has(file));
  for (const file of [...graph.eager]) {
    for (const [, url] of readFileSync(file, "utf8").matchAll(WORKER_URL)) {
      const worker = distFile(url, from);
      if (worker && !files.includes(worker)) files.push(worker);
    }
  }
  return files;
}

function measure(page: string): PageReport {
  const html = readFileSync(page, "utf8");
  const graph: Graph = { eager: new Set(), lazy: new Set() };
  let inlineBytes = 0;
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const [, attrs = "", body = ""] = match;
    const type = /\btype=["']?([^"'\s>]+)/.exec(attrs)?.[1];
    if (type && type !== "module" && type !== "text/javascript") continue;
    const src = /\bsrc=["']([^"']+)["']/.exec(attrs)?.[1];
    if (src) {
      const file = distFile(src, page);
      if (file) walk(file, graph);
    } else if (body.trim()) {
      inlineBytes += gzipSize(body);
      if (type === "module") {
        for (const [, spec] of body.matchAll(STATIC_IMPORT)) {
          const file = distFile(spec, page);
          if (file) walk(file, graph);
        }
      }
    }
  }
  for (const [, href] of html.matchAll(/<link\b[^>]*rel=["']modulepreload["'][^>]*href=["']([^"']+)["']/g)) {
    const file = distFile(href, page);
    if (file) walk(file, graph);
  }
  const files = [...graph.eager].map((file) => ({ file, gzip: gzipSize(readFileSync(file)) }));
  const lazy = [...graph.lazy]
    .filter((file) => !graph.eager.has(file))
    .map((file) => ({ file, gzip: gzipSize(readFileSync(file)) }));
  const total = inlineBytes + files.reduce((sum, entry) => sum + entry.gzip, 0);
  const idle = idleFiles(graph.lazy, graph.eager, page).map((file) => ({ file, gzip: gzipSize(readFileSync(file)) }));
  const idleTotal = idle.reduce((sum, entry) => sum + entry.gzip, 0);
  return { page: relative(DIST, page), inlineBytes, files, total, lazy, idle, idleTotal };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv.includes("--build") || !existsSync(DIST)) build();
const lessonsDir = join(DIST, "lessons");
if (!existsSync(lessonsDir)) {
  console.error(`No lesson pages in ${relative(ROOT, lessonsDir)}/. Build the site first: npm run build`);
  process.exit(1);
}

let failed = false;
const reports = htmlFiles(lessonsDir).map(measure);
for (const report of reports) {
  const over = report.total > BUDGET_BYTES;
  failed ||= over;
  console.log(`\n${report.page}: ${kb(report.total)} gzip before interaction (budget ${kb(BUDGET_BYTES)}) ${over ? "OVER BUDGET" : "ok"}`);
  console.log(`  ${kb(report.inlineBytes).padStart(9)}  inline scripts`);
  for (const { file, gzip } of report.files.sort((a, b) => b.gzip - a.gzip)) {
    console.log(`  ${kb(gzip).padStart(9)}  ${relative(DIST, file)}`);
  }
  const idleOver = report.idleTotal > IDLE_BUDGET_BYTES;
  failed ||= idleOver;
  console.log(`  then on idle: ${kb(report.idleTotal)} gzip (budget ${kb(IDLE_BUDGET_BYTES)}) ${idleOver ? "OVER BUDGET" : "ok"}`);
  for (const { file, gzip } of report.idle.sort((a, b) => b.gzip - a.gzip)) {
    console.log(`  ${kb(gzip).padStart(9)}  ${relative(DIST, file)}`);
  }
}
const lazy = new Map(reports.flatMap((report) => report.lazy.map((entry) => [entry.file, entry.gzip] as const)));
console.log("\nLoaded later, on intent or as an exercise comes near (not counted):");
for (const [file, gzip] of [...lazy].sort((a, b) => b[1] - a[1])) console.log(`  ${kb(gzip).padStart(9)}  ${relative(DIST, file)}`);
const workers = readdirSync(join(DIST, "_astro")).filter((name) => /^worker[-.]/.test(name));
for (const name of workers) console.log(`  ${kb(gzipSize(readFileSync(join(DIST, "_astro", name)))).padStart(9)}  _astro/${name} (sandbox worker)`);

if (failed) {
  console.error(`\nA lesson page ships more than ${kb(BUDGET_BYTES)} of JavaScript before interaction, or more than ${kb(IDLE_BUDGET_BYTES)} on idle.`);
  console.error("Hint: move code behind import() so it loads on intent, or trim the eager widget script and the sandbox.");
  process.exit(1);
}
console.log(`\nAll ${reports.length} lesson page(s) are within the ${kb(BUDGET_BYTES)} budget before interaction and ${kb(IDLE_BUDGET_BYTES)} on idle.`);
