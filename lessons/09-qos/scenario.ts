/**
 * Lesson 09: QoS 0, 1 and 2. A sender publishes at QoS 0 and 1 and finally tries QoS 2,
 * which umqtt.simple cannot do; a desktop client does the QoS 2 handshake by hand; the
 * listener's WiFi drops at 6 s, and with a persistent session the broker resends the QoS 1
 * messages it missed (DUP set) while the QoS 0 ones are gone. Broken: the listener
 * reconnects with clean_session=True, so the broker keeps nothing for it.
 */
import type { Scenario } from "../../devices/mod.ts";
import type { LessonSetup } from "../setup.ts";

export const DROP_AT_MS = 6000;

function world(name: string, cleanSession: boolean): Scenario {
  return {
    name,
    untilMs: 14_000,
    boards: [
      { name: "sender", program: "lesson/qos-sender", params: { rounds: 8 } },
      { name: "listener", program: "lesson/qos-listener", params: { cleanSession } },
      { name: "mqttx", program: "lesson/qos2-client" },
    ],
    events: [{ atMs: DROP_AT_MS, action: "wifi-drop", board: "listener" }],
  };
}

export const setup: LessonSetup = {
  start: "reference",
  reference: world("lesson-09-reference", false),
  broken: world("lesson-09-broken", true),
  brokenFails: ["qos1-survives-drop"],
  python: {
    reference: { sender: "qos_sender.py", listener: "qos_listener.py", mqttx: "qos2_client.py" },
    broken: { sender: "qos_sender.py", listener: "qos_listener_clean.py", mqttx: "qos2_client.py" },
  },
};
