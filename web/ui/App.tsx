import { t } from "./i18n.ts";
import type { WorldModel } from "./world_model.ts";
import { LanguageSwitch } from "./components/LanguageSwitch.tsx";
import { TimeControls } from "./components/TimeControls.tsx";

export function App({ model }: { model: WorldModel }) {
  return (
    <div class="app">
      <header class="topbar">
        <h1>
          {t("appTitle")} <small>{t("appSubtitle")}</small>
        </h1>
        <span class={model.online.value ? "online" : "offline"} role="status">
          ● {model.online.value ? t("connected") : t("disconnected")}
        </span>
        <LanguageSwitch />
      </header>
      <TimeControls model={model} />
    </div>
  );
}
