/**
 * Lesson 04: the textbook subscriber, polling check_msg() every 300 ms. Broken: it polls
 * every 3000 ms, so messages wait in its socket for up to 3 s.
 */
import { TEXTBOOK_PUBSUB } from "../../devices/mod.ts";
import type { LessonSetup } from "../setup.ts";

export const setup: LessonSetup = {
  start: "reference",
  untilMs: 12_000,
  reference: { ...TEXTBOOK_PUBSUB, name: "lesson-04-reference" },
  broken: {
    ...TEXTBOOK_PUBSUB,
    name: "lesson-04-broken",
    boards: [
      { name: "publisher", program: "textbook-publisher" },
      {
        name: "subscriber",
        program: "textbook-subscriber",
        params: { clientId: "PZ-ESP32-SUB", periodMs: 3000 },
      },
    ],
  },
  brokenFails: ["waits-under-300ms"],
  python: {
    reference: {
      publisher: "../programs/textbook_publisher.py",
      subscriber: "../06-client-ids/subscriber_unique_id.py",
    },
    broken: {
      publisher: "../programs/textbook_publisher.py",
      subscriber: "subscriber_slow_poll.py",
    },
  },
};
