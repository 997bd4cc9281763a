/**
 * Lesson 07, the blog's remote control: a phone (IoT OnOff) sends "on" and "off" to
 * esp32/publish, the ESP32 switches GPIO15. Broken: the board subscribes to esp32/Publish
 * (topics are case-sensitive).
 */
import type { Scenario } from "../../devices/mod.ts";
import type { LessonSetup } from "../setup.ts";

function world(name: string, topic: string): Scenario {
  return {
    name,
    untilMs: 14_000,
    boards: [
      {
        name: "esp32",
        program: "led-switch",
        params: { topic, username: "esp32_client_001", mqttPassword: "xxxxxx" },
      },
      { name: "phone", program: "onoff-app", params: { periodMs: 3000 } },
    ],
  };
}

export const setup: LessonSetup = {
  start: "reference",
  reference: world("lesson-07-reference", "esp32/publish"),
  broken: world("lesson-07-broken", "esp32/Publish"),
  brokenFails: ["esp32-subscribes", "esp32-receives", "led-on"],
  python: {
    reference: { esp32: "main_led.py" },
    broken: { esp32: "main_led_wrong_topic.py" },
  },
};
