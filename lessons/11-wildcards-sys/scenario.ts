/**
 * Lesson 11: topic wildcards. Three rooms publish their temperature, the kitchen also its
 * humidity; a dashboard subscribes to sensors/+/temperature, a logger to #, a monitor to
 * $SYS/#. Broken: the dashboard subscribes to sensors/+, which matches one level only.
 */
import type { BoardSpec, Scenario } from "../../devices/mod.ts";
import type { LessonSetup } from "../setup.ts";

const SENSORS: BoardSpec[] = [
  ["kitchen", "sensors/kitchen/temperature"],
  ["bedroom", "sensors/bedroom/temperature"],
  ["garden", "sensors/garden/temperature"],
  ["kitchen-humidity", "sensors/kitchen/humidity"],
].map(([name, topic], i) => ({
  name,
  program: "temperature-sensor",
  params: { clientId: `sensor-${name}`, topic, periodMs: 2000 },
  powerOnAtMs: i * 300,
}));

function world(name: string, dashboardFilter: string): Scenario {
  return {
    name,
    untilMs: 16_000,
    broker: { sysIntervalS: 5 },
    boards: [
      ...SENSORS,
      { name: "dashboard", program: "lesson/watcher", params: { filters: dashboardFilter } },
      { name: "logger", program: "lesson/watcher", params: { filters: "#" } },
      { name: "sysmon", program: "lesson/watcher", params: { filters: "$SYS/#" } },
    ],
  };
}

export const setup: LessonSetup = {
  start: "reference",
  reference: world("lesson-11-reference", "sensors/+/temperature"),
  broken: world("lesson-11-broken", "sensors/+"),
  brokenFails: ["plus-one-level"],
  python: {
    reference: { dashboard: "dashboard.py", logger: "logger.py", sysmon: "sysmon.py" },
    broken: { dashboard: "dashboard_one_level.py", logger: "logger.py", sysmon: "sysmon.py" },
  },
};
