/**
 * Lesson 02: joining WiFi as the textbook does. The publisher joins (LED blinking on
 * GPIO15); a classmate's board has the wrong password: status 202, and the textbook's
 * timeout, which is 150 s although the comment says 15. Broken: the publisher itself has
 * the wrong password.
 */
import type { Scenario } from "../../devices/mod.ts";
import type { LessonSetup } from "../setup.ts";

const WRONG = { password: "87654321", clientId: "PZ-ESP32-CLASSMATE" };

const reference: Scenario = {
  name: "lesson-02-reference",
  untilMs: 160_000,
  boards: [
    { name: "publisher", program: "textbook-publisher" },
    { name: "classmate", program: "textbook-publisher", params: WRONG },
  ],
};

export const setup: LessonSetup = {
  start: "reference",
  reference,
  broken: {
    ...reference,
    name: "lesson-02-broken",
    boards: [
      { name: "publisher", program: "textbook-publisher", params: WRONG },
      { name: "classmate", program: "textbook-publisher", params: WRONG },
    ],
  },
  brokenFails: ["got-ip", "led-off-when-joined"],
  python: {
    reference: {
      publisher: "../programs/textbook_publisher.py",
      classmate: "publisher_wrong_password.py",
    },
    broken: { publisher: "publisher_wrong_password.py", classmate: "publisher_wrong_password.py" },
  },
};
