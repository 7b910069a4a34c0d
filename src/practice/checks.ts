/**
 * The check language of exercises: one check per line of a ```checks fence, with optional
 * `-- advice` at the end. See the table in README's "Adding a lesson".
 *
 *     duration at most 3 -- start each download as a task
 *     output in order "a: 200", "b: 200"
 *     concurrency of download at least 3
 *     uses gather or createTask
 *
 * Plain TypeScript with no dependencies: the build, the sandbox worker and the tests share it.
 */

export type Comparison = "at most" | "at least" | "exactly";

interface CheckBase {
  /** The check as written, without its advice. */
  text: string;
  /** Advice appended to the generated message when the check fails, or null. */
  advice: string | null;
}

export type Check = CheckBase &
  (
    | { kind: "output"; mode: "exactly" | "in order" | "contains"; timed: boolean; lines: string[] }
    | { kind: "duration"; op: Comparison; seconds: number }
    | { kind: "concurrency"; fn: string | null; op: Comparison; count: number }
    | { kind: "overlap"; a: string; b: string }
    | { kind: "after"; later: string; earlier: string }
    | { kind: "blocking" }
    | { kind: "ends"; error: string | null }
    | { kind: "uses"; names: string[]; negated: boolean }
    | { kind: "predicate"; path: string }
  );

export type CheckKind = Check["kind"];

export const CHECK_KINDS: readonly CheckKind[] = [
  "output",
  "duration",
  "concurrency",
  "overlap",
  "after",
  "blocking",
  "ends",
  "uses",
  "predicate",
];

/** A check line that does not parse: what is wrong and how to write it. */
export class CheckSyntaxError extends Error {
  override name = "CheckSyntaxError";
  readonly hint: string;
  constructor(problem: string, hint: string) {
    super(problem);
    this.hint = hint;
  }
}

type Token = { type: "word"; value: string } | { type: "string"; value: string };

const WORD = /[\w$./-]+/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === ",") {
      i++;
    } else if (c === '"') {
      let value = "";
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === "\\" && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (i >= text.length) throw new CheckSyntaxError("a string is never closed", 'close each string with ", and write \\" for a quote inside it');
      i++;
      tokens.push({ type: "string", value });
    } else {
      WORD.lastIndex = i;
      const match = WORD.exec(text);
      if (!match) throw new CheckSyntaxError(`unexpected \`${c}\``, 'strings are double-quoted, e.g. output contains "done"');
      tokens.push({ type: "word", value: match[0] });
      i = WORD.lastIndex;
    }
  }
  return tokens;
}

/** Splits `check -- advice` at the first ` -- ` outside a string. */
function splitAdvice(line: string): [string, string | null] {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "\\" && inString) i++;
    else if (c === '"') inString = !inString;
    else if (!inString && line.startsWith("--", i) && (i === 0 || line[i - 1] === " ")) {
      const advice = line.slice(i + 2).trim();
      return [line.slice(0, i).trim(), advice || null];
    }
  }
  return [line.trim(), null];
}

const COMPARISON_HINT = "write `at most N`, `at least N` or `exactly N`, N in seconds (e.g. 3 or 2.5)";

function comparison(words: string[], what: string): { op: Comparison; value: number } {
  const text = words.join(" ");
  const match = /^(at most|at least|exactly) (\d+(?:\.\d+)?)$/.exec(text);
  if (!match) throw new CheckSyntaxError(`cannot read \`${text}\` after \`${what}\``, COMPARISON_HINT);
  return { op: match[1] as Comparison, value: Number(match[2]) };
}

function words(tokens: Token[], what: string): string[] {
  return tokens.map((token) => {
    if (token.type === "string") throw new CheckSyntaxError(`\`${what}\` takes no quoted string`, `see the form of \`${what}\` checks`);
    return token.value;
  });
}

function strings(tokens: Token[], what: string): string[] {
  if (tokens.length === 0) throw new CheckSyntaxError(`\`${what}\` needs at least one line`, `write it as ${what} "first line", "second line"`);
  return tokens.map((token) => {
    if (token.type !== "string") throw new CheckSyntaxError(`\`${token.value}\` is not a quoted string`, `quote each line: ${what} "a", "b"`);
    return token.value;
  });
}

/**
 * Parses one check line. Throws {@link CheckSyntaxError} with a hint when it does not parse.
 *
 * @example
 * parseCheck('duration at most 3 -- run them as tasks');
 * // { kind: "duration", op: "at most", seconds: 3, text: "duration at most 3", advice: "run them as tasks" }
 */
export function parseCheck(line: string): Check {
  const [text, advice] = splitAdvice(line);
  const tokens = tokenize(text);
  const base = { text, advice };
  const head = tokens[0];
  if (head === undefined) throw new CheckSyntaxError("empty check", "write one check per line");
  if (head.type === "string") {
    const [later, word, earlier, ...rest] = tokens;
    if (word?.type !== "word" || word.value !== "after" || earlier?.type !== "string" || rest.length > 0) {
      throw new CheckSyntaxError(`cannot read \`${text}\``, 'an order check reads "b done" after "a done"');
    }
    return { ...base, kind: "after", later: later!.value, earlier: earlier.value };
  }
  const rest = tokens.slice(1);
  switch (head.value) {
    case "output": {
      const mode = rest[0]?.type === "word" ? rest[0].value : "";
      if (mode === "exactly") {
        const timed = rest[1]?.type === "word" && rest[1].value === "timed";
        const lines = strings(rest.slice(timed ? 2 : 1), `output exactly${timed ? " timed" : ""}`);
        if (timed) {
          const bad = lines.find((l) => !/^\[\d+\.\d{3}s\]( |$)/.test(l));
          if (bad !== undefined) throw new CheckSyntaxError(`\`${bad}\` is not a \`[1.000s] text\` line`, "timed lines start with their virtual time, three decimals");
        }
        return { ...base, kind: "output", mode: "exactly", timed, lines };
      }
      if (mode === "in" && rest[1]?.type === "word" && rest[1].value === "order") {
        return { ...base, kind: "output", mode: "in order", timed: false, lines: strings(rest.slice(2), "output in order") };
      }
      if (mode === "contains") {
        const lines = strings(rest.slice(1), "output contains");
        if (lines.length !== 1) throw new CheckSyntaxError("`output contains` takes one string", "write one check per text");
        return { ...base, kind: "output", mode: "contains", timed: false, lines };
      }
      throw new CheckSyntaxError(`cannot read \`${text}\``, 'write output exactly "a", "b" / output exactly timed "[0.000s] a" / output in order "a", "b" / output contains "a"');
    }
    case "duration": {
      const { op, value } = comparison(words(rest, "duration"), "duration");
      return { ...base, kind: "duration", op, seconds: value };
    }
    case "concurrency": {
      let ws = words(rest, "concurrency");
      let fn: string | null = null;
      if (ws[0] === "of") {
        fn = ws[1] ?? null;
        if (fn === null || !/^[A-Za-z_$][\w$]*$/.test(fn)) throw new CheckSyntaxError("`concurrency of` needs a function name", "write e.g. concurrency of download at least 3");
        ws = ws.slice(2);
      }
      const { op, value } = comparison(ws, "concurrency");
      if (!Number.isInteger(value)) throw new CheckSyntaxError("a task count must be a whole number", "write e.g. concurrency at least 3");
      return { ...base, kind: "concurrency", fn, op, count: value };
    }
    case "overlap": {
      const ws = words(rest, "overlap");
      if (ws.length !== 2) throw new CheckSyntaxError("`overlap` names two coroutine functions", "write e.g. overlap download worker");
      return { ...base, kind: "overlap", a: ws[0]!, b: ws[1]! };
    }
    case "no": {
      if (rest.length === 1 && rest[0]!.type === "word" && rest[0]!.value === "blocking") return { ...base, kind: "blocking" };
      throw new CheckSyntaxError(`cannot read \`${text}\``, "write no blocking");
    }
    case "ends": {
      const ws = words(rest, "ends");
      if (ws.join(" ") === "without error") return { ...base, kind: "ends", error: null };
      if (ws.length === 2 && ws[0] === "with" && /^[A-Z]\w*$/.test(ws[1]!)) return { ...base, kind: "ends", error: ws[1]! };
      throw new CheckSyntaxError(`cannot read \`${text}\``, "write ends without error, or ends with TimeoutError");
    }
    case "uses":
    case "not": {
      const negated = head.value === "not";
      let ws = words(rest, head.value);
      if (negated) {
        if (ws[0] !== "uses") throw new CheckSyntaxError(`cannot read \`${text}\``, "write not uses time.sleep");
        ws = ws.slice(1);
      }
      const names = ws.filter((_, i) => i % 2 === 0);
      const ors = ws.filter((_, i) => i % 2 === 1);
      if (names.length === 0 || ors.some((w) => w !== "or") || ws.length % 2 === 0) {
        throw new CheckSyntaxError(`cannot read \`${text}\``, "write uses createTask, uses gather or createTask, or not uses time.sleep");
      }
      const bad = names.find((n) => !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)?$/.test(n));
      if (bad) throw new CheckSyntaxError(`\`${bad}\` is not a function name`, "name a function, e.g. createTask, or a module's function, e.g. time.sleep");
      return { ...base, kind: "uses", names, negated };
    }
    case "predicate": {
      const ws = words(rest, "predicate");
      if (ws.length !== 1 || !/^checks\/[\w-]+\.ts$/.test(ws[0]!)) {
        throw new CheckSyntaxError(`cannot read \`${text}\``, "write predicate checks/name.ts, a module in content/lessons/checks/");
      }
      return { ...base, kind: "predicate", path: ws[0]! };
    }
    default:
      throw new CheckSyntaxError(
        `unknown check \`${head.value}\``,
        `a check starts with one of: output, duration, concurrency, overlap, "x" after "y", no blocking, ends, uses, not uses, predicate`,
      );
  }
}

/** Parses a ```checks fence body: one check per non-blank line. Errors carry the 0-based line. */
export function parseChecks(body: string): Check[] {
  const checks: Check[] = [];
  body.split("\n").forEach((line, offset) => {
    if (line.trim() === "") return;
    try {
      checks.push(parseCheck(line));
    } catch (error) {
      if (error instanceof CheckSyntaxError) (error as CheckSyntaxError & { offset?: number }).offset = offset;
      throw error;
    }
  });
  return checks;
}
