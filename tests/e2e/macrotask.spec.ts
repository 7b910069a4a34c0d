/**
 * The loop runs many handles per message in a browser (src/runtime/macrotask.ts):
 * these programs prove, in Chromium's sandbox worker, that native microtasks
 * still drain between two loop handles, as they do in Node (setImmediate) and
 * as one message per handle did.
 *
 * The worker is the site's own (src/sandbox/worker.ts), bundled here and served
 * from a blank origin, so this needs nothing of the built site.
 */
import { expect, test, type Page } from "@playwright/test";
import { bundleSandboxWorker } from "../../scripts/bench/sandbox-worker.ts";
import { runProgram } from "../../src/sandbox/program.ts";
import type { RunResult } from "../../src/sandbox/protocol.ts";

const ORIGIN = "http://macrotask.awaitable.test";
let workerSource: Promise<string> | null = null;

function bundleWorker(): Promise<string> {
  workerSource ??= bundleSandboxWorker();
  return workerSource;
}

/** Runs `source` in a fresh sandbox worker in the page, as the site does. */
async function runInWorker(page: Page, source: string): Promise<RunResult> {
  const body = await bundleWorker();
  await page.route(`${ORIGIN}/**`, (route) =>
    route.request().url().endsWith("/worker.js")
      ? route.fulfill({ contentType: "text/javascript", body })
      : route.fulfill({ contentType: "text/html", body: "<!doctype html><title>macrotask</title>" }),
  );
  await page.goto(`${ORIGIN}/`);
  return page.evaluate(
    (src) =>
      new Promise<RunResult>((resolve, reject) => {
        const worker = new Worker("/worker.js", { type: "module" });
        worker.onerror = (e) => reject(new Error(`worker failed: ${e.message}`));
        // As the site's client does: a private port first, then every message goes through it.
        const channel = new MessageChannel();
        worker.postMessage({ type: "connect" }, [channel.port2]);
        // Lines stream out as printed ("alive"); "done" carries the ones not sent yet.
        const streamed: unknown[] = [];
        channel.port1.onmessage = ({ data }) => {
          if (data.type === "ready") channel.port1.postMessage({ type: "run", id: 1, source: src, options: {} });
          if (data.type === "alive") streamed.push(...data.lines);
          if (data.type !== "done") return;
          worker.terminate();
          resolve({ ...data.result, lines: [...streamed, ...data.result.lines] });
        };
      }),
    source,
  );
}

const HANDLES = 300;

// Every callback starts a chain of three native promise reactions. Each chain must finish
// before the next callback starts: h0 h0.1 h0.2 h0.3 h1 h1.1 ...
const callbacks = `import * as asyncio from "asyncio";
const log: string[] = [];
asyncio.run(async () => {
  const loop = asyncio.getRunningLoop();
  for (let i = 0; i < ${HANDLES}; i++) {
    loop.callSoon(() => {
      log.push("h" + i);
      Promise.resolve()
        .then(() => log.push("h" + i + ".1"))
        .then(() => log.push("h" + i + ".2"))
        .then(() => log.push("h" + i + ".3"));
    });
  }
  loop.callLater(0.5, () => console.log(log.join(" ")));
  await asyncio.sleep(1);
});
`;

// Tasks, timers and callbacks interleaved with native promise chains of different lengths.
const mixed = `import * as asyncio from "asyncio";
const log: string[] = [];
const chain = (name: string, hops: number): Promise<void> => {
  let p = Promise.resolve();
  for (let k = 1; k <= hops; k++) p = p.then(() => void log.push(name + "." + k));
  return p;
};
async function worker(id: number): Promise<void> {
  for (let round = 0; round < 40; round++) {
    log.push("w" + id + ":" + round);
    void chain("w" + id + ":" + round, (id + round) % 4);
    await (round % 3 === 0 ? asyncio.sleep(0) : Promise.resolve());
  }
}
asyncio.run(async () => {
  const loop = asyncio.getRunningLoop();
  for (let i = 0; i < 50; i++) loop.callSoon(() => { log.push("cb" + i); void chain("cb" + i, i % 5); });
  for (let i = 0; i < 20; i++) loop.callLater(0.001 * (i % 3), () => { log.push("t" + i); void chain("t" + i, 2); });
  loop.callLater(0.5, () => console.log(log.length, log.join(" ")));
  await asyncio.gather(...[0, 1, 2, 3, 4, 5, 6, 7].map((id) => worker(id)));
  await asyncio.sleep(1);
});
`;

test.describe("native microtasks between loop handles in a Chromium worker", () => {
  test.setTimeout(60_000);

  test("drain every callback's promise chain before the next callback runs", async ({ page }) => {
    const expected: string[] = [];
    for (let i = 0; i < HANDLES; i++) expected.push(`h${i}`, `h${i}.1`, `h${i}.2`, `h${i}.3`);
    const result = await runInWorker(page, callbacks);
    expect(result.lines.map((l) => l.text)).toEqual([expected.join(" ")]);
    expect(result.error).toBeNull();
  });

  test("interleave tasks, timers, callbacks and promise chains exactly as Node does", async ({ page }) => {
    const node = await runProgram(mixed);
    expect(node.error).toBeNull();
    const chromium = await runInWorker(page, mixed);
    expect(chromium.lines).toEqual(node.lines);
    expect(chromium.error).toBeNull();
  });
});
