import { render } from "preact";
import "./styles.css";
import { App } from "./App.tsx";
import { createWorldModel } from "./world_model.ts";
import { lang } from "./i18n.ts";
import { createPhoneModel } from "./phone_model.ts";
import { createClientPanelModel } from "./client_panel_model.ts";
import { createLessonsModel } from "./lessons/mod.ts";
import { listenForShow } from "./show_target.ts";
import { createClassroomModel } from "./classroom_model.ts";

const model = createWorldModel();
model.connect();
document.documentElement.lang = lang.value === "zh" ? "zh-CN" : "en";
// The phone and the client panel live as long as the page, across view switches.
const phone = createPhoneModel();
const panel = createClientPanelModel();
const lessons = createLessonsModel();
const classroom = createClassroomModel(model);
listenForShow(model.packets);
render(
  <App model={model} phone={phone} panel={panel} lessons={lessons} classroom={classroom} />,
  document.getElementById("app")!,
);
