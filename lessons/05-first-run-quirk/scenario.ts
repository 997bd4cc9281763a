/**
 * Lesson 05: the textbook's wifi_connect() returns False right after it joins, so the first
 * run never reaches MQTT. The lesson opens on the program as printed (broken); the
 * reference asks isconnected() again after the loop.
 */
import type { LessonSetup } from "../setup.ts";

export const setup: LessonSetup = {
  start: "broken",
  untilMs: 8000,
  reference: {
    name: "lesson-05-reference",
    boards: [{ name: "publisher", program: "lesson/fixed-publisher" }],
  },
  broken: {
    name: "lesson-05-broken",
    boards: [{ name: "publisher", program: "textbook-publisher" }],
  },
  brokenFails: ["network-info-first-run", "connects-first-run", "publishes"],
  python: {
    reference: { publisher: "publisher_fixed.py" },
    broken: { publisher: "../programs/textbook_publisher.py" },
  },
};
