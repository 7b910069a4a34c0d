/**
 * Turns values into text the same way in every host, so output never depends on
 * whether the program ran in Node or in a browser. Close to Node's
 * `console.log`: strings print bare at the top level and quoted inside
 * containers, arrays as `[ 1, 2 ]`, objects as `{ a: 1 }`, errors as
 * `Name: message`, runtime objects by their `toString()`.
 */

const MAX_DEPTH = 3;

/** The text `console.log(...args)` prints, with `%s %d %i %f %o %O %j %%` in a leading format string. */
export function formatArgs(args: readonly unknown[]): string {
  if (args.length === 0) return "";
  const first = args[0];
  let rest = args.slice(1);
  const parts: string[] = [];
  if (rest.length > 0 && typeof first === "string" && first.includes("%")) {
    parts.push(
      first.replace(/%([sdifoOjc%])/g, (match, spec: string) => {
        if (spec === "%") return "%";
        if (rest.length === 0) return match;
        const [arg] = rest;
        rest = rest.slice(1);
        switch (spec) {
          case "s":
            return typeof arg === "string" ? arg : describe(arg);
          case "d":
          case "i": {
            const n = typeof arg === "bigint" ? arg : Number(arg);
            return typeof n === "bigint" ? `${n}n` : String(spec === "i" ? Math.trunc(n) : n);
          }
          case "f":
            return String(Number(arg));
          case "j":
            return JSON.stringify(arg);
          case "c":
            return "";
          default:
            return describe(arg);
        }
      }),
    );
  } else {
    parts.push(typeof first === "string" ? first : describe(first));
  }
  for (const arg of rest) parts.push(typeof arg === "string" ? arg : describe(arg));
  return parts.join(" ");
}

/** A value as it appears inside a container or in a `repr`-like description. */
export function describe(value: unknown, depth = 0, seen: Set<object> = new Set()): string {
  switch (typeof value) {
    case "string":
      return depth === 0 ? value : quote(value);
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
    case "undefined":
      return String(value);
    case "symbol":
      return value.toString();
    case "function":
      return value.name ? `[Function: ${value.name}]` : "[Function (anonymous)]";
  }
  if (value === null) return "null";
  const obj = value as object;
  if (seen.has(obj)) return "[Circular]";
  try {
    return describeObject(obj, depth, seen);
  } catch {
    // A Proxy whose traps throw, or an object whose prototype getter throws. Node prints the
    // proxy's target without running traps; without that view, an empty shell is the honest print.
    return tryIsArray(obj) ? "[]" : "{}";
  }
}

function tryIsArray(value: unknown): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/** Node's label for an accessor property, which it prints without calling. */
function accessorText(desc: PropertyDescriptor): string {
  if (desc.get && desc.set) return "[Getter/Setter]";
  return desc.get ? "[Getter]" : "[Setter]";
}

function describeObject(obj: object, depth: number, seen: Set<object>): string {
  if (obj instanceof Error) return errorText(obj);
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? "Invalid Date" : obj.toISOString();
  if (obj instanceof RegExp) return String(obj);
  if (obj instanceof Promise) return "Promise { <pending or settled> }";
  if (obj instanceof Uint8Array) return bytesText(obj);
  if (!Array.isArray(obj) && !(obj instanceof Map) && !(obj instanceof Set) && hasOwnToString(obj)) {
    return String(obj);
  }
  if (depth >= MAX_DEPTH) return Array.isArray(obj) ? "[Array]" : "[Object]";
  seen.add(obj);
  try {
    if (Array.isArray(obj)) {
      if (obj.length === 0) return "[]";
      return `[ ${obj.map((v) => describe(v, depth + 1, seen)).join(", ")} ]`;
    }
    if (obj instanceof Map) {
      const items = [...obj].map(([k, v]) => `${describe(k, depth + 1, seen)} => ${describe(v, depth + 1, seen)}`);
      return `Map(${obj.size}) {${items.length ? ` ${items.join(", ")} ` : ""}}`;
    }
    if (obj instanceof Set) {
      const items = [...obj].map((v) => describe(v, depth + 1, seen));
      return `Set(${obj.size}) {${items.length ? ` ${items.join(", ")} ` : ""}}`;
    }
    const entries: string[] = [];
    for (const [k, desc] of Object.entries(Object.getOwnPropertyDescriptors(obj))) {
      if (!desc.enumerable) continue;
      const text = "value" in desc ? describe(desc.value, depth + 1, seen) : accessorText(desc);
      entries.push(`${keyText(k)}: ${text}`);
    }
    const ctor = Object.getPrototypeOf(obj)?.constructor;
    const prefix = ctor && ctor !== Object && ctor.name ? `${ctor.name} ` : "";
    if (entries.length === 0) return `${prefix}{}`;
    return `${prefix}{ ${entries.join(", ")} }`;
  } finally {
    seen.delete(obj);
  }
}

/** `Name: message`, or just `Name` when the message is empty, as Python prints exceptions. */
export function errorText(err: Error): string {
  const read = (key: "name" | "message"): string => {
    try {
      const v: unknown = err[key];
      return typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);
    } catch {
      return "";
    }
  };
  const name = read("name") || "Error";
  const message = read("message");
  return message ? `${name}: ${message}` : name;
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
}

function keyText(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key);
}

/** Bytes the way Python shows them: b'hello\n'. */
export function bytesText(bytes: Uint8Array): string {
  let out = "b'";
  for (const byte of bytes) {
    if (byte === 0x5c) out += "\\\\";
    else if (byte === 0x27) out += "\\'";
    else if (byte === 0x0a) out += "\\n";
    else if (byte === 0x0d) out += "\\r";
    else if (byte === 0x09) out += "\\t";
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, "0")}`;
  }
  return `${out}'`;
}

function hasOwnToString(obj: object): boolean {
  for (let proto = Object.getPrototypeOf(obj); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    if (Object.prototype.hasOwnProperty.call(proto, "toString")) return true;
  }
  return false;
}
