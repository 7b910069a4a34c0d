import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "node:http";
import { after, before, describe, test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

const SCRIPT = new URL("../../scripts/serve-static.ts", import.meta.url).pathname;
const PAGE = `<!doctype html><title>Lesson</title>${"<p>text</p>".repeat(200)}`;

/** A GET whose body arrives as sent: fetch would undo the compression under test. */
function getRaw(url: string, headers: Record<string, string>): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

describe("the static server", { timeout: 20_000 }, () => {
  let dir = "";
  let server: ChildProcess;
  let base = "";

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "serve-static-"));
    mkdirSync(join(dir, "_astro"));
    mkdirSync(join(dir, "lessons", "tasks"), { recursive: true });
    writeFileSync(join(dir, "index.html"), PAGE);
    writeFileSync(join(dir, "404.html"), "<!doctype html><title>Not found</title>");
    writeFileSync(join(dir, "lessons", "tasks", "index.html"), PAGE);
    writeFileSync(join(dir, "_astro", "page.Ab12.js"), "export const x = 1;\n".repeat(100));
    writeFileSync(join(dir, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(tmpdir(), "serve-static-secret.txt"), "secret");
    server = spawn(process.execPath, [SCRIPT, "--host", "127.0.0.1", "--port", "0", "--dir", dir], { stdio: ["ignore", "pipe", "inherit"] });
    base = await new Promise<string>((resolve, reject) => {
      server.stdout!.on("data", (chunk: Buffer) => {
        const url = /http:\/\/[\d.]+:\d+/.exec(String(chunk))?.[0];
        if (url) resolve(url);
      });
      server.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
    });
  });

  after(() => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(tmpdir(), "serve-static-secret.txt"), { force: true });
  });

  test("sends pages Brotli-compressed to browsers that accept it, revalidated on each visit", async () => {
    const { headers, body } = await getRaw(`${base}/lessons/tasks/`, { "accept-encoding": "br, gzip" });
    assert.equal(headers["content-encoding"], "br");
    assert.equal(headers["cache-control"], "public, max-age=0, must-revalidate");
    assert.equal(headers["content-type"], "text/html; charset=utf-8");
    assert.ok(body.length < PAGE.length / 4, `compressed to ${body.length} of ${PAGE.length} bytes`);
    assert.equal(brotliDecompressSync(body).toString(), PAGE);
  });

  test("falls back to gzip, and caches hashed assets for a year as immutable", async () => {
    const { headers, body } = await getRaw(`${base}/_astro/page.Ab12.js`, { "accept-encoding": "gzip" });
    assert.equal(headers["content-encoding"], "gzip");
    assert.equal(headers["cache-control"], "public, max-age=31536000, immutable");
    assert.match(gunzipSync(body).toString(), /^export const x = 1;/);
  });

  test("sends images as they are", async () => {
    const response = await fetch(`${base}/logo.png`, { headers: { "accept-encoding": "br, gzip" } });
    assert.equal(response.headers.get("content-encoding"), null);
    assert.equal(response.headers.get("content-type"), "image/png");
  });

  test("redirects a page path without its trailing slash", async () => {
    const response = await fetch(`${base}/lessons/tasks`, { redirect: "manual" });
    assert.equal(response.status, 301);
    assert.equal(response.headers.get("location"), "/lessons/tasks/");
  });

  test("answers unknown paths, and paths that climb out of the site, with the 404 page", async () => {
    for (const path of ["/no/such/page/", "/..%2fserve-static-secret.txt", "/%E0%A4%A"]) {
      const response = await fetch(`${base}${path}`);
      assert.equal(response.status, 404, path);
      assert.match(await response.text(), /Not found/, path);
    }
  });

  test("refuses methods other than GET and HEAD", async () => {
    const response = await fetch(`${base}/`, { method: "POST" });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get("allow"), "GET, HEAD");
  });
});
