/** The keys a teacher uses, shown with "?" (or the ? button); Escape closes it. */
import { Fragment } from "preact";
import { useEffect, useState } from "preact/hooks";
import { type StringKey, t } from "../i18n.ts";
import { isTyping } from "./TimeControls.tsx";

const KEYS: [string, StringKey][] = [
  ["Space", "keyPlayPause"],
  ["N", "keyStep"],
  ["1 … 7", "keyViews"],
  ["↑ ↓", "keyRows"],
  ["L", "keyLessons"],
  ["?", "keyHelp"],
];

export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      if (event.key === "?") setOpen((o) => !o);
      else if (event.key === "Escape") setOpen(false);
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);
  return (
    <>
      <button
        type="button"
        class="help-button"
        aria-label={t("shortcuts")}
        aria-keyshortcuts="?"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        ?
      </button>
      {open && (
        <div class="help-backdrop" onClick={() => setOpen(false)}>
          <div
            class="help-dialog"
            role="dialog"
            aria-modal="true"
            aria-label={t("shortcuts")}
            onClick={(e) => e.stopPropagation()}
          >
            <h2>{t("shortcuts")}</h2>
            <dl>
              {KEYS.map(([key, label]) => (
                <Fragment key={key}>
                  <dt>
                    <kbd>{key}</kbd>
                  </dt>
                  <dd>{t(label)}</dd>
                </Fragment>
              ))}
            </dl>
            <button type="button" class="primary" onClick={() => setOpen(false)}>
              {t("close")}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
