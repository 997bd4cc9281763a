/**
 * Lesson 03: the textbook publisher and its bytes; a second publisher sends a 140-byte
 * message, whose fixed header needs 3 bytes. Broken: the timer period is 100 ms.
 */
import type { Scenario } from "../../devices/mod.ts";
import type { LessonSetup } from "../setup.ts";

const LONG_MESSAGE = "Hello PRECHIN ".repeat(10);
/** When the student runs the programs again (lesson 05 explains why). */
const RERUN_AT_MS = 5000;

function world(name: string, periodMs: number): Scenario {
  return {
    name,
    untilMs: 10_000,
    boards: [
      { name: "publisher", program: "textbook-publisher", params: { periodMs } },
      {
        name: "long-publisher",
        program: "textbook-publisher",
        params: {
          clientId: "PZ-ESP32-LONG",
          topic: "/public/pz_esp32/long",
          message: LONG_MESSAGE,
        },
      },
    ],
    events: [
      { atMs: RERUN_AT_MS, action: "soft-reset", board: "publisher" },
      { atMs: RERUN_AT_MS, action: "soft-reset", board: "long-publisher" },
    ],
  };
}

export const setup: LessonSetup = {
  start: "reference",
  reference: world("lesson-03-reference", 1000),
  broken: world("lesson-03-broken", 100),
  brokenFails: ["every-1000ms"],
  python: {
    reference: {
      publisher: "../programs/textbook_publisher.py",
      "long-publisher": "publisher_long_message.py",
    },
    broken: {
      publisher: "publisher_period_100.py",
      "long-publisher": "publisher_long_message.py",
    },
  },
};
