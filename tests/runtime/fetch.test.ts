import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { VIRTUAL_WEB } from "../../src/runtime/fetch.ts";
import { DNS_FAILURE_DELAY } from "../../src/runtime/network.ts";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;
const at = (seconds: number): string => `[${seconds.toFixed(3)}s]`;

describe("fetch", () => {
  test("keeps its virtual web read-only", () => {
    assert.ok(Object.isFrozen(VIRTUAL_WEB));
    assert.ok(Object.isFrozen(VIRTUAL_WEB["example.com"]!.pages["/"]));
    assert.throws(() => {
      (VIRTUAL_WEB["example.com"] as { latency: number }).latency = 0;
    }, TypeError);
  });

  test("hands the body over within the loop's step, once", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const response = await fetch("https://api.example.com/users/1");`,
        `  const user = await response.json();`,
        `  console.log(user.name, response.bodyUsed);`,
        `  try { await response.text(); } catch (e) { console.log((e as Error).name); }`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [`${at(0.3)} Ada Lovelace true`, `${at(0.3)} TypeError`]);
  });

  test("finishes three concurrent fetches at the longest latency, not the sum", async () => {
    const r = await run(
      program(
        head,
        `async function get(url: string) {`,
        `  const response = await fetch(url);`,
        `  console.log(url, response.status, response.headers.get("content-type"));`,
        `  return response.status;`,
        `}`,
        `asyncio.run(async () => {`,
        `  const statuses = await asyncio.gather(get("https://example.com"), get("https://python.org"), get("https://api.example.com/users/1"));`,
        `  console.log(statuses);`,
        `});`,
      ),
    );
    const longest = Math.max(VIRTUAL_WEB["example.com"]!.latency, VIRTUAL_WEB["python.org"]!.latency, VIRTUAL_WEB["api.example.com"]!.latency);
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      `${at(0.3)} https://api.example.com/users/1 200 application/json`,
      `${at(0.5)} https://example.com 200 text/html; charset=utf-8`,
      `${at(0.8)} https://python.org 200 text/html; charset=utf-8`,
      `${at(longest)} [ 200, 200, 200 ]`,
    ]);
  });

  test("resolves to a real Response with its body, url and status", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const response = await fetch("https://api.example.com/users/2");`,
        `  console.log(response instanceof Response, response.ok, response.url, await response.json());`,
        `  const missing = await fetch("https://example.com/nope");`,
        `  console.log(missing.status, missing.statusText, missing.ok, await missing.text());`,
        `  const echoed = await fetch("https://api.example.com/echo", { method: "POST", body: "hi" });`,
        `  console.log(await echoed.json());`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.300s] true true https://api.example.com/users/2 { id: 2, name: 'Alan Turing' }",
      "[0.800s] 404 Not Found false Not Found",
      "[1.100s] { method: 'POST', url: 'https://api.example.com/echo', body: 'hi' }",
    ]);
  });

  test("rejects an unknown host with TypeError('fetch failed') caused by a gaierror, as Node does", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  try {`,
        `    await fetch("https://no-such-host.example/");`,
        `  } catch (err) {`,
        `    console.log(err instanceof TypeError, String(err), String(err.cause), err.cause.code);`,
        `  }`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, [
      `${at(DNS_FAILURE_DELAY)} true TypeError: fetch failed gaierror: getaddrinfo ENOTFOUND no-such-host.example ENOTFOUND`,
    ]);
  });

  test("lets waitFor time out a slow fetch, cancelling it and its timer", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  try {`,
        `    await asyncio.waitFor(fetch("https://slow.example.com"), 1);`,
        `  } catch (err) {`,
        `    console.log(err instanceof asyncio.TimeoutError);`,
        `  }`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, ["[1.000s] true"]);
    // The run ends at the timeout: the 3 s response timer was cancelled with the request.
    assert.equal(r.stats.virtualTime, 1);
    assert.ok(VIRTUAL_WEB["slow.example.com"]!.latency > 1);
  });

  test("names the request a waiting task is suspended on", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const task = asyncio.createTask(() => fetch("https://slow.example.com/"), { name: "download" });`,
        `  await asyncio.sleep(1);`,
        `  console.log(String(task));`,
        `  task.cancel();`,
        `  await asyncio.gather(task, { returnExceptions: true });`,
        `  console.log(String(task));`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, [
      "[1.000s] <Task download [pending, waiting on fetch(https://slow.example.com/)]>",
      "[1.000s] <Task download [cancelled]>",
    ]);
  });

  test("rejects with the signal's reason when the request is aborted", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const controller = new AbortController();`,
        `  setTimeout(() => controller.abort(), 200);`,
        `  try {`,
        `    await fetch("https://slow.example.com/", { signal: controller.signal });`,
        `  } catch (err) {`,
        `    console.log(err.name, err.message);`,
        `  }`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, ["[0.200s] AbortError This operation was aborted"]);
  });

  test("records each request and its status in the trace", async () => {
    const r = await run(program(`await fetch("https://example.com/");`));
    const io = r.trace.filter((e) => e.kind === "io").map((e) => `${e.t.toFixed(3)} ${e.detail}`);
    assert.deepEqual(io, ["0.000 GET https://example.com/", "0.500 GET https://example.com/ → 200"]);
  });
});
