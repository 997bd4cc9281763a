/** Lesson 01: broker, clients, topic, publisher and subscriber, seen in the packets. */
import {
  expectConnected,
  expectConsole,
  expectDelivered,
  expectPublish,
  expectSubscribed,
} from "../check_kit.ts";
import type { CheckTable } from "../log.ts";

const TOPIC = "/public/pz_esp32/1";

export const checks: CheckTable = {
  "publisher-connects": expectConnected("publisher"),
  "subscriber-connects": expectConnected("subscriber"),
  "subscriber-subscribes": expectSubscribed("subscriber", TOPIC),
  "publisher-publishes": expectPublish("publisher", TOPIC, "Hello PRECHIN"),
  "broker-forwards": expectDelivered("subscriber", TOPIC, "Hello PRECHIN"),
  "subscriber-prints": expectConsole("subscriber", "msg: b'Hello PRECHIN'"),
};
