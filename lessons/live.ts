/**
 * Lessons in a live world (the web server) and headless (run.ts): the lesson's world with
 * its .py programs, and a LessonLog that records a World.
 */
import type { Scenario, World } from "../devices/mod.ts";
import { emptyLog, type LessonLog } from "./log.ts";
import type { LessonSetup, Variant } from "./setup.ts";

/**
 * The variant's scenario with the boards of the lesson's `python` map running their .py
 * files (absolute paths); the other boards keep their TypeScript programs.
 */
export function pythonScenario(
  lesson: { setup: LessonSetup; dir: URL },
  variant: Variant,
): Scenario {
  const files = lesson.setup.python[variant];
  return {
    ...lesson.setup[variant],
    boards: lesson.setup[variant].boards.map((b) =>
      files[b.name]
        ? { ...b, program: decodeURIComponent(new URL(files[b.name], lesson.dir).pathname) }
        : b
    ),
  };
}

/**
 * The world a host loads for a lesson: with "micropython" the .py programs (the host's
 * program resolver must run MicroPython); with "ts" the TypeScript twins (the resolver must
 * know the lessons' programs: chain `resolveLessonProgram`).
 */
export function lessonScenario(
  lesson: { setup: LessonSetup; dir: URL },
  variant: Variant,
  runtime: "micropython" | "ts" = "micropython",
): Scenario {
  return runtime === "micropython" ? pythonScenario(lesson, variant) : lesson.setup[variant];
}

/** Records every packet and event of a world into a LessonLog; `stop()` stops recording. */
export function recordWorld(world: World): { log: LessonLog; stop: () => void } {
  const log = emptyLog();
  const offPackets = world.addPacketListener((p) => log.packets.push(p));
  const offEvents = world.addListener((e) => log.events.push(e));
  return { log, stop: () => (offPackets(), offEvents()) };
}
