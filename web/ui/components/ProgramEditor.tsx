/**
 * The board's program in CodeMirror (Python mode). The editor is its own chunk,
 * fetched with import() the first time one is shown.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n.ts";
import type { CodeEditor } from "../editor/code_editor.ts";

export function ProgramEditor(
  { programName, onReady }: { programName: string; onReady: (editor: CodeEditor | null) => void },
) {
  const host = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let editor: CodeEditor | undefined;
    let gone = false;
    import("../editor/code_editor.ts").then(({ createCodeEditor }) => {
      if (gone) return;
      editor = createCodeEditor(host.current!, programName);
      setLoaded(true);
      onReady(editor);
    });
    return () => {
      gone = true;
      editor?.destroy();
      onReady(null);
    };
  }, [programName]);
  return (
    <div class="program-editor" data-testid="program-editor" data-loaded={loaded}>
      {!loaded && <span class="muted">{t("loadingEditor")}</span>}
      <div ref={host} class="cm-host" />
    </div>
  );
}
