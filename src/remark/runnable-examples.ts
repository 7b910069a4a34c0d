/**
 * Build-time step that turns each runnable fence group of a lesson (see `extract-examples.ts`)
 * into the markup of a runnable example widget. The code blocks stay `code` nodes, so Expressive
 * Code highlights them for both themes like every other block; the client script in
 * `src/widgets/` then wires up the buttons.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { MdastPluginEntry, MdastPluginDefinition, Custom, MdastNode } from "satteri";
import { extractExamples, type ExpectedOutput, type RunnableExample } from "./extract-examples.ts";
import { extractPractice, type LessonPractice } from "./extract-practice.ts";
import { exerciseNode } from "./practice-nodes.ts";

type Node = MdastNode | Custom;

/** A cheap test for files that may hold examples; the real parse happens in `extractExamples`. */
const MAY_HAVE_EXAMPLES = /^ {0,3}(`{3,}|~{3,}) *(ts|typescript)\b.*\brunnable\b|<(Exercise|Quiz)\b/m;

/**
 * The Sätteri mdast plugin. Add it to `satteri({ mdastPlugins: [...] })`.
 * A malformed example stops the build with `file:line: problem` and a hint.
 */
export function runnableExamples(): MdastPluginEntry {
  return ({ fileURL, source }) => {
    if (!fileURL || fileURL.protocol !== "file:" || !MAY_HAVE_EXAMPLES.test(source)) return null;
    const path = fileURLToPath(fileURL);
    const file = relative(process.cwd(), path);
    // Astro hands Sätteri the body without frontmatter; examples are located and reported with
    // line numbers of the whole file, as an author sees it in an editor.
    const fileSource = readFileSync(path, "utf8");
    const examples = extractExamples(fileSource, file);
    const practice = extractPractice(fileSource, file);
    const bodyStart = fileSource.indexOf(source);
    const lineOffset = bodyStart > 0 ? fileSource.slice(0, bodyStart).split("\n").length - 1 : 0;
    return createPlugin(examples, practice, lineOffset);
  };
}

function createPlugin(examples: RunnableExample[], practice: LessonPractice, lineOffset: number): MdastPluginDefinition {
  const byLine = new Map<number, RunnableExample>();
  const absorbed = new Set<number>();
  // An exercise's widget takes the place of its starter fence; its other fences are data.
  const exercises = new Map(practice.exercises.map((exercise) => [exercise.starter.line, exercise]));
  for (const exercise of practice.exercises) {
    absorbed.add(exercise.checksLine).add(exercise.solution.line);
    for (const hint of exercise.hints) absorbed.add(hint.line);
    for (const wrong of exercise.wrong) absorbed.add(wrong.line);
  }
  for (const example of examples) {
    byLine.set(example.line, example);
    absorbed.add(example.expected.line);
    if (example.python) {
      absorbed.add(example.python.line);
      absorbed.add(example.python.expected.line);
    }
  }
  return {
    name: "awaitable-runnable-examples",
    options: { position: true },
    code(node, ctx) {
      const start = node.position?.start.line;
      if (start === undefined) return;
      const line = start + lineOffset;
      const example = byLine.get(line);
      const exercise = exercises.get(line);
      if (example) {
        ctx.replaceNode(node, exampleNode(example));
      } else if (exercise) {
        ctx.replaceNode(node, exerciseNode(exercise));
      } else if (absorbed.has(line)) {
        ctx.removeNode(node);
      }
    },
  };
}

function el(tagName: string, properties: Record<string, unknown>, children: Node[] = []): Custom {
  return { type: "awaitableElement", data: { hName: tagName, hProperties: properties }, children };
}

function text(value: string): Node {
  return { type: "text", value };
}

function code(lang: string, value: string, title: string | null, marks = ""): Node {
  // Wrapped, so the code never scrolls sideways inside the widget: a scrolling block becomes an
  // unnamed landmark region, one per example, which screen readers cannot tell apart.
  const meta = [title ? `title=${JSON.stringify(title)}` : "", "wrap", marks].filter(Boolean).join(" ");
  return { type: "code", lang, meta, value } as Node;
}

/** Builds the widget for one example. Ids derive from the example key so they are stable. */
export function exampleNode(example: RunnableExample): Custom {
  const base = `aw-${example.key.replace(/[^a-zA-Z0-9-]/g, "-")}`;
  const tsPanel = el("div", { className: ["aw-panel"], id: `${base}-ts`, ...tabPanelProps(example, base, "ts") }, [
    el(
      "div",
      {
        className: ["aw-code"],
        "data-code-view": "",
        tabIndex: 0,
        role: "group",
        "aria-label": "Example code: press Enter or start typing to edit",
      },
      [code("ts", example.code, example.title, example.marks)],
    ),
    el("div", { className: ["aw-toolbar"] }, [
      el(
        "button",
        { type: "button", className: ["aw-run"], "data-action": "run", "aria-keyshortcuts": "Control+Enter Meta+Enter" },
        [text("Run")],
      ),
      el("button", { type: "button", className: ["aw-reset"], "data-action": "reset" }, [text("Reset")]),
      el("span", { className: ["aw-hint"] }, [text("Edit the code, then press Ctrl+Enter or Run.")]),
    ]),
    el("p", { className: ["aw-status"], role: "status", "data-status": "" }),
    el("div", { className: ["aw-io"] }, [
      el("div", { className: ["aw-pane"] }, [
        el("p", { className: ["aw-label"], id: `${base}-output-label` }, [text("Output")]),
        el("pre", {
          className: ["aw-output"],
          role: "log",
          "aria-live": "polite",
          "aria-labelledby": `${base}-output-label`,
          "data-output": "",
          tabIndex: 0,
        }),
      ]),
      expectedPane(example.expected, `${base}-expected`, "ts", example.predict),
    ]),
  ]);

  const children: Node[] = [];
  if (example.python) {
    children.push(
      el("div", { className: ["aw-tabs"], role: "tablist", "aria-label": "Language" }, [
        tab(base, "ts", "TypeScript", true),
        tab(base, "py", "Python original", false),
      ]),
      tsPanel,
      el("div", { className: ["aw-panel"], id: `${base}-py`, hidden: true, ...tabPanelProps(example, base, "py") }, [
        el("div", { className: ["aw-code"] }, [code("python", example.python.code, example.title, example.python.marks)]),
        el("div", { className: ["aw-io"] }, [expectedPane(example.python.expected, `${base}-py-expected`, "python", example.predict)]),
      ]),
    );
  } else {
    children.push(tsPanel);
  }

  return el(
    "div",
    {
      className: ["aw-example", "not-content"],
      "data-example": example.key,
      "data-code": example.code,
      "data-expected-error": example.expected.error ?? undefined,
      "data-source-line": String(example.line),
      "data-predict": example.predict ? "" : undefined,
    },
    children,
  );
}

function tabPanelProps(example: RunnableExample, base: string, which: "ts" | "py"): Record<string, unknown> {
  if (!example.python) return {};
  return { role: "tabpanel", "aria-labelledby": `${base}-tab-${which}`, tabIndex: -1 };
}

function tab(base: string, which: "ts" | "py", label: string, selected: boolean): Custom {
  return el(
    "button",
    {
      type: "button",
      role: "tab",
      id: `${base}-tab-${which}`,
      "aria-controls": `${base}-${which}`,
      "aria-selected": String(selected),
      tabIndex: selected ? 0 : -1,
    },
    [text(label)],
  );
}

/**
 * The documented output. For a predict-first example it stays hidden behind a Reveal button until
 * the learner runs the example or presses it.
 */
function expectedPane(expected: ExpectedOutput, id: string, which: "ts" | "python" = "ts", predict = false): Custom {
  const lines: Node[] = [];
  expected.lines.forEach((line, n) => {
    if (n > 0) lines.push(text("\n"));
    lines.push(el("span", { className: ["aw-line"] }, [text(line)]));
  });
  const label = expected.error ? `Expected output (ends with ${expected.error})` : "Expected output";
  return el("div", { className: ["aw-pane"] }, [
    el("p", { className: ["aw-label"], id: `${id}-label` }, [text(label)]),
    ...(predict
      ? [
          el("p", { className: ["aw-predict-note"], "data-predict-note": "" }, [
            text("Predict the output first, then run the example. "),
            el("button", { type: "button", className: ["aw-reveal"], "data-action": "reveal" }, [text("Reveal")]),
          ]),
        ]
      : []),
    el(
      "pre",
      {
        className: ["aw-expected"],
        [which === "ts" ? "data-expected" : "data-expected-python"]: "",
        "aria-labelledby": `${id}-label`,
        tabIndex: 0,
        hidden: predict || undefined,
      },
      lines,
    ),
  ]);
}
