/**
 * While a recorded session plays: a bar to scrub through it. Moving back plays the
 * session again from its start on the server (a replay is deterministic), so every
 * view shows exactly what was there at that moment.
 */
import { t } from "../i18n.ts";
import type { WorldModel } from "../world_model.ts";
import { formatClock } from "./TimeControls.tsx";

export function ReplayBar({ model }: { model: WorldModel }) {
  const replay = model.world.value?.replay;
  if (!replay) return null;
  const nowUs = Math.min(model.nowUs.value, replay.endUs);
  return (
    <div class="replay-bar" data-testid="replay-bar">
      <span class="replay-label">{t("replaying")}</span>
      <input
        type="range"
        min={0}
        max={replay.endUs}
        step={1_000}
        value={nowUs}
        aria-label={t("replayPosition")}
        data-testid="replay-position"
        // Seek on release (change), not on every pixel of a drag.
        onChange={(event) => model.seek(Number((event.target as HTMLInputElement).value))}
      />
      <output class="mono">{formatClock(nowUs)} / {formatClock(replay.endUs)}</output>
    </div>
  );
}
