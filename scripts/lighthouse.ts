/**
 * Lighthouse on the built site, served as a static host would serve it (scripts/serve-static.ts):
 * the home page and every lesson page, with Lighthouse's mobile settings (a mid-range phone on a
 * slow 4G network, simulated). Prints a table of the four category scores per page and fails when
 * a page scores under the floor of a category, listing the audits that cost it points.
 *
 *   node scripts/lighthouse.ts            # uses dist/, building first if it is missing
 *
 * Chromium: Debian's /usr/bin/chromium where present, else Playwright's own build.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromium } from "@playwright/test";

const FLOORS = { performance: 95, accessibility: 100, "best-practices": 100, seo: 100 } as const;
type Category = keyof typeof FLOORS;
const CATEGORIES = Object.keys(FLOORS) as Category[];

const ROOT = resolve(import.meta.dirname, "..");
const DIST = join(ROOT, "dist");
const SYSTEM_CHROMIUM = "/usr/bin/chromium";

if (!existsSync(join(DIST, "index.html"))) {
  console.log("Building the site…");
  execFileSync("npx", ["astro", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
}

const pages = ["/", ...readdirSync(join(DIST, "lessons"), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => `/lessons/${entry.name}/`).sort()];

const server = spawn(process.execPath, [join(ROOT, "scripts/serve-static.ts"), "--host", "127.0.0.1", "--port", "0", "--dir", DIST], {
  stdio: ["ignore", "pipe", "inherit"],
});
const base = await new Promise<string>((resolveBase, reject) => {
  server.stdout!.on("data", (chunk: Buffer) => {
    const url = /http:\/\/[\d.]+:\d+/.exec(String(chunk))?.[0];
    if (url) resolveBase(url);
  });
  server.on("exit", (code) => reject(new Error(`the static server exited with ${code}`)));
});

const chrome = await chromeLauncher.launch({
  chromePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : chromium.executablePath(),
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

interface PageResult {
  page: string;
  scores: Record<Category, number>;
  losses: string[];
}

const results: PageResult[] = [];
try {
  for (const page of pages) {
    const result = await lighthouse(`${base}${page}`, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES });
    if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
    const { categories, audits } = result.lhr;
    const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((categories[id]?.score ?? 0) * 100)])) as Record<Category, number>;
    const losses: string[] = [];
    for (const id of CATEGORIES) {
      if (scores[id] >= FLOORS[id]) continue;
      for (const ref of categories[id]?.auditRefs ?? []) {
        const audit = audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
          losses.push(`${id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
        }
      }
    }
    results.push({ page, scores, losses });
  }
} finally {
  chrome.kill();
  server.kill();
}

const header = ["page".padEnd(36), ...CATEGORIES.map((id) => id.padStart(15))].join("");
console.log(`\nLighthouse, mobile (floors: ${CATEGORIES.map((id) => `${id} ${FLOORS[id]}`).join(", ")})\n`);
console.log(header);
for (const { page, scores } of results) {
  console.log([page.padEnd(36), ...CATEGORIES.map((id) => `${scores[id]}${scores[id] < FLOORS[id] ? " LOW" : ""}`.padStart(15))].join(""));
}
const failing = results.filter((result) => result.losses.length > 0);
if (failing.length > 0) {
  console.error("\nPages under a floor, and the audits that cost them points:");
  for (const { page, losses } of failing) for (const loss of losses) console.error(`  ${page}  ${loss}`);
  process.exit(1);
}
console.log(`\nAll ${results.length} pages meet every floor.`);
