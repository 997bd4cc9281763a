/** Loads a scenario (a lesson's world): the textbook's boards, the blog's phone and LED... */
import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n.ts";
import type { WorldModel } from "../world_model.ts";

interface ScenarioInfo {
  id: string;
  description: string;
}

export function ScenarioPicker({ model }: { model: WorldModel }) {
  const [list, setList] = useState<ScenarioInfo[]>([]);
  const [error, setError] = useState("");
  useEffect(() => {
    fetch("/api/scenarios").then((r) => r.ok ? r.json() : []).then(setList).catch(() => {});
  }, []);
  const current = model.world.value?.scenario?.id ?? "";
  return (
    <label class="scenario-picker">
      <span class="sr-only">{t("scenario")}</span>
      <select
        value={current}
        data-testid="scenario"
        title={list.find((s) => s.id === current)?.description}
        onChange={async (e) => {
          setError("");
          const failed = await model.loadScenario(e.currentTarget.value);
          setError(failed);
          if (failed) setTimeout(() => setError(""), 8_000);
        }}
      >
        {!list.some((s) => s.id === current) && <option value={current}>{current}</option>}
        {list.map((s) => (
          <option key={s.id} value={s.id} title={s.description}>
            {s.id}
          </option>
        ))}
      </select>
      {error && (
        <span class="scenario-error" role="alert">
          {t("scenarioFailed")}: {error}
        </span>
      )}
    </label>
  );
}
