/**
 * Build-time markup of an exercise widget, put where the exercise's starter fence was. The
 * statement stays ordinary Markdown around it; the starter stays a `code` node, so Expressive
 * Code highlights it until the editor loads. Checks and the solution travel as data attributes:
 * the checks are graded in the sandbox, and the solution is shown only when asked for.
 */
import type { Custom, MdastNode } from "satteri";
import type { Exercise } from "./extract-practice.ts";

type Node = MdastNode | Custom;

function el(tagName: string, properties: Record<string, unknown>, children: Node[] = []): Custom {
  return { type: "awaitableElement", data: { hName: tagName, hProperties: properties }, children };
}

function text(value: string): Node {
  return { type: "text", value };
}

/** Markdown with inline code only, as hints are written: paragraphs of text and `code`. */
function inlineMarkdown(markdown: string): Node[] {
  return markdown.split(/\n\s*\n/).map((paragraph) => {
    const children: Node[] = paragraph
      .split(/(`[^`]+`)/)
      .filter((part) => part !== "")
      .map((part) => (part.startsWith("`") && part.endsWith("`") && part.length > 1 ? ({ type: "inlineCode", value: part.slice(1, -1) } as Node) : text(part.replace(/\s*\n\s*/g, " "))));
    return { type: "paragraph", children } as Node;
  });
}

function button(action: string, label: string, extra: Record<string, unknown> = {}): Custom {
  return el("button", { type: "button", className: ["aw-button", `aw-${action}`], "data-action": action, ...extra }, [text(label)]);
}

export function exerciseNode(exercise: Exercise): Custom {
  const base = `aw-ex-${exercise.key.replace(/[^a-zA-Z0-9-]/g, "-")}`;
  const hints = exercise.hints.map((hint, n) =>
    el("li", { hidden: true, "data-hint": String(n + 1) }, [el("div", { className: ["aw-hint-body"] }, inlineMarkdown(hint.text))]),
  );
  return el(
    "div",
    {
      className: ["aw-exercise-widget", "not-content"],
      "data-exercise-widget": exercise.key,
      "data-starter": exercise.starter.code,
      "data-solution-code": exercise.solution.code,
      "data-check-spec": JSON.stringify(exercise.checks),
      "data-hint-count": String(exercise.hints.length),
    },
    [
      el(
        "div",
        {
          className: ["aw-code"],
          "data-code-view": "",
          tabIndex: 0,
          role: "group",
          "aria-label": "Exercise code: press Enter or start typing to edit",
        },
        [{ type: "code", lang: "ts", meta: "wrap", value: exercise.starter.code } as Node],
      ),
      el("div", { className: ["aw-toolbar"], role: "toolbar", "aria-label": "Exercise" }, [
        button("run", "Run", { "aria-keyshortcuts": "Control+Enter Meta+Enter" }),
        button("check", "Check", { className: ["aw-button", "aw-check", "aw-primary"] }),
        ...(exercise.hints.length > 0 ? [button("hint", "Hint")] : []),
        button("solution", "Show solution"),
        button("reset", "Reset"),
      ]),
      el("div", { className: ["aw-confirm"], "data-confirm": "", hidden: true }),
      el("p", { className: ["aw-status"], role: "status", "data-status": "" }),
      ...(exercise.hints.length > 0
        ? [
            el("div", { className: ["aw-hints"], hidden: true, "data-hints": "" }, [
              el("p", { className: ["aw-label"], id: `${base}-hints` }, [text("Hints")]),
              el("ol", { "aria-labelledby": `${base}-hints` }, hints),
            ]),
          ]
        : []),
      el("div", { className: ["aw-check-results"], "data-check-results": "", hidden: true }, [
        el("p", { className: ["aw-label"], id: `${base}-checks` }, [text("Checks")]),
        el("ul", { className: ["aw-checks"], "data-checks": "", "aria-labelledby": `${base}-checks` }),
      ]),
      el("div", { className: ["aw-io"], "data-run-output": "", hidden: true }, [
        el("div", { className: ["aw-pane"] }, [
          el("p", { className: ["aw-label"], id: `${base}-output` }, [text("Output")]),
          el("pre", { className: ["aw-output"], role: "log", "aria-labelledby": `${base}-output`, "data-output": "", tabIndex: 0 }),
        ]),
      ]),
      el("div", { className: ["aw-solution"], "data-solution-box": "", hidden: true }),
    ],
  );
}
