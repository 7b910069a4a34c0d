import { describe } from "../runtime/format.ts";

/**
 * What a report can safely say about a thrown value. A program can throw anything: an object
 * with no prototype, an error whose `name`, `message` or `stack` getter throws, a Proxy whose
 * every trap throws. Reading such a value must never throw in turn, or the report itself fails.
 */
export interface Thrown {
  /** The error's class name, or "Error" when the value is not an Error. */
  name: string;
  message: string;
  /** The stack text, when it could be read. */
  stack: string | null;
}

function attempt<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** Text for any value, never throwing: Node's form where it can, a bare tag where it cannot. */
export function safeText(value: unknown): string {
  return attempt(
    () => describe(value),
    attempt(() => Object.prototype.toString.call(value), "[object]"),
  );
}

export function describeThrown(value: unknown): Thrown {
  const isError = attempt(() => value instanceof Error, false);
  if (!isError) {
    return { name: "Error", message: `Uncaught ${safeText(value)} (a value that is not an Error was thrown)`, stack: null };
  }
  const err = value as Error;
  const readString = (key: "name" | "message" | "stack"): string | null =>
    attempt(() => {
      const v: unknown = err[key];
      return typeof v === "string" ? v : v === undefined ? null : safeText(v);
    }, null);
  const name = readString("name") || attempt(() => err.constructor.name, "") || "Error";
  return { name, message: readString("message") ?? "", stack: readString("stack") };
}
