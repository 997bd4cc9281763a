/**
 * The board's program in CodeMirror (Python mode). The editor is its own chunk,
 * fetched with import() the first time one is shown.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n.ts";
import type { CodeEditor } from "../editor/code_editor.ts";

/**
 * The board's main.py (GET /api/boards/:name/files): its own when it runs MicroPython,
 * else the MicroPython its built-in program stands for.
 */
async function boardMainPy(board: string): Promise<string | undefined> {
  try {
    const response = await fetch(`/api/boards/${encodeURIComponent(board)}/files`);
    if (!response.ok) return undefined;
    const body = await response.json() as { micropython?: boolean; files?: Record<string, string> };
    return body.files?.["main.py"];
  } catch {
    return undefined;
  }
}

export function ProgramEditor(
  { board, programName, onReady }: {
    board: string;
    programName: string;
    onReady: (editor: CodeEditor | null) => void;
  },
) {
  const host = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let editor: CodeEditor | undefined;
    let gone = false;
    Promise.all([import("../editor/code_editor.ts"), boardMainPy(board)]).then((
      [{ createCodeEditor }, source],
    ) => {
      if (gone) return;
      editor = createCodeEditor(host.current!, programName, source);
      setLoaded(true);
      onReady(editor);
    });
    return () => {
      gone = true;
      editor?.destroy();
      onReady(null);
    };
  }, [board, programName]);
  return (
    <div class="program-editor" data-testid="program-editor" data-loaded={loaded}>
      {!loaded && <span class="muted">{t("loadingEditor")}</span>}
      <div ref={host} class="cm-host" />
    </div>
  );
}
