import { createSandboxGlobals, type SandboxGlobals } from "../runtime/sandbox-globals.ts";
import { currentWorld } from "../runtime/world.ts";
import type { World } from "../runtime/world.ts";

/**
 * Puts the virtual timers on the global object too, so `globalThis.setTimeout(...)` in a program
 * runs on the virtual clock like plain `setTimeout(...)`, instead of reaching the host's real
 * timers, which would run outside the program's loop and clock. Called after the sandbox has
 * captured the real timers it needs itself.
 */
export function virtualizeGlobalTimers(): void {
  const perWorld = new WeakMap<World, SandboxGlobals>();
  const timers = (): SandboxGlobals => {
    const world = currentWorld();
    let globals = perWorld.get(world);
    if (!globals) {
      globals = createSandboxGlobals(world);
      perWorld.set(world, globals);
    }
    return globals;
  };
  const define = (name: string, value: (...args: never[]) => unknown): void => {
    Object.defineProperty(globalThis, name, { value, writable: false, configurable: false, enumerable: true });
  };
  define("setTimeout", (callback: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => timers().setTimeout(callback, ms, ...args));
  define("setInterval", (callback: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => timers().setInterval(callback, ms, ...args));
  define("clearTimeout", (id?: number) => timers().clearTimeout(id));
  define("clearInterval", (id?: number) => timers().clearInterval(id));
}
