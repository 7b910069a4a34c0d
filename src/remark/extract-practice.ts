/**
 * Finds the exercises and quizzes of a lesson's MDX source (the syntax is in README's "Adding a
 * lesson") and validates them: the build and the content tests both use {@link extractPractice},
 * so a malformed exercise stops the build with `file:line: problem` and a hint.
 *
 * Plain TypeScript, runnable in Node.
 */
import { compile, CompileError } from "../compiler/compile.ts";
import { CheckSyntaxError, parseChecks, type Check, type CheckKind } from "../practice/checks.ts";
import { ExampleError, extractExamples, lessonSlug, parseMeta, scanFences, type Fence, type RunnableExample } from "./extract-examples.ts";
import { scanTags, type Tag } from "./jsx-tags.ts";

export interface ExerciseCode {
  code: string;
  /** Line of the opening fence. */
  line: number;
}

export interface WrongAnswer extends ExerciseCode {
  /** The check kinds this wrong answer must fail. */
  fails: CheckKind[];
  title: string | null;
}

export interface Exercise {
  id: string;
  /** `<lesson slug>/<id>`: the widget's `data-exercise`. */
  key: string;
  title: string | null;
  file: string;
  /** Line of `<Exercise`. */
  line: number;
  starter: ExerciseCode;
  checks: Check[];
  /** Line of the ```checks fence. */
  checksLine: number;
  /** Markdown of each hint, in order. */
  hints: { text: string; line: number }[];
  solution: ExerciseCode;
  wrong: WrongAnswer[];
}

export type QuestionKind = "single" | "multiple" | "predict" | "time";

export interface QuizOption {
  /** Markdown (inline) text of the option. */
  text: string;
  correct: boolean;
  explain: string;
  line: number;
}

export interface QuizQuestion {
  id: string;
  kind: QuestionKind;
  line: number;
  options: QuizOption[];
  /** The runnable example of a predict or time question. */
  example: RunnableExample | null;
  /** For a time question: the printed line whose virtual time is asked, and that time. */
  timeLine: string | null;
  answer: number | null;
}

export interface Quiz {
  id: string;
  key: string;
  title: string | null;
  file: string;
  line: number;
  questions: QuizQuestion[];
}

export interface LessonPractice {
  exercises: Exercise[];
  quizzes: Quiz[];
}

const ID_FORM = /^[a-z0-9][a-z0-9-]*$/;
const KINDS = new Set<QuestionKind>(["single", "multiple", "predict", "time"]);

function fail(file: string, line: number, problem: string, hint: string): never {
  throw new ExampleError(file, line, problem, hint);
}

function requireId(tag: Tag, file: string, what: string): string {
  const id = tag.attributes.get("id");
  if (!id) fail(file, tag.line, `\`<${tag.name}>\` has no id`, `give it one, e.g. <${tag.name} id="${what}">`);
  if (!ID_FORM.test(id)) fail(file, tag.line, `${tag.name} id \`${id}\` is not a valid id`, "use lowercase letters, digits and dashes");
  return id;
}

function allowOnly(tag: Tag, allowed: string[], file: string): void {
  for (const name of tag.attributes.keys()) {
    if (!allowed.includes(name)) fail(file, tag.line, `unknown attribute \`${name}\` on <${tag.name}>`, `the attributes allowed here are: ${allowed.join(", ")}`);
  }
}

/** Pairs each opening tag with its closing tag; returns [open, close] for top-level `name` tags. */
function blocks(tags: Tag[], name: string, file: string): [Tag, Tag][] {
  const found: [Tag, Tag][] = [];
  let open: Tag | null = null;
  for (const tag of tags.filter((t) => t.name === name)) {
    if (!tag.closing && !tag.selfClosing) {
      if (open) fail(file, tag.line, `<${name}> opened inside another <${name}> (line ${open.line})`, `close the first one with </${name}>`);
      open = tag;
    } else if (tag.closing) {
      if (!open) fail(file, tag.line, `</${name}> has no opening <${name}>`, "remove it, or add the opening tag");
      found.push([open, tag]);
      open = null;
    } else {
      fail(file, tag.line, `<${name} /> has no content`, `write <${name} ...>...</${name}>`);
    }
  }
  if (open) fail(file, open.line, `<${name}> is never closed`, `add </${name}> after its content`);
  return found;
}

function compiles(code: string, what: string, file: string, fenceLine: number): void {
  try {
    compile(code, "exercise.ts");
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    fail(file, fenceLine + error.line, `${what} does not compile: ${error.message}`, "fix the code in the fence; the line number points at the problem");
  }
}

function exerciseOf(open: Tag, close: Tag, source: string, fences: Fence[], file: string): Exercise {
  allowOnly(open, ["id", "title"], file);
  const id = requireId(open, file, "three-downloads");
  const inside = fences.filter((f) => f.line > open.line && f.endLine < close.line);
  const lines = source.split(/\r?\n/);
  let starter: ExerciseCode | null = null;
  let checks: Check[] | null = null;
  let checksLine = 0;
  let solution: ExerciseCode | null = null;
  const hints: Exercise["hints"] = [];
  const wrongFences: { fence: Fence; fails: string[]; title: string | null }[] = [];
  const order = ["starter", "checks", "hint", "solution", "wrong"];
  let stage = 0;
  const seen = new Set<string>();
  inside.forEach((fence, i) => {
    if (i > 0) {
      const between = lines.slice(inside[i - 1]!.endLine, fence.line - 1);
      if (between.some((text) => text.trim() !== "")) {
        fail(file, fence.line - 1, "text between an exercise's fences", "put the statement before the ```ts starter fence; only blank lines may separate the fences");
      }
    }
    const meta = parseMeta(fence.meta, file, fence.line);
    const word = fence.lang === "ts" ? [...meta.keys()][0] : fence.lang;
    const at = order.indexOf(word ?? "");
    if (at === -1) {
      fail(file, fence.line, `unexpected \`${`${fence.lang} ${fence.meta}`.trim()}\` fence in an exercise`, "an exercise holds ```ts starter, ```checks, ```hint, ```ts solution and ```ts wrong fails=... fences");
    }
    if (at < stage || (seen.has(word!) && (word === "starter" || word === "checks" || word === "solution"))) {
      fail(file, fence.line, `\`${word}\` fence out of order or repeated`, "write exactly one ts starter, one checks, hints, one ts solution, then wrong answers, in this order");
    }
    stage = at;
    seen.add(word!);
    if (word === "starter") starter = { code: fence.code, line: fence.line };
    else if (word === "solution") solution = { code: fence.code, line: fence.line };
    else if (word === "hint") hints.push({ text: fence.code.trim(), line: fence.line });
    else if (word === "checks") {
      checksLine = fence.line;
      try {
        checks = parseChecks(fence.code);
      } catch (error) {
        if (!(error instanceof CheckSyntaxError)) throw error;
        const offset = (error as CheckSyntaxError & { offset?: number }).offset ?? 0;
        fail(file, fence.line + 1 + offset, error.message, error.hint);
      }
      if (checks!.length === 0) fail(file, fence.line, "the checks fence is empty", "write one check per line, e.g. duration at most 3");
    } else {
      const fails = meta.get("fails");
      if (!fails) fail(file, fence.line, "a wrong answer does not say which checks it fails", "write ```ts wrong fails=duration (check kinds, comma-separated)");
      wrongFences.push({ fence, fails: fails.split(","), title: meta.get("title") ?? null });
    }
  });
  if (!starter) fail(file, open.line, `exercise \`${id}\` has no \`ts starter\` fence`, "add a ```ts starter fence with the code the learner starts from");
  if (!checks) fail(file, open.line, `exercise \`${id}\` has no \`checks\` fence`, "add a ```checks fence after the starter, one check per line");
  if (!solution) fail(file, open.line, `exercise \`${id}\` has no \`ts solution\` fence`, "add a ```ts solution fence with a reference solution that passes every check");
  const starterCode = starter as ExerciseCode;
  const solutionCode = solution as ExerciseCode;
  const checkList = checks as Check[];
  compiles(starterCode.code, "the starter", file, starterCode.line);
  compiles(solutionCode.code, "the solution", file, solutionCode.line);
  const kinds = new Set(checkList.map((check) => check.kind));
  const wrong = wrongFences.map(({ fence, fails, title }) => {
    compiles(fence.code, "a wrong answer", file, fence.line);
    for (const kind of fails) {
      if (!kinds.has(kind as CheckKind)) {
        fail(file, fence.line, `wrong answer names check kind \`${kind}\`, which the exercise does not have`, `the exercise's check kinds are: ${[...kinds].join(", ")}`);
      }
    }
    return { code: fence.code, line: fence.line, fails: fails as CheckKind[], title };
  });
  return {
    id,
    key: `${lessonSlug(file)}/${id}`,
    title: open.attributes.get("title") ?? null,
    file,
    line: open.line,
    starter: starterCode,
    checks: checkList,
    checksLine,
    hints,
    solution: solutionCode,
    wrong,
  };
}

function questionOf(open: Tag, close: Tag, tags: Tag[], source: string, examples: RunnableExample[], file: string): QuizQuestion {
  allowOnly(open, ["id", "kind", "line", "answer"], file);
  const id = requireId(open, file, "predict-order");
  const kind = open.attributes.get("kind") as QuestionKind | undefined;
  if (!kind || !KINDS.has(kind)) fail(file, open.line, `question \`${id}\` has kind \`${kind ?? "(none)"}\``, 'write kind="single", "multiple", "predict" or "time"');
  const within = (line: number) => line > open.line && line < close.line;
  const options: QuizOption[] = [];
  for (const [optOpen, optClose] of blocks(tags.filter((t) => within(t.line)), "Option", file)) {
    allowOnly(optOpen, ["correct", "explain"], file);
    const explain = optOpen.attributes.get("explain");
    if (!explain) fail(file, optOpen.line, "an option has no explain", 'add explain="..." saying why this option is right or wrong');
    options.push({
      text: source.slice(optOpen.end, optClose.start).trim(),
      correct: optOpen.attributes.has("correct"),
      explain,
      line: optOpen.line,
    });
  }
  const inQuestion = examples.filter((example) => within(example.line));
  if (inQuestion.length > 1) fail(file, inQuestion[1]!.line, `question \`${id}\` has more than one runnable example`, "keep one example per question");
  const example = inQuestion[0] ?? null;
  let timeLine: string | null = null;
  let answer: number | null = null;
  if (kind === "single" || kind === "multiple") {
    if (options.length < 2) fail(file, open.line, `${kind} question \`${id}\` has ${options.length} option(s)`, "give it at least two <Option> elements");
    const correct = options.filter((o) => o.correct).length;
    if (correct === 0) fail(file, open.line, `question \`${id}\` has no correct option`, "mark the right answer with <Option correct ...>");
    if (kind === "single" && correct !== 1) fail(file, open.line, `single-choice question \`${id}\` has ${correct} correct options`, 'keep exactly one correct option, or use kind="multiple"');
  } else {
    if (!example) fail(file, open.line, `${kind} question \`${id}\` has no runnable example`, "put a ```ts runnable ... predict fence and its ```output fence inside the question");
    if (options.length > 0) fail(file, options[0]!.line, `${kind} question \`${id}\` has options`, "a predict or time question is answered by typing, not by choosing");
    if (kind === "predict" && example.expected.lines.length === 0) fail(file, example.line, "a predict question's program prints nothing", "ask about a program that prints");
    if (kind === "time") {
      timeLine = open.attributes.get("line") ?? null;
      const raw = open.attributes.get("answer");
      answer = raw !== undefined && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : null;
      if (!timeLine) fail(file, open.line, `time question \`${id}\` has no line`, 'name the printed line whose time is asked: line="done"');
      if (answer === null) fail(file, open.line, `time question \`${id}\` has no numeric answer`, 'give the virtual time in seconds: answer="2.5"');
      const documented = example.expected.lines.find((l) => l.replace(/^\[[\d.]+s\] ?/, "") === timeLine);
      if (!documented) fail(file, open.line, `the example never prints the line \`${timeLine}\``, "line= must be a whole line of the documented output, without its time");
      const at = Number(/^\[([\d.]+)s\]/.exec(documented)![1]);
      if (Math.abs(at - answer) > 0.0005) fail(file, open.line, `answer ${answer} disagrees with the documented output, which prints \`${timeLine}\` at ${at.toFixed(3)}s`, "fix the answer or the documented output");
    }
  }
  return { id, kind, line: open.line, options, example, timeLine, answer };
}

function quizOf(open: Tag, close: Tag, tags: Tag[], source: string, examples: RunnableExample[], file: string): Quiz {
  allowOnly(open, ["id", "title"], file);
  const id = requireId(open, file, "tasks-quiz");
  const within = tags.filter((t) => t.line > open.line && t.line < close.line);
  const questions = blocks(within, "Question", file).map(([qOpen, qClose]) => questionOf(qOpen, qClose, within, source, examples, file));
  const seen = new Map<string, number>();
  for (const question of questions) {
    const first = seen.get(question.id);
    if (first !== undefined) fail(file, question.line, `duplicate question id \`${question.id}\` (first used on line ${first})`, "give each question its own id");
    seen.set(question.id, question.line);
  }
  if (questions.length === 0) fail(file, open.line, `quiz \`${id}\` has no questions`, "add <Question> elements");
  const stray = within.find((t) => t.name === "Option" && !questions.some((q) => q.options.some((o) => o.line === t.line)));
  if (stray) fail(file, stray.line, "an <Option> outside a <Question>", "put each option inside its question");
  return { id, key: `${lessonSlug(file)}/${id}`, title: open.attributes.get("title") ?? null, file, line: open.line, questions };
}

/**
 * Every exercise and quiz in `source`, in document order.
 * @throws {ExampleError} with `file:line` and a hint when one is malformed.
 */
export function extractPractice(source: string, file: string): LessonPractice {
  const fences = scanFences(source, file);
  const tags = scanTags(source, fences, file);
  const examples = extractExamples(source, file);
  const exercises = blocks(tags, "Exercise", file).map(([open, close]) => exerciseOf(open, close, source, fences, file));
  const quizBlocks = blocks(tags, "Quiz", file);
  const quizzes = quizBlocks.map(([open, close]) => quizOf(open, close, tags, source, examples, file));
  for (const tag of tags) {
    if (tag.name !== "Question" && tag.name !== "Option") continue;
    if (!quizBlocks.some(([open, close]) => tag.line > open.line && tag.line < close.line)) {
      fail(file, tag.line, `a <${tag.name}> outside a <Quiz>`, "put questions inside <Quiz>...</Quiz>, and options inside their question");
    }
  }
  const ids = new Map<string, number>();
  for (const item of [...exercises, ...quizzes]) {
    const first = ids.get(item.id);
    if (first !== undefined) fail(file, item.line, `duplicate exercise or quiz id \`${item.id}\` (first used on line ${first})`, "give each exercise and quiz of a lesson its own id");
    ids.set(item.id, item.line);
  }
  for (const [open, close] of blocks(tags, "Exercise", file)) {
    const inside = examples.find((example) => example.line > open.line && example.line < close.line);
    if (inside) fail(file, inside.line, "a runnable example inside an exercise", "put examples outside <Exercise>, or make this the ```ts starter");
  }
  return { exercises, quizzes };
}
