/**
 * The streams lesson shows its first program in Python as a plain listing, not as a `python
 * original`: the virtual clock that runs the originals has no network. The lesson says that
 * listing prints the same lines, in the same order, as the TypeScript example on CPython with
 * real sockets; this test runs it so (on a free local port) and holds the lesson to it. Times
 * are not compared (a real loopback takes microseconds, the model 1 ms a packet), nor is the
 * client's port, which the operating system picks.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { extractExamples, scanFences } from "../../src/remark/extract-examples.ts";
import { skipWithoutPython } from "../twins/python.ts";

const lessonFile = "content/lessons/06-streams.mdx";

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

const withoutTimes = (lines: string[]) => lines.map((line) => line.replace(/^\[\d+\.\d{3}s\] /, ""));
const withoutClientPort = (lines: string[]) => lines.map((line) => line.replace(/(from 127\.0\.0\.1):\d+$/, "$1:PORT"));

test("the echo program's Python listing prints the example's lines on CPython with real sockets", { skip: skipWithoutPython, timeout: 60_000 }, async () => {
  const source = readFileSync(lessonFile, "utf8");
  const echo = extractExamples(source, lessonFile).find((example) => example.id === "echo");
  assert.ok(echo, `${lessonFile} has no example with id=echo`);
  const listing = scanFences(source, lessonFile).find((fence) => fence.lang === "python" && fence.line > echo.endLine);
  assert.ok(listing, `${lessonFile}: no Python listing after the echo example`);
  assert.match(listing.code, /8888/, "the listing should use port 8888, as the example does");

  const port = await freePort();
  const file = path.join(mkdtempSync(path.join(tmpdir(), "awaitable-streams-")), "echo.py");
  writeFileSync(file, listing.code.replaceAll("8888", String(port)));
  const run = spawnSync("python3", [file], { encoding: "utf8", timeout: 30_000 });
  assert.equal(run.status, 0, `the Python listing (${lessonFile}:${listing.line}) failed:\n${run.stderr}`);

  const cpython = withoutClientPort(run.stdout.trimEnd().split("\n").map((line) => line.replaceAll(String(port), "8888")));
  assert.deepEqual(cpython, withoutClientPort(withoutTimes(echo.expected.lines)));
});
