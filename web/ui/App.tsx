import { t } from "./i18n.ts";
import type { WorldModel } from "./world_model.ts";
import { LanguageSwitch } from "./components/LanguageSwitch.tsx";
import { TimeControls } from "./components/TimeControls.tsx";
import { ReplayBar } from "./components/ReplayBar.tsx";
import { type TabDef, Tabs } from "./components/Tabs.tsx";
import { PacketInspector } from "./components/PacketInspector.tsx";
import { currentSeat, currentView, lessonsOpen } from "./view_model.ts";
import type { ClassroomModel } from "./classroom_model.ts";
import { ClassroomView, SeatPage } from "./components/ClassroomView.tsx";
import { LessonPanel, type LessonsModel } from "./lessons/mod.ts";
import { LessonsToggle } from "./components/LessonsToggle.tsx";
import { BoardsView } from "./components/BoardsView.tsx";
import { ScenarioPicker } from "./components/ScenarioPicker.tsx";
import { PhoneApp } from "./components/PhoneApp.tsx";
import { ClientPanel } from "./components/ClientPanel.tsx";
import type { PhoneModel } from "./phone_model.ts";
import type { ClientPanelModel } from "./client_panel_model.ts";
import { BrokerPanel } from "./components/BrokerPanel.tsx";
import { ShortcutsHelp } from "./components/ShortcutsHelp.tsx";
import { Topology } from "./components/Topology.tsx";

const TABS: TabDef[] = [
  { id: "topology", label: "viewTopology" },
  { id: "packets", label: "viewInspector" },
  { id: "boards", label: "viewBoards" },
  { id: "phone", label: "viewPhone" },
  { id: "client", label: "viewClient" },
  { id: "broker", label: "viewBroker" },
];
/** With seats (`--seats`), key 7 is the classroom. */
const TABS_WITH_CLASSROOM: TabDef[] = [...TABS, { id: "classroom", label: "viewClassroom" }];

export function App(
  { model, phone, panel, lessons, classroom }: {
    model: WorldModel;
    phone: PhoneModel;
    panel: ClientPanelModel;
    lessons: LessonsModel;
    classroom: ClassroomModel;
  },
) {
  const view = currentView.value;
  const seat = currentSeat.value;
  const tabs = classroom.seats.value.length > 0 ? TABS_WITH_CLASSROOM : TABS;
  return (
    <div class="app">
      <header class="topbar">
        <h1>
          {t("appTitle")} <small>{t("appSubtitle")}</small>
        </h1>
        <Tabs tabs={tabs} current={currentView} />
        <LessonsToggle />
        <ScenarioPicker model={model} />
        <LanguageSwitch />
        <ShortcutsHelp />
      </header>
      <TimeControls model={model}>
        <span class={model.online.value ? "online" : "offline"} role="status">
          ● {model.online.value ? t("connected") : t("disconnected")}
        </span>
      </TimeControls>
      <ReplayBar model={model} />
      <div class="workspace">
        <div
          class={`view view-${view}`}
          role="tabpanel"
          id={`panel-${view}`}
          aria-labelledby={`tab-${view}`}
        >
          {view === "topology" && <Topology model={model} />}
          {view === "phone" && <PhoneApp phone={phone} />}
          {view === "client" && <ClientPanel panel={panel} />}
          {view === "broker" && <BrokerPanel model={model} />}
          {view === "boards" && <BoardsView model={model} />}
          {view === "packets" && <PacketInspector packets={model.packets} />}
          {view === "classroom" && <ClassroomView classroom={classroom} />}
          {view === "seat" && seat && (
            <SeatPage classroom={classroom} packets={model.packets} seat={seat} />
          )}
        </div>
        {lessonsOpen.value && <LessonPanel model={lessons} />}
      </div>
    </div>
  );
}
