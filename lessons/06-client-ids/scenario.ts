/**
 * Lesson 06: both textbook programs use client id PZ-ESP32. On one broker the second
 * CONNECT takes the session over and closes the first connection [MQTT-3.1.4-3]. The
 * lesson opens on the pair as printed; the reference gives the subscriber its own id.
 */
import { TEXTBOOK_PUBSUB, TEXTBOOK_SAME_CLIENT_ID } from "../../devices/mod.ts";
import type { LessonSetup } from "../setup.ts";

export const setup: LessonSetup = {
  start: "broken",
  untilMs: 10_000,
  reference: { ...TEXTBOOK_PUBSUB, name: "lesson-06-reference" },
  broken: { ...TEXTBOOK_SAME_CLIENT_ID, name: "lesson-06-broken" },
  brokenFails: ["unique-ids", "subscriber-receives"],
  python: {
    reference: {
      publisher: "../programs/textbook_publisher.py",
      subscriber: "subscriber_unique_id.py",
    },
    broken: {
      publisher: "../programs/textbook_publisher.py",
      subscriber: "../programs/textbook_subscriber.py",
    },
  },
};
