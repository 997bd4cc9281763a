/** Always-visible time controls: clock, play/pause (Space), step (N), speed, flat out. */
import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { t } from "../i18n.ts";
import { Icon } from "./Icon.tsx";
import type { WorldModel } from "../world_model.ts";

export const SPEEDS = [0.1, 0.5, 1, 2, 5, 10, 100];

export function formatClock(nowUs: number): string {
  const totalMs = Math.floor(nowUs / 1_000);
  const minutes = Math.floor(totalMs / 60_000);
  const seconds = Math.floor((totalMs % 60_000) / 1_000);
  const ms = totalMs % 1_000;
  return `${String(minutes).padStart(2, "0")}:${String(seconds).padStart(2, "0")}.${
    String(ms).padStart(3, "0")
  }`;
}

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  // A focused switch (the phone's) takes Space itself, as a switch should.
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) ||
    el.getAttribute?.("role") === "switch");
}

export function TimeControls(
  { model, children }: { model: WorldModel; children?: ComponentChildren },
) {
  const playing = model.mode.value !== "paused";

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.code === "Space") {
        event.preventDefault();
        model.mode.value === "paused" ? model.play() : model.pause();
      } else if (event.key === "n" || event.key === "N") {
        event.preventDefault();
        model.step();
      }
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [model]);

  const modeLabel = model.mode.value === "paused"
    ? t("modePaused")
    : model.mode.value === "max"
    ? t("modeMax")
    : t("modePlaying");

  return (
    <section class="time-controls" aria-label={t("virtualClock")}>
      <div class="clock" title={t("virtualClock")}>
        <span class="clock-label">{t("virtualClock")}</span>
        <output class="clock-value" data-testid="clock" data-now-us={model.nowUs.value}>
          {formatClock(model.nowUs.value)}
        </output>
      </div>
      <button
        type="button"
        class="primary"
        aria-pressed={playing}
        aria-keyshortcuts="Space"
        onClick={() => (playing ? model.pause() : model.play())}
      >
        <Icon name={playing ? "pause" : "play"} /> {playing ? t("pause") : t("play")}
      </button>
      <button type="button" aria-keyshortcuts="N" onClick={() => model.step()}>
        <Icon name="step" /> {t("step")}
      </button>
      <div class="speeds" role="radiogroup" aria-label={t("speed")}>
        {SPEEDS.map((s) => (
          <button
            type="button"
            role="radio"
            aria-checked={model.mode.value !== "max" && model.speed.value === s}
            onClick={() => model.play(s)}
          >
            {s}×
          </button>
        ))}
        <button
          type="button"
          role="radio"
          aria-checked={model.mode.value === "max"}
          onClick={() => model.max()}
        >
          <Icon name="fast" /> {t("fastest")}
        </button>
      </div>
      <span class={`mode mode-${model.mode.value}`}>{modeLabel}</span>
      <span class="hint">{t("shortcutsHint")}</span>
      {children}
    </section>
  );
}
