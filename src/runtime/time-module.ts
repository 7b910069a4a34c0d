import { HorizonError, ValueError } from "./errors.ts";
import { currentWorld } from "./world.ts";

/**
 * The `time` module on the virtual clock. `sleep` blocks: nothing else runs
 * while it waits, and the clock moves on, exactly what `time.sleep` does to an
 * asyncio program.
 */

/**
 * Blocks the whole program for `seconds` of virtual time. Inside async code this
 * is the classic mistake: every other task waits too.
 *
 * @example
 * time.sleep(2); // the loop is frozen; the clock jumps 2 s
 */
export function sleep(seconds: number): void {
  if (typeof seconds !== "number" || Number.isNaN(seconds)) {
    throw new TypeError(`time.sleep() expects a number of seconds, got ${String(seconds)}`);
  }
  if (seconds < 0) throw new ValueError("sleep length must be non-negative");
  const world = currentWorld();
  const until = world.now + seconds;
  if (until > world.limits.maxVirtualTime) {
    // The same horizon asyncio.sleep meets; the program cannot catch its way past it.
    const error = new HorizonError(
      `Stopped at t=${world.now.toFixed(3)}s: time.sleep(${seconds}) would block until t=${until.toFixed(3)}s, past the virtual-time limit of ${world.limits.maxVirtualTime} s.`,
    );
    if (world.fatal === undefined) world.fatal = error;
    throw error;
  }
  world.recorder.event("blocked", null, `time.sleep(${seconds})`);
  world.now = until;
}

/** Seconds since the Unix epoch, on the virtual clock (the program starts at 2025-01-01 09:00:00 UTC). */
export function time(): number {
  const world = currentWorld();
  return world.epoch + world.now;
}

/** Seconds on a clock that only moves forward: the virtual time. */
export function monotonic(): number {
  return currentWorld().now;
}

/** The virtual time, for measuring durations. */
export function perfCounter(): number {
  return currentWorld().now;
}

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * Formats a time (default: now on the virtual clock) like Python's
 * `time.strftime`, in UTC. Supports %Y %y %m %d %H %I %M %S %p %j %a %A %b %B %X %x %c %f %%.
 *
 * @example
 * time.strftime("%X"); // "09:00:00" at the start of a program
 */
export function strftime(format: string, seconds: number = time()): string {
  const date = new Date(Math.round(seconds * 1000));
  const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
  const hours = date.getUTCHours();
  const startOfYear = Date.UTC(date.getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((date.getTime() - startOfYear) / 86_400_000) + 1;
  const fields: Record<string, () => string> = {
    Y: () => String(date.getUTCFullYear()),
    y: () => pad(date.getUTCFullYear() % 100),
    m: () => pad(date.getUTCMonth() + 1),
    d: () => pad(date.getUTCDate()),
    H: () => pad(hours),
    I: () => pad(hours % 12 === 0 ? 12 : hours % 12),
    M: () => pad(date.getUTCMinutes()),
    S: () => pad(date.getUTCSeconds()),
    f: () => pad(Math.round((seconds % 1) * 1e6) % 1e6, 6),
    p: () => (hours < 12 ? "AM" : "PM"),
    j: () => pad(dayOfYear, 3),
    a: () => DAYS[date.getUTCDay()]!.slice(0, 3),
    A: () => DAYS[date.getUTCDay()]!,
    b: () => MONTHS[date.getUTCMonth()]!.slice(0, 3),
    B: () => MONTHS[date.getUTCMonth()]!,
    X: () => `${pad(hours)}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`,
    x: () => `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${pad(date.getUTCFullYear() % 100)}`,
    c: () =>
      `${DAYS[date.getUTCDay()]!.slice(0, 3)} ${MONTHS[date.getUTCMonth()]!.slice(0, 3)} ${String(date.getUTCDate()).padStart(2, " ")} ${pad(hours)}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${date.getUTCFullYear()}`,
    "%": () => "%",
  };
  return format.replace(/%(.)/g, (match, spec: string) => fields[spec]?.() ?? match);
}
