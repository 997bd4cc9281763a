/** Built-in scenarios, by name (`deno task sim --list`). */
import type { Scenario } from "./scenario.ts";

/**
 * Why the subscriber gets its own client id here: the textbook gives both programs
 * "PZ-ESP32". On one broker the second CONNECT with an id takes the session over and the
 * first connection is closed [MQTT-3.1.4-2], so the pair cannot run side by side as
 * printed. `textbook-same-client-id` keeps the textbook's ids and shows that takeover.
 *
 * Why the soft reset at 5 s: the textbook's wifi_connect() returns False right after it
 * joins, so the first run never reaches MQTT; running the program again (Ctrl-D, or Run
 * in Thonny) finds WiFi up and goes on. The scenario does what the student does.
 */
const SUBSCRIBER_CLIENT_ID = "PZ-ESP32-SUB";
/** When the student runs both programs again. */
const RERUN_AT_MS = 5000;

export const TEXTBOOK_PUBSUB: Scenario = {
  name: "textbook-pubsub",
  description:
    "Textbook ch. 26: a publisher sends 'Hello PRECHIN' every second to /public/pz_esp32/1, " +
    "a subscriber polls check_msg() every 300 ms. Both blink GPIO15 while joining WiFi; " +
    "the student runs both again at 5 s (the first run returns before MQTT, as printed).",
  untilMs: 20_000,
  boards: [
    { name: "publisher", program: "textbook-publisher" },
    {
      name: "subscriber",
      program: "textbook-subscriber",
      params: { clientId: SUBSCRIBER_CLIENT_ID },
    },
  ],
  events: [
    { atMs: RERUN_AT_MS, action: "soft-reset", board: "subscriber" },
    { atMs: RERUN_AT_MS, action: "soft-reset", board: "publisher" },
  ],
};

export const TEXTBOOK_SAME_CLIENT_ID: Scenario = {
  ...TEXTBOOK_PUBSUB,
  name: "textbook-same-client-id",
  description: "The textbook pair exactly as printed: both use client id PZ-ESP32, so the " +
    "publisher's CONNECT takes over the subscriber's session and closes its connection.",
  boards: [
    { name: "publisher", program: "textbook-publisher" },
    { name: "subscriber", program: "textbook-subscriber" },
  ],
};

export const TEXTBOOK_WRONG_PASSWORD: Scenario = {
  name: "textbook-wrong-password",
  description: "The publisher has the wrong WiFi password: status() is 202 " +
    "(STAT_WRONG_PASSWORD) and after 150 s the program prints 'WIFI Connect Timeout!'.",
  untilMs: 160_000,
  boards: [{ name: "publisher", program: "textbook-publisher", params: { password: "87654321" } }],
};

export const TEXTBOOK_WIFI_DROP: Scenario = {
  ...TEXTBOOK_PUBSUB,
  name: "textbook-wifi-drop",
  description: "The textbook pair; at 10 s the publisher's WiFi drops: its next publish " +
    "fails with OSError ECONNRESET in the timer callback, and the broker never hears why.",
  events: [
    ...TEXTBOOK_PUBSUB.events!,
    { atMs: 10_000, action: "wifi-drop", board: "publisher" },
  ],
};

export const PHONE_LED_SWITCH: Scenario = {
  name: "phone-led-switch",
  description: "The blog's setup: an ESP32 subscribed to esp32/publish switches its LED on " +
    "'on' and off on 'off', sent by a phone app (IoT OnOff) every 3 s.",
  untilMs: 20_000,
  boards: [
    { name: "esp32", program: "led-switch" },
    { name: "phone", program: "onoff-app", params: { periodMs: 3000 } },
  ],
};

export const TEMPERATURE_SENSORS: Scenario = {
  name: "temperature-sensors",
  description: "Three temperature sensors publishing every 5 s to sensors/<id>/temperature.",
  untilMs: 30_000,
  boards: ["kitchen", "bedroom", "garden"].map((name, i) => ({
    name,
    program: "temperature-sensor",
    params: { clientId: `sensor-${name}` },
    powerOnAtMs: i * 700,
  })),
};

export const BUILTIN_SCENARIOS: ReadonlyMap<string, Scenario> = new Map(
  [
    TEXTBOOK_PUBSUB,
    TEXTBOOK_SAME_CLIENT_ID,
    TEXTBOOK_WRONG_PASSWORD,
    TEXTBOOK_WIFI_DROP,
    PHONE_LED_SWITCH,
    TEMPERATURE_SENSORS,
  ].map((s) => [s.name, s]),
);
