import { render } from "preact";
import "./styles.css";
import { App } from "./App.tsx";
import { createWorldModel } from "./world_model.ts";
import { lang } from "./i18n.ts";

const model = createWorldModel();
model.connect();
document.documentElement.lang = lang.value === "zh" ? "zh-CN" : "en";
render(<App model={model} />, document.getElementById("app")!);
