/** A board's serial console: monospace, virtual timestamps, follows the newest line. */
import { useEffect, useRef } from "preact/hooks";
import type { ConsoleLine } from "../../protocol.ts";
import { t } from "../i18n.ts";
import { formatClock } from "./TimeControls.tsx";

export function SerialConsole({ lines, board }: { lines: ConsoleLine[]; board: string }) {
  const box = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  useEffect(() => {
    const el = box.current!;
    if (stick.current) el.scrollTop = el.scrollHeight;
  }, [lines]);
  return (
    <div
      ref={box}
      class="serial"
      role="log"
      aria-label={`${t("serialConsole")} ${board}`}
      data-testid={`console-${board}`}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
      }}
    >
      {lines.length === 0 && <span class="muted">{t("consoleEmpty")}</span>}
      {lines.map((line, i) => (
        <div key={i} class="serial-line">
          <span class="serial-time">{formatClock(line.atUs)}</span>
          {line.text}
        </div>
      ))}
    </div>
  );
}
