/**
 * Lesson 10: a sensor with a retained "online", a retained last will "offline" and a 10 s
 * keep-alive; a dashboard comes online at 8 s and still sees "online"; at 25 s the sensor's
 * WiFi drops and 15 s later the broker publishes its will. Broken: the sensor never calls
 * ping(), so the broker gives up on it at 1.5 x 10 s while it is still there.
 */
import type { Scenario } from "../../devices/mod.ts";
import type { LessonSetup } from "../setup.ts";

export const DROP_AT_MS = 25_000;

function world(name: string, ping: boolean): Scenario {
  return {
    name,
    untilMs: 45_000,
    boards: [
      { name: "sensor", program: "lesson/will-sensor", params: { ping } },
      {
        name: "dashboard",
        program: "lesson/watcher",
        params: { clientId: "late-dashboard", filters: "lab/status" },
        powerOnAtMs: 8000,
      },
    ],
    events: [{ atMs: DROP_AT_MS, action: "wifi-drop", board: "sensor" }],
  };
}

export const setup: LessonSetup = {
  start: "reference",
  reference: world("lesson-10-reference", true),
  broken: world("lesson-10-broken", false),
  brokenFails: ["alive-until-drop"],
  python: {
    reference: { sensor: "will_sensor.py", dashboard: "status_watcher.py" },
    broken: { sensor: "will_sensor_no_ping.py", dashboard: "status_watcher.py" },
  },
};
