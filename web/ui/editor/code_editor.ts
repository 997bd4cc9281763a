/**
 * CodeMirror 6 with Python mode, assembled from its parts (the "codemirror" npm name at
 * 6.65.x is CodeMirror 5 republished, so basicSetup is rebuilt here from what a student
 * needs: line numbers, undo, brackets, indentation, Tab to indent), in its own chunk: the board panel imports this with
 * `import()` when an editor is first shown, so the first page load stays small.
 */
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { tags } from "@lezer/highlight";
import {
  bracketMatching,
  HighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from "@codemirror/language";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";

/** What the editor shows for a built-in program with no MicroPython twin: a start to edit. */
function placeholder(programName: string): string {
  return `# ${programName}\n# 内置程序 / built-in program\nprint("Hello from MicroPython")\n`;
}

export interface CodeEditor {
  getSource(): string;
  setSource(source: string): void;
  destroy(): void;
}

const theme = EditorView.theme({
  "&": { fontSize: "15px", backgroundColor: "#0b1220", color: "#e2e8f0", height: "100%" },
  ".cm-content": { fontFamily: '"JetBrains Mono", ui-monospace, monospace' },
  ".cm-gutters": { backgroundColor: "#111c30", color: "#64748b", border: "none" },
  ".cm-activeLine": { backgroundColor: "#1e293b" },
  ".cm-activeLineGutter": { backgroundColor: "#1e293b" },
  "&.cm-focused .cm-cursor": { borderLeftColor: "#38bdf8" },
  ".cm-selectionBackground, &.cm-focused .cm-selectionBackground": {
    backgroundColor: "#0c4a6e !important",
  },
}, { dark: true });

/** Colours readable on the dark panel from the back of a classroom. */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword], color: "#c084fc" },
  { tag: [tags.string, tags.special(tags.string)], color: "#86efac" },
  { tag: [tags.number, tags.bool, tags.null], color: "#fdba74" },
  { tag: tags.comment, color: "#94a3b8", fontStyle: "italic" },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: "#7dd3fc" },
  { tag: [tags.definition(tags.variableName), tags.className], color: "#fde68a" },
  { tag: tags.operator, color: "#f9a8d4" },
]);

/** An editor on `source`; the built-in program's MicroPython when none is given. */
export function createCodeEditor(
  parent: HTMLElement,
  programName: string,
  source?: string,
): CodeEditor {
  const view = new EditorView({
    doc: source ?? placeholder(programName),
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightActiveLine(),
      drawSelection(),
      history(),
      indentOnInput(),
      bracketMatching(),
      syntaxHighlighting(highlight),
      EditorState.tabSize.of(4),
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      python(),
      theme,
    ],
    parent,
  });
  return {
    getSource: () => view.state.doc.toString(),
    setSource: (source) =>
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: source } }),
    destroy: () => view.destroy(),
  };
}
