/**
 * The worlds a host can load by name: the built-in scenarios (TypeScript boards)
 * and every lesson's world with its real MicroPython programs ("lesson-03",
 * "lesson-03-broken").
 */
import { BUILTIN_SCENARIOS, type Scenario } from "../devices/mod.ts";
import { lessonIds, loadLesson, pythonScenario } from "../lessons/mod.ts";

/** What `deno task dev` loads when no --scenario is given. */
export const DEFAULT_SCENARIO = "lesson-01";

export interface ScenarioInfo {
  id: string;
  description: string;
  boards: { name: string; program: string }[];
}

const LESSON_NAME = /^lesson-(\d{1,2})(-broken)?$/;

export async function resolveScenario(name: string): Promise<Scenario> {
  const builtin = BUILTIN_SCENARIOS.get(name);
  if (builtin) return builtin;
  const lesson = LESSON_NAME.exec(name);
  if (lesson) {
    const loaded = await loadLesson(lesson[1]);
    return pythonScenario(loaded, lesson[2] ? "broken" : "reference");
  }
  throw new Error(
    `No scenario named '${name}'. Choose a built-in (${
      [...BUILTIN_SCENARIOS.keys()].join(", ")
    }) ` +
      `or a lesson (lesson-01 .. lesson-${lessonIds().length.toString().padStart(2, "0")}, ` +
      `add -broken for its broken version)`,
  );
}

export async function scenarioList(): Promise<ScenarioInfo[]> {
  const info = (id: string, s: Scenario): ScenarioInfo => ({
    id,
    description: s.description ?? "",
    boards: s.boards.map((b) => ({ name: b.name, program: b.program.split("/").at(-1)! })),
  });
  const lessons = await Promise.all(
    lessonIds().map(async (id) => {
      const n = id.slice(0, 2);
      const lesson = await loadLesson(n);
      return info(`lesson-${n}`, {
        ...pythonScenario(lesson, "reference"),
        description: `${lesson.text.zh.title} · ${lesson.text.en.title}`,
      });
    }),
  );
  return [...[...BUILTIN_SCENARIOS.entries()].map(([id, s]) => info(id, s)), ...lessons];
}
