/**
 * Lesson 01: the textbook pair as the chapter introduces MQTT. Broken: the subscriber
 * listens on /public/pz_esp32/2, a topic nobody publishes to.
 */
import { TEXTBOOK_PUBSUB } from "../../devices/mod.ts";
import type { LessonSetup } from "../setup.ts";

export const setup: LessonSetup = {
  start: "reference",
  untilMs: 10_000,
  reference: { ...TEXTBOOK_PUBSUB, name: "lesson-01-reference" },
  broken: {
    ...TEXTBOOK_PUBSUB,
    name: "lesson-01-broken",
    boards: [
      { name: "publisher", program: "textbook-publisher" },
      {
        name: "subscriber",
        program: "textbook-subscriber",
        params: { clientId: "PZ-ESP32-SUB", topic: "/public/pz_esp32/2" },
      },
    ],
  },
  brokenFails: ["subscriber-subscribes", "broker-forwards", "subscriber-prints"],
  python: {
    reference: {
      publisher: "../programs/textbook_publisher.py",
      subscriber: "../06-client-ids/subscriber_unique_id.py",
    },
    broken: {
      publisher: "../programs/textbook_publisher.py",
      subscriber: "subscriber_wrong_topic.py",
    },
  },
};
