/**
 * The in-place code editor (CodeMirror 6). Loaded only when a learner goes to edit an example,
 * it replaces the highlighted code view and saves every change for that example.
 */
import { EditorState, StateEffect, StateField, type Extension } from "@codemirror/state";
import { Decoration, EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers, type DecorationSet } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { typescriptLanguage } from "@codemirror/lang-javascript";
import { tags } from "@lezer/highlight";
import type { EditorHandle, Example } from "./example.ts";

/** Token colours come from CSS custom properties, so the editor follows the site theme. */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.operatorKeyword, tags.modifier, tags.controlKeyword], color: "var(--aw-tok-keyword)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--aw-tok-string)" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--aw-tok-number)" },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: "var(--aw-tok-function)" },
  { tag: [tags.typeName, tags.className], color: "var(--aw-tok-type)" },
  { tag: [tags.comment], color: "var(--aw-tok-comment)", fontStyle: "italic" },
  { tag: [tags.propertyName], color: "var(--aw-tok-property)" },
]);

const setErrorLine = StateEffect.define<number | null>();

const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    marks = marks.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setErrorLine)) continue;
      const line = effect.value;
      if (line === null || line < 1 || line > transaction.state.doc.lines) {
        marks = Decoration.none;
      } else {
        const from = transaction.state.doc.line(line).from;
        marks = Decoration.set([Decoration.line({ class: "aw-error-line" }).range(from)]);
      }
    }
    // Any edit clears the mark: it pointed at code that no longer exists.
    return transaction.docChanged ? Decoration.none : marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export interface EditorOptions {
  onRun: () => void;
}

export function attachEditor(example: Example, { onRun }: EditorOptions): EditorHandle {
  const host = document.createElement("div");
  host.className = "aw-editor";
  const extensions: Extension[] = [
    lineNumbers(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    typescriptLanguage,
    syntaxHighlighting(highlight),
    errorLine,
    keymap.of([{ key: "Mod-Enter", run: () => (onRun(), true) }, ...defaultKeymap, ...historyKeymap]),
    EditorView.contentAttributes.of({ "aria-label": "Example code (TypeScript), editable" }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) example.save(update.state.doc.toString());
    }),
  ];
  const view = new EditorView({
    parent: host,
    state: EditorState.create({ doc: example.code(), extensions }),
  });

  const { codeView } = example;
  for (const child of codeView.children) (child as HTMLElement).hidden = true;
  codeView.append(host);
  // The code view was a focus stop standing in for the editor; the editor is its own now.
  codeView.removeAttribute("tabindex");
  codeView.removeAttribute("role");
  codeView.removeAttribute("aria-label");

  return {
    getCode: () => view.state.doc.toString(),
    setCode(code) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    markLine(line) {
      view.dispatch({ effects: setErrorLine.of(line) });
    },
    focus: () => view.focus(),
  };
}
