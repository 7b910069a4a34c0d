/**
 * Serves the built site (`dist/`) the way a static host would: compressed (Brotli or gzip, as the
 * browser accepts), hashed assets under `/_astro/` cached for a year as immutable, pages and
 * everything else revalidated on each visit, `404.html` for unknown paths.
 *
 *   node scripts/serve-static.ts [--host 127.0.0.1] [--port 4321] [--dir dist]
 */
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const { values } = parseArgs({
  options: {
    host: { type: "string", default: "localhost" },
    port: { type: "string", default: "4321" },
    dir: { type: "string", default: "dist" },
  },
});
const ROOT = resolve(values.dir);
const PORT = Number(values.port);
if (!existsSync(join(ROOT, "index.html"))) {
  console.error(`${values.dir}/index.html not found: build the site first (npx astro build).`);
  process.exit(1);
}
if (!Number.isInteger(PORT) || PORT < 0 || PORT > 65535) {
  console.error(`--port ${values.port} is not a port number (0 to 65535).`);
  process.exit(1);
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".webmanifest": "application/manifest+json",
};
/** Formats worth compressing; images, fonts and Pagefind's index fragments are compressed already. */
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".xml", ".txt", ".svg", ".webmanifest", ".wasm"]);

/** Compressed bodies, made once per file and encoding: the files do not change while serving. */
const compressed = new Map<string, Buffer>();

function encode(file: string, encoding: "br" | "gzip"): Buffer {
  const key = `${encoding}:${file}`;
  let body = compressed.get(key);
  if (!body) {
    const raw = readFileSync(file);
    body = encoding === "br" ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(raw, { level: 9 });
    compressed.set(key, body);
  }
  return body;
}

/** The file a URL path names: `dir/` → `dir/index.html`; nothing outside ROOT. */
function fileFor(urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const full = normalize(join(ROOT, path));
  if (full !== ROOT && !full.startsWith(ROOT + sep)) return null;
  for (const candidate of [full, join(full, "index.html"), `${full}.html`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function send(request: IncomingMessage, response: ServerResponse, file: string, status: number): void {
  const ext = extname(file);
  const url = request.url ?? "/";
  response.statusCode = status;
  response.setHeader("Content-Type", TYPES[ext] ?? "application/octet-stream");
  response.setHeader("Cache-Control", url.startsWith("/_astro/") ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate");
  response.setHeader("X-Content-Type-Options", "nosniff");
  const accepted = String(request.headers["accept-encoding"] ?? "");
  const encoding = !COMPRESSIBLE.has(ext) ? null : /\bbr\b/.test(accepted) ? "br" : /\bgzip\b/.test(accepted) ? "gzip" : null;
  if (COMPRESSIBLE.has(ext)) response.setHeader("Vary", "Accept-Encoding");
  if (encoding) {
    const body = encode(file, encoding);
    response.setHeader("Content-Encoding", encoding);
    response.setHeader("Content-Length", body.length);
    response.end(request.method === "HEAD" ? undefined : body);
    return;
  }
  response.setHeader("Content-Length", statSync(file).size);
  if (request.method === "HEAD") response.end();
  else createReadStream(file).pipe(response);
}

const server = createServer((request, response) => {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { Allow: "GET, HEAD" }).end();
    return;
  }
  const path = new URL(request.url ?? "/", "http://localhost").pathname;
  // Pages live at `/lesson/`; `/lesson` is sent there, as static hosts do.
  const file = fileFor(path);
  if (file && !path.endsWith("/") && file.endsWith(`${sep}index.html`) && !path.endsWith("index.html")) {
    response.writeHead(301, { Location: `${path}/` }).end();
    return;
  }
  if (file) send(request, response, file, 200);
  else if (existsSync(join(ROOT, "404.html"))) send(request, response, join(ROOT, "404.html"), 404);
  else response.writeHead(404).end("Not found");
});

server.listen(PORT, values.host, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : PORT;
  console.log(`Serving ${values.dir}/ at http://${values.host}:${port}/`);
});
