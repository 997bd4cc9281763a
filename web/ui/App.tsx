import { t } from "./i18n.ts";
import type { WorldModel } from "./world_model.ts";
import { LanguageSwitch } from "./components/LanguageSwitch.tsx";
import { TimeControls } from "./components/TimeControls.tsx";
import { type TabDef, Tabs } from "./components/Tabs.tsx";
import { PacketInspector } from "./components/PacketInspector.tsx";
import { currentView } from "./view_model.ts";
import { BoardsView } from "./components/BoardsView.tsx";
import { ScenarioPicker } from "./components/ScenarioPicker.tsx";
import { Topology } from "./components/Topology.tsx";

const TABS: TabDef[] = [
  { id: "topology", label: "viewTopology" },
  { id: "packets", label: "viewInspector" },
  { id: "boards", label: "viewBoards" },
  { id: "phone", label: "viewPhone" },
  { id: "client", label: "viewClient" },
  { id: "broker", label: "viewBroker" },
];

export function App({ model }: { model: WorldModel }) {
  const view = currentView.value;
  return (
    <div class="app">
      <header class="topbar">
        <h1>
          {t("appTitle")} <small>{t("appSubtitle")}</small>
        </h1>
        <Tabs tabs={TABS} current={currentView} />
        <span class={model.online.value ? "online" : "offline"} role="status">
          ● {model.online.value ? t("connected") : t("disconnected")}
        </span>
        <LanguageSwitch />
      </header>
      <TimeControls model={model}>
        <ScenarioPicker model={model} />
      </TimeControls>
      <div
        class={`view view-${view}`}
        role="tabpanel"
        id={`panel-${view}`}
        aria-labelledby={`tab-${view}`}
      >
        {view === "topology" && <Topology model={model} />}
        {view === "boards" && <BoardsView model={model} />}
        {view === "packets" && <PacketInspector packets={model.packets} />}
      </div>
    </div>
  );
}
