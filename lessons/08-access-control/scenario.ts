/**
 * Lesson 08, the blog's EMQX setup: no anonymous clients, a user name and password per
 * account, and an ACL. The ESP32 logs in, an intruder's guessed password is refused, a
 * student account may not subscribe to esp32/publish. Broken: the blog's main.py as
 * printed, which calls a connect() it never defines.
 */
import type { BrokerConfig } from "../../broker/mod.ts";
import type { Scenario } from "../../devices/mod.ts";
import type { LessonSetup } from "../setup.ts";

/** `deno task passwd`, 1000 iterations to keep the lesson quick: "prechin2024". */
const ESP32_HASH =
  "$pbkdf2-sha256$1000$bGVzc29uMDgtZXNwMzJfYw==$tZLgm0uW+PxV73mwDnUqnn+4NZURU7wtmtTbcxx5aVc=";
/** "student-pass". */
const STUDENT_HASH =
  "$pbkdf2-sha256$1000$bGVzc29uMDgtc3R1ZGVudA==$OLOY/UYCXwU1Yyt6WfoS+zNbB9LFlbepEgIgirA4UF8=";

export const BROKER: BrokerConfig = {
  allowAnonymous: false,
  users: [
    { username: "esp32_client_001", passwordHash: ESP32_HASH },
    { username: "student", passwordHash: STUDENT_HASH },
  ],
  acl: {
    default: "deny",
    rules: [
      { permission: "allow", username: "esp32_client_001", action: "all", topics: ["esp32/#"] },
      { permission: "allow", username: "student", action: "all", topics: ["class/#"] },
    ],
  },
};

const ESP32 = {
  topic: "esp32/publish",
  username: "esp32_client_001",
  mqttPassword: "prechin2024",
};

function world(name: string, esp32Program: string): Scenario {
  return {
    name,
    untilMs: 8000,
    broker: BROKER,
    boards: [
      { name: "esp32", program: esp32Program, params: ESP32 },
      {
        name: "intruder",
        program: "led-switch",
        params: { ...ESP32, clientId: "intruder", mqttPassword: "123456" },
        powerOnAtMs: 1000,
      },
      {
        name: "student",
        program: "led-switch",
        params: {
          clientId: "student-01",
          topic: "esp32/publish",
          username: "student",
          mqttPassword: "student-pass",
        },
        powerOnAtMs: 2000,
      },
    ],
  };
}

export const setup: LessonSetup = {
  start: "reference",
  reference: world("lesson-08-reference", "led-switch"),
  broken: world("lesson-08-broken", "lesson/blog-main-as-written"),
  brokenFails: ["connect-defined", "esp32-logs-in"],
  python: {
    reference: { esp32: "main_fixed.py", intruder: "intruder.py", student: "student.py" },
    broken: { esp32: "../programs/blog_main.py", intruder: "intruder.py", student: "student.py" },
  },
};
