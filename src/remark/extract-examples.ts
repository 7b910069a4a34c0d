/**
 * Finds the runnable examples in a lesson's MDX source.
 *
 * A runnable example is a group of fenced code blocks that follow each other with only blank
 * lines between them:
 *
 * ````md
 * ```ts runnable id=first-sleep title="Sleeping"
 * await asyncio.sleep(1);
 * print("done");
 * ```
 * ```output
 * [1.000s] done
 * ```
 * ```python original
 * await asyncio.sleep(1)
 * print("done")
 * ```
 * ```output
 * [1.000s] done
 * ```
 * ````
 *
 * The first two fences are required; the `python original` fence and its own `output` fence are
 * optional. The build-time plugin that turns these groups into widgets and the content checks that
 * run every example both use {@link extractExamples}, so they can never disagree about what an
 * example is.
 *
 * This module is plain TypeScript with no dependencies, so Node can run it directly.
 */

/** One fenced code block, with 1-based line numbers of its opening and closing fence lines. */
export interface Fence {
  lang: string;
  meta: string;
  code: string;
  /** Line of the opening fence. */
  line: number;
  /** Line of the closing fence (the last line of the file for an unclosed fence). */
  endLine: number;
}

/** The documented output of a program. */
export interface ExpectedOutput {
  /** Each printed line as `[1.000s] text`. */
  lines: string[];
  /** Error class the program is documented to end with (`output error=TimeoutError`), or null. */
  error: string | null;
  /** Line of the opening `output` fence. */
  line: number;
  endLine: number;
}

export interface PythonTwin {
  code: string;
  /** Line marks for Expressive Code, e.g. `ins={3-4}`; empty when none. */
  marks: string;
  line: number;
  endLine: number;
  expected: ExpectedOutput;
}

export interface RunnableExample {
  /** Id unique within the lesson: the fence's `id=` option, or `example-N` (1-based). */
  id: string;
  /** Id unique across the site: `<lesson slug>/<id>`. The widget's `data-example`. */
  key: string;
  /** 0-based position of the example in its lesson. */
  index: number;
  /** The fence's `title="..."` option, or null. */
  title: string | null;
  /** False when the fence says `typecheck=off`: the code is not type-checked (it shows a type error on purpose). */
  typecheck: boolean;
  /** The fence's bare `predict` flag: the documented output stays hidden until a run or Reveal. */
  predict: boolean;
  /** Path of the lesson file, as given to {@link extractExamples}. */
  file: string;
  /** The TypeScript program. */
  code: string;
  /**
   * Line marks for Expressive Code, from the fence's `ins=`, `del=` or `mark=` options, e.g.
   * `ins={3-4}`: the lines an example changes from the previous one. Empty when none.
   */
  marks: string;
  /** Line of the opening ```ts fence. */
  line: number;
  endLine: number;
  expected: ExpectedOutput;
  python: PythonTwin | null;
}

/** A malformed example. The message starts with `file:line`, so editors can jump to it. */
export class ExampleError extends Error {
  override name = "ExampleError";
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, problem: string, hint: string) {
    super(`${file}:${line}: ${problem}\nHint: ${hint}`);
    this.file = file;
    this.line = line;
  }
}

/** Matches one documented output line: `[1.500s] text`. The text may be empty. */
export const OUTPUT_LINE = /^\[(\d+\.\d{3})s\](?: (.*))?$/;

const RUNNABLE_LANGS = new Set(["ts", "typescript"]);
const MARK_OPTIONS = ["ins", "del", "mark"];
const RUNNABLE_OPTIONS = new Set(["runnable", "id", "title", "typecheck", "predict", ...MARK_OPTIONS]);
const PYTHON_OPTIONS = new Set(["original", "title", ...MARK_OPTIONS]);
/** A line range list as Expressive Code reads it: `{3}`, `{3-4}`, `{2,5-7}`. */
const LINE_RANGES = /^\{\d+(?:-\d+)?(?:, ?\d+(?:-\d+)?)*\}$/;
const OUTPUT_OPTIONS = new Set(["error"]);
const ID_FORM = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Returns every runnable example in `source`, in document order.
 *
 * @param source The MDX source of a lesson, frontmatter included.
 * @param file Path used in error messages and to derive the lesson slug (its base name).
 * @throws {ExampleError} when an example group is malformed.
 *
 * @example
 * ```ts
 * const [example] = extractExamples(
 *   "```ts runnable\nprint('hi');\n```\n```output\n[0.000s] hi\n```\n",
 *   "content/lessons/01-intro.mdx",
 * );
 * example.key; // "01-intro/example-1"
 * example.expected.lines; // ["[0.000s] hi"]
 * ```
 */
export function extractExamples(source: string, file: string): RunnableExample[] {
  const lines = sourceLines(source);
  const fences = scanFences(source, file);
  const slug = lessonSlug(file);
  const examples: RunnableExample[] = [];
  const seenIds = new Map<string, number>();

  for (let i = 0; i < fences.length; i++) {
    const fence = fences[i]!;
    const options = parseMeta(fence.meta, file, fence.line);

    if (options.has("original") && fence.lang === "python") {
      throw new ExampleError(
        file,
        fence.line,
        "a `python original` fence must come right after a runnable example's output fence",
        "put it after the ```output fence of the ```ts runnable fence it translates",
      );
    }
    if (!options.has("runnable")) continue;

    if (!RUNNABLE_LANGS.has(fence.lang)) {
      throw new ExampleError(
        file,
        fence.line,
        `a runnable fence must be TypeScript, got \`${fence.lang || "(no language)"}\``,
        "start the fence with ```ts runnable",
      );
    }
    checkOptions(options, RUNNABLE_OPTIONS, "a runnable fence", file, fence.line);

    const outputFence = adjacentFence(lines, fences, i);
    if (!outputFence || outputFence.lang !== "output") {
      throw new ExampleError(
        file,
        fence.line,
        "runnable fence has no ```output fence right after it",
        "add a ```output fence holding the documented output, one `[1.000s] text` line per print",
      );
    }
    const expected = parseOutput(outputFence, file);
    i++;

    let python: PythonTwin | null = null;
    const pythonFence = adjacentFence(lines, fences, i);
    if (pythonFence?.lang === "python" && parseMeta(pythonFence.meta, file, pythonFence.line).has("original")) {
      checkOptions(
        parseMeta(pythonFence.meta, file, pythonFence.line),
        PYTHON_OPTIONS,
        "a python original fence",
        file,
        pythonFence.line,
      );
      i++;
      const pythonOutput = adjacentFence(lines, fences, i);
      if (!pythonOutput || pythonOutput.lang !== "output") {
        throw new ExampleError(
          file,
          pythonFence.line,
          "python original fence has no ```output fence right after it",
          "add a ```output fence with the Python program's output, one `[1.000s] text` line per print",
        );
      }
      i++;
      python = {
        code: pythonFence.code,
        marks: lineMarks(parseMeta(pythonFence.meta, file, pythonFence.line), file, pythonFence.line),
        line: pythonFence.line,
        endLine: pythonFence.endLine,
        expected: parseOutput(pythonOutput, file),
      };
    }

    const id = options.get("id") ?? `example-${examples.length + 1}`;
    if (!ID_FORM.test(id)) {
      throw new ExampleError(
        file,
        fence.line,
        `example id \`${id}\` is not a valid id`,
        "use lowercase letters, digits and dashes, e.g. id=gather-three",
      );
    }
    const firstLine = seenIds.get(id);
    if (firstLine !== undefined) {
      throw new ExampleError(
        file,
        fence.line,
        `duplicate example id \`${id}\` (first used on line ${firstLine})`,
        "give each runnable fence in a lesson its own id=",
      );
    }
    seenIds.set(id, fence.line);
    const typecheck = options.get("typecheck");
    if (typecheck !== undefined && typecheck !== "off") {
      throw new ExampleError(
        file,
        fence.line,
        `\`typecheck=${typecheck}\` is not an option value`,
        "write typecheck=off to leave out of the type check an example whose type error is the point, or remove the option",
      );
    }

    examples.push({
      id,
      key: `${slug}/${id}`,
      index: examples.length,
      title: options.get("title") ?? null,
      typecheck: typecheck === undefined,
      predict: options.has("predict"),
      file,
      code: fence.code,
      marks: lineMarks(options, file, fence.line),
      line: fence.line,
      endLine: fence.endLine,
      expected,
      python,
    });
  }
  return examples;
}

/** The lesson slug used in example keys: the file's base name without its extension. */
export function lessonSlug(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.[^.]+$/, "");
}

/**
 * Parses fence meta such as `runnable id=intro title="Two tasks"` into a map. A bare word maps to
 * the empty string.
 */
export function parseMeta(meta: string, file: string, line: number): Map<string, string> {
  const options = new Map<string, string>();
  const token = /\s*([A-Za-z][\w-]*)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/y;
  let rest = meta.trim();
  while (rest.length > 0) {
    token.lastIndex = 0;
    const match = token.exec(rest);
    if (!match || match[0].trim() === "") {
      throw new ExampleError(
        file,
        line,
        `cannot read fence options \`${meta.trim()}\``,
        'write options as words or key=value pairs, e.g. runnable id=intro title="Intro"',
      );
    }
    options.set(match[1]!, match[2] ?? match[3] ?? match[4] ?? "");
    rest = rest.slice(token.lastIndex).trimStart();
  }
  return options;
}

/** The fence's `ins=`/`del=`/`mark=` options, checked, as Expressive Code meta (`ins={3-4}`). */
function lineMarks(options: Map<string, string>, file: string, line: number): string {
  const marks: string[] = [];
  for (const key of MARK_OPTIONS) {
    const value = options.get(key);
    if (value === undefined) continue;
    if (!LINE_RANGES.test(value)) {
      throw new ExampleError(
        file,
        line,
        `\`${key}=${value}\` is not a list of line numbers`,
        `write the lines in braces, e.g. ${key}={3} or ${key}={3-4,7}`,
      );
    }
    marks.push(`${key}=${value}`);
  }
  return marks.join(" ");
}

function checkOptions(
  options: Map<string, string>,
  allowed: Set<string>,
  what: string,
  file: string,
  line: number,
): void {
  for (const key of options.keys()) {
    if (!allowed.has(key)) {
      throw new ExampleError(
        file,
        line,
        `unknown option \`${key}\` on ${what}`,
        `the options allowed here are: ${[...allowed].join(", ")}`,
      );
    }
  }
}

function parseOutput(fence: Fence, file: string): ExpectedOutput {
  const options = parseMeta(fence.meta, file, fence.line);
  checkOptions(options, OUTPUT_OPTIONS, "an output fence", file, fence.line);
  const lines = fence.code === "" ? [] : fence.code.split("\n");
  lines.forEach((text, offset) => {
    if (!OUTPUT_LINE.test(text)) {
      throw new ExampleError(
        file,
        fence.line + 1 + offset,
        `output line \`${text}\` is not in the \`[N.NNNs] text\` form`,
        "write the virtual time with three decimals, e.g. `[1.500s] done`",
      );
    }
  });
  const error = options.get("error");
  return { lines, error: error || null, line: fence.line, endLine: fence.endLine };
}

/** The fence after `fences[i]` when only blank lines separate the two, else null. */
function adjacentFence(lines: string[], fences: Fence[], i: number): Fence | null {
  const current = fences[i];
  const next = fences[i + 1];
  if (!current || !next) return null;
  const between = lines.slice(current.endLine, next.line - 1);
  return between.every((text) => text.trim() === "") ? next : null;
}

function sourceLines(source: string): string[] {
  return source.split(/\r?\n/);
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;

/**
 * Lists the top-level fenced code blocks of a Markdown/MDX document, skipping YAML frontmatter.
 * Follows CommonMark: a fence closes at a line of the same character, at least as long, with
 * nothing after it but spaces.
 */
export function scanFences(source: string, file: string): Fence[] {
  const lines = sourceLines(source);
  const fences: Fence[] = [];
  let i = 0;
  if (lines[0]?.trim() === "---") {
    const close = lines.findIndex((text, n) => n > 0 && /^(---|\.\.\.)\s*$/.test(text));
    i = close === -1 ? 0 : close + 1;
  }
  for (; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i]!);
    if (!open) continue;
    const [, indent = "", marker = "", infoRaw = ""] = open;
    if (marker[0] === "`" && infoRaw.includes("`")) continue;
    const info = infoRaw.trim();
    const space = info.search(/\s/);
    const lang = space === -1 ? info : info.slice(0, space);
    const meta = space === -1 ? "" : info.slice(space + 1).trim();
    const close = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}\\s*$`);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !close.test(lines[j]!); j++) {
      body.push(stripIndent(lines[j]!, indent.length));
    }
    if (j >= lines.length && lang === "ts" && parseMetaSafe(meta).has("runnable")) {
      throw new ExampleError(
        file,
        i + 1,
        "runnable fence is never closed",
        `close it with a line of ${marker}`,
      );
    }
    fences.push({ lang, meta, code: body.join("\n"), line: i + 1, endLine: Math.min(j, lines.length - 1) + 1 });
    i = j;
  }
  return fences;
}

function parseMetaSafe(meta: string): Map<string, string> {
  try {
    return parseMeta(meta, "", 0);
  } catch {
    return new Map();
  }
}

function stripIndent(text: string, width: number): string {
  let n = 0;
  while (n < width && text[n] === " ") n++;
  return text.slice(n);
}
