import { ctx } from "./context.ts";
import { getEventLoop } from "./running-loop.ts";
import { formatArgs } from "./format.ts";
import type { TimerHandle } from "./handle.ts";
import type { World } from "./world.ts";

/**
 * The globals a sandboxed program sees in place of the host's: console output
 * is captured with its virtual time and task; timers, Date and performance run
 * on the virtual clock.
 */
export interface SandboxGlobals {
  console: Pick<Console, "log" | "info" | "warn" | "error" | "debug">;
  setTimeout: (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => number;
  clearTimeout: (id?: number) => void;
  setInterval: (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => number;
  clearInterval: (id?: number) => void;
  Date: DateConstructor;
  performance: { now(): number; timeOrigin: number };
}

export function createSandboxGlobals(world: World): SandboxGlobals {
  const out = (...args: unknown[]): void => world.recorder.print("stdout", formatArgs(args), ctx.cur);
  const err = (...args: unknown[]): void => world.recorder.print("stderr", formatArgs(args), ctx.cur);
  // How the stepper names console.log when a program schedules it as a callback.
  Object.defineProperty(out, "name", { value: "console.log" });

  const timers = new Map<number, TimerHandle>();
  let nextId = 1;
  const delayOf = (ms: unknown): number => {
    const n = Number(ms);
    return Number.isFinite(n) && n > 0 ? n / 1000 : 0;
  };
  const schedule = (id: number, delay: number, repeat: boolean, callback: (...a: unknown[]) => void, args: unknown[]): void => {
    const loop = getEventLoop();
    const fire = function timer(): void {
      if (repeat) schedule(id, delay, true, callback, args);
      else timers.delete(id);
      callback(...args);
    };
    timers.set(id, loop._callAtLabelled(loop.time() + delay, repeat ? `setInterval #${id}` : `setTimeout #${id}`, fire));
  };
  const checkCallback = (name: string, callback: unknown): void => {
    if (typeof callback !== "function") throw new TypeError(`${name}: the callback must be a function, got ${typeof callback}`);
  };
  const clear = (id?: number): void => {
    if (id === undefined) return;
    timers.get(id)?.cancel();
    timers.delete(id);
  };

  const epochMs = world.epoch * 1000;
  const RealDate = Date;
  class VirtualDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(epochMs + world.now * 1000);
      else super(...(args as []));
    }
    static override now(): number {
      return epochMs + world.now * 1000;
    }
  }

  return {
    console: { log: out, info: out, debug: out, warn: err, error: err },
    setTimeout(callback, ms, ...args) {
      checkCallback("setTimeout", callback);
      const id = nextId++;
      schedule(id, delayOf(ms), false, callback, args);
      return id;
    },
    clearTimeout: clear,
    setInterval(callback, ms, ...args) {
      checkCallback("setInterval", callback);
      const id = nextId++;
      // Like browsers, a zero interval still advances (by 1 ms) instead of spinning in place.
      schedule(id, Math.max(delayOf(ms), 0.001), true, callback, args);
      return id;
    },
    clearInterval: clear,
    Date: VirtualDate as DateConstructor,
    performance: {
      now: () => world.now * 1000,
      timeOrigin: epochMs,
    },
  };
}
