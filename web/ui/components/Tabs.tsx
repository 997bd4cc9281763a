/** The view switcher: ARIA tabs, keys 1..6 from anywhere, arrows inside the tab list. */
import { useEffect } from "preact/hooks";
import type { Signal } from "@preact/signals";
import { type StringKey, t } from "../i18n.ts";
import { isTyping } from "./TimeControls.tsx";

export interface TabDef {
  id: string;
  label: StringKey;
}

export function Tabs({ tabs, current }: { tabs: TabDef[]; current: Signal<string> }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const n = Number(event.key);
      if (Number.isInteger(n) && n >= 1 && n <= tabs.length) {
        event.preventDefault();
        current.value = tabs[n - 1].id;
      }
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [tabs]);

  return (
    <nav class="tabs" role="tablist" aria-label={t("views")}>
      {tabs.map((tab, i) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={`tab-${tab.id}`}
          aria-selected={current.value === tab.id}
          aria-controls={`panel-${tab.id}`}
          aria-keyshortcuts={String(i + 1)}
          tabIndex={current.value === tab.id ? 0 : -1}
          onClick={() => (current.value = tab.id)}
          onKeyDown={(e) => {
            const d = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
            if (!d) return;
            const next = tabs[(i + d + tabs.length) % tabs.length];
            current.value = next.id;
            document.getElementById(`tab-${next.id}`)?.focus();
          }}
        >
          <kbd>{i + 1}</kbd> {t(tab.label)}
        </button>
      ))}
    </nav>
  );
}
