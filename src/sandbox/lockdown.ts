/**
 * Takes away, from the realm a learner's program runs in, everything a course program does not
 * need and a hostile one could use: the network, storage that outlives the run, new workers or
 * processes, code from strings, and the host's own globals (`process` in Node). Called once per
 * sandbox realm, after the runtime and compiler have loaded and before any learner code runs.
 *
 * Names are removed from the global object and from every prototype on its chain, so
 * `Object.getPrototypeOf(globalThis).fetch` finds nothing either.
 */

/** Globals that reach outside the sandbox. */
const REMOVED = [
  // network
  "fetch",
  "XMLHttpRequest",
  "WebSocket",
  "WebSocketStream",
  "EventSource",
  "WebTransport",
  "RTCPeerConnection",
  "importScripts",
  // storage that outlives a run, and other realms or pages
  "indexedDB",
  "caches",
  "localStorage",
  "sessionStorage",
  "cookieStore",
  "BroadcastChannel",
  "Worker",
  "SharedWorker",
  "close",
  // real timers and immediates: the sandbox puts the virtual timers in their place
  "setTimeout",
  "setInterval",
  "clearTimeout",
  "clearInterval",
  "setImmediate",
  "clearImmediate",
  // the channel the host handed over; the sandbox keeps its own bound copy
  "postMessage",
  "onmessage",
  // Node's host objects
  "process",
  "require",
  "module",
  "Buffer",
  "global",
  "navigator",
];

/** Removes `name` from `target` and every object on its prototype chain. */
function removeEverywhere(target: object, name: string): void {
  for (let obj: object | null = target; obj !== null && obj !== Object.prototype; obj = Object.getPrototypeOf(obj)) {
    const desc = Object.getOwnPropertyDescriptor(obj, name);
    if (!desc) continue;
    if (desc.configurable) Reflect.deleteProperty(obj, name);
    else if (desc.writable) Reflect.set(obj, name, undefined);
  }
}

/**
 * Makes `Object.prototype.then` (and other names whose mere presence changes how the engine
 * treats every object) unassignable, while letting programs still give their own objects such
 * a property: assignment defines an own property on the object assigned to.
 */
function guardPrototypeName(proto: object, name: string): void {
  Object.defineProperty(proto, name, {
    get: () => undefined,
    set(this: object, value: unknown) {
      if (this === proto) throw new TypeError(`Cannot set ${name} on a shared prototype in a course program.`);
      Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
    },
    configurable: false,
    enumerable: false,
  });
}

/** A stand-in for the code-from-strings constructors (`Function`, `AsyncFunction`, ...). */
function refuseCodeFromStrings(): never {
  throw new EvalError("Code from strings (eval, new Function) is not available in course programs.");
}

export interface Lockdown {
  /**
   * Lets the next call of the global `eval` through (the sandbox uses it once to load the
   * compiled program); every other call throws EvalError.
   */
  allowOneEval(): void;
}

let installed: Lockdown | null = null;

/** Locks the current realm down; see the module comment. Idempotent. */
export function lockDown(): Lockdown {
  if (installed) return installed;
  const g = globalThis as Record<string, unknown>;

  for (const name of REMOVED) removeEverywhere(globalThis, name);

  for (const proto of [Object.prototype, Array.prototype, Function.prototype]) guardPrototypeName(proto, "then");

  // Code from strings: the compiler checks the program's own source, but eval and the Function
  // constructors would let it load code the compiler never saw, such as
  // `import("http://...")`.
  const realEval = globalThis.eval;
  let evalsAllowed = 0;
  const guardedEval = function evaluate(code: string): unknown {
    if (evalsAllowed <= 0) refuseCodeFromStrings();
    evalsAllowed--;
    return realEval(code);
  };
  Object.defineProperty(globalThis, "eval", { value: guardedEval, writable: false, configurable: false });
  const fnProtos = [
    Function.prototype,
    Object.getPrototypeOf(async function () {}),
    Object.getPrototypeOf(function* () {}),
    Object.getPrototypeOf(async function* () {}),
  ] as object[];
  for (const proto of fnProtos) {
    Object.defineProperty(proto, "constructor", { value: refuseCodeFromStrings, writable: false, configurable: false });
  }
  Object.defineProperty(globalThis, "Function", { value: refuseCodeFromStrings, writable: false, configurable: false });
  // The runtime schedules with these; a program must not be able to swap them out.
  for (const name of ["queueMicrotask", "MessageChannel", "Promise"]) {
    const desc = Object.getOwnPropertyDescriptor(globalThis, name);
    if (desc && desc.configurable) Object.defineProperty(globalThis, name, { value: g[name], writable: false, configurable: false });
  }

  installed = {
    allowOneEval() {
      evalsAllowed = 1;
    },
  };
  return installed;
}

/**
 * Makes the function-valued properties of `hooks` (the runtime's instrumentation, handed to
 * the program as a parameter) read-only, so a program that reaches the object cannot replace,
 * say, the watchdog's checkpoint with a function that does nothing.
 */
export function sealMethods(hooks: object): void {
  for (const key of Object.keys(hooks)) {
    const desc = Object.getOwnPropertyDescriptor(hooks, key)!;
    if (typeof desc.value === "function" && desc.configurable) {
      Object.defineProperty(hooks, key, { value: desc.value, writable: false, configurable: false, enumerable: desc.enumerable });
    }
  }
}
