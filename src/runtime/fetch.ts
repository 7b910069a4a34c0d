import { ctx } from "./context.ts";
import { GaiError } from "./errors.ts";
import { Future } from "./future.ts";
import { DNS_FAILURE_DELAY } from "./network.ts";
import { getEventLoop } from "./running-loop.ts";
import { coroutine, suspend } from "./suspend.ts";

/** One page of the virtual web. */
export interface VirtualPage {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** A host of the virtual web: every request to it takes `latency` virtual seconds. */
export interface VirtualHost {
  /** Seconds from request to response, whatever the path (unknown paths answer 404). */
  readonly latency: number;
  /** Pages by path (with the query string, if any). */
  readonly pages: Readonly<Record<string, VirtualPage>>;
}

const html = (title: string, text: string): VirtualPage => ({
  status: 200,
  contentType: "text/html; charset=utf-8",
  body: `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`,
});
const json = (value: unknown, status = 200): VirtualPage => ({
  status,
  contentType: "application/json",
  body: JSON.stringify(value),
});
const text = (body: string, status = 200): VirtualPage => ({ status, contentType: "text/plain; charset=utf-8", body });

/**
 * The web `fetch` reaches in a sandboxed program, by host name; http and https
 * alike. Latencies are fixed, so "fetch three pages concurrently" finishes at
 * the longest one. `api.example.com/echo` answers with the request it got.
 */
export const VIRTUAL_WEB: Readonly<Record<string, VirtualHost>> = deepFreeze({
  "example.com": {
    latency: 0.5,
    pages: { "/": html("Example Domain", "This domain is for use in illustrative examples.") },
  },
  "python.org": {
    latency: 0.8,
    pages: { "/": html("Welcome to Python.org", "Python is a programming language that lets you work quickly.") },
  },
  "docs.python.org": {
    latency: 0.4,
    pages: {
      "/3/library/asyncio.html": html("asyncio — Asynchronous I/O", "asyncio is a library to write concurrent code using the async/await syntax."),
    },
  },
  "api.example.com": {
    latency: 0.3,
    pages: {
      "/users/1": json({ id: 1, name: "Ada Lovelace" }),
      "/users/2": json({ id: 2, name: "Alan Turing" }),
      "/users/3": json({ id: 3, name: "Grace Hopper" }),
      "/status/500": json({ error: "Internal Server Error" }, 500),
      "/echo": json(null),
    },
  },
  "slow.example.com": {
    latency: 3,
    pages: { "/": text("Sorry for the wait.") },
  },
});

const STATUS_TEXT: Readonly<Record<number, string>> = { 200: "OK", 404: "Not Found", 500: "Internal Server Error" };

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** What the virtual server answers to a request, before the latency. */
function answer(host: VirtualHost, url: URL, method: string, body: string | null): VirtualPage {
  const path = url.pathname + url.search;
  if (url.hostname === "api.example.com" && url.pathname === "/echo") {
    return json({ method, url: url.href, body });
  }
  return host.pages[path] ?? text("Not Found", 404);
}

/**
 * The `fetch` a sandboxed program sees: the WHATWG fetch against VIRTUAL_WEB,
 * on the virtual clock. It resolves to a real `Response` after the host's
 * latency; meanwhile the task waits on a Future labelled `fetch(<url>)`, so it
 * can be cancelled (`waitFor`, `timeout`) or aborted with `init.signal`. An
 * unknown host rejects, after a short DNS delay, with `TypeError("fetch
 * failed")` whose `cause` is a gaierror, as Node's fetch does.
 *
 * @example
 * const res = await fetch("https://api.example.com/users/1"); // at t=0.300s
 * console.log(res.status, await res.json()); // 200 { id: 1, name: 'Ada Lovelace' }
 */
export function fetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const owner = ctx.cur;
  return coroutine(async (frame) => {
    const href = input instanceof Request ? input.url : String(input);
    let url: URL;
    try {
      url = new URL(href);
    } catch (err) {
      throw new TypeError(`Failed to parse URL from ${href}`, { cause: err });
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new TypeError("fetch failed", { cause: new Error("unknown scheme") });
    }
    const method = (init.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const body = init.body === undefined || init.body === null ? null : String(init.body);
    const signal = init.signal ?? null;
    if (signal?.aborted) throw signal.reason;

    const loop = getEventLoop();
    const world = loop.world;
    const host = Object.hasOwn(VIRTUAL_WEB, url.hostname) ? VIRTUAL_WEB[url.hostname]! : undefined;
    const future = new Future<VirtualPage>(loop, `fetch(${href})`);
    world.recorder.event("io", owner, `${method} ${href}`);
    const timer =
      host === undefined
        ? loop._callAtLabelled(loop.time() + DNS_FAILURE_DELAY, `getaddrinfo(${url.hostname})`, () => {
            if (future.done()) return;
            const cause = Object.assign(new GaiError(`getaddrinfo ENOTFOUND ${url.hostname}`), { code: "ENOTFOUND", hostname: url.hostname });
            future.setException(new TypeError("fetch failed", { cause }));
          })
        : loop._callAtLabelled(loop.time() + host.latency, `fetch(${href})`, () => {
            if (!future.done()) future.setResult(answer(host, url, method, body));
          });
    const onAbort = (): void => {
      if (!future.done()) future.setException(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort);
    let page: VirtualPage;
    try {
      page = await suspend(frame, future);
    } finally {
      timer.cancel();
      signal?.removeEventListener("abort", onAbort);
    }
    world.recorder.event("io", owner, `${method} ${href} → ${page.status}`);
    const response = new Response(method === "HEAD" ? null : page.body, {
      status: page.status,
      statusText: STATUS_TEXT[page.status] ?? "",
      headers: { "content-type": page.contentType, "content-length": String(new TextEncoder().encode(page.body).length) },
    });
    Object.defineProperty(response, "url", { value: url.href });
    readsAtOnce(response, method === "HEAD" ? "" : page.body);
    return response;
  });
}

/**
 * Makes the body readers of `response` resolve from `body` in microtasks. A browser reads a
 * Response's body on tasks of its own, outside the virtual loop, which would see every task
 * waiting, nothing ready and no timer pending: a deadlock. The body is complete already, so
 * nothing is lost by handing it over at once. A body is still read once, as the Fetch
 * standard says.
 */
function readsAtOnce(response: Response, body: string): void {
  let used = false;
  const take = <T>(read: () => T): Promise<T> => {
    if (used) return Promise.reject(new TypeError("Body is unusable: Body has already been read"));
    used = true;
    return Promise.resolve().then(read);
  };
  Object.defineProperties(response, {
    bodyUsed: { get: () => used },
    text: { value: () => take(() => body) },
    json: { value: () => take(() => JSON.parse(body) as unknown) },
    arrayBuffer: { value: () => take(() => new TextEncoder().encode(body).buffer) },
    bytes: { value: () => take(() => new TextEncoder().encode(body)) },
    blob: { value: () => take(() => new Blob([body], { type: response.headers.get("content-type") ?? "" })) },
  });
}
