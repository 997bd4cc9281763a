/** Opens the lesson stepper beside the views (key L), as a teacher follows a lesson. */
import { useEffect } from "preact/hooks";
import { t } from "../i18n.ts";
import { lessonsOpen } from "../view_model.ts";
import { isTyping } from "./TimeControls.tsx";

export function LessonsToggle() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "l" || event.key === "L") lessonsOpen.value = !lessonsOpen.value;
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);
  return (
    <button
      type="button"
      class="lessons-toggle"
      aria-pressed={lessonsOpen.value}
      aria-keyshortcuts="L"
      onClick={() => (lessonsOpen.value = !lessonsOpen.value)}
    >
      <kbd>L</kbd> {t("lessons")}
    </button>
  );
}
