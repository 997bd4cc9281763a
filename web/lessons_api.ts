/**
 * HTTP API of the lessons, for the stepper (web/ui/lessons). Mount it in the server:
 *
 *     let live = recordWorld(playground.world);          // from lessons/mod.ts
 *     playground.onWorld((w) => (live.stop(), live = recordWorld(w)));
 *     app.route("/", lessonsApi({ getLog: () => live.log, start: (s) => playground.load(s) }));
 *
 * GET  /api/lessons              [{ id, title: {zh, en}, steps }]
 * GET  /api/lessons/:id          both languages' text, step ids and check ids, programs
 * POST /api/lessons/:id/check    the lesson's checks over the live log, in step order
 * POST /api/lessons/:id/start    {"variant":"reference"|"broken"} loads the lesson's world
 */
import { Hono } from "hono";
import type { Scenario } from "../devices/mod.ts";
import {
  type Language,
  LANGUAGES,
  type Lesson,
  type LessonLog,
  lessonScenario,
  loadLesson,
  loadLessons,
  runChecks,
  type Variant,
} from "../lessons/mod.ts";

export interface LessonsApiOptions {
  /** The live world's packets and events since it was loaded. */
  getLog: () => LessonLog;
  /** Loads a lesson's world into the playground (POST /api/lessons/:id/start). */
  start?: (scenario: Scenario, lesson: Lesson, variant: Variant) => unknown;
  /**
   * What the boards run in that world (default "micropython": the lesson's .py files, so
   * the playground's resolver must run MicroPython; "ts": the TypeScript twins, so it must
   * chain `resolveLessonProgram` from lessons/mod.ts).
   */
  runtime?: "micropython" | "ts";
}

type Both<T> = Record<Language, T>;

function both<T>(_lesson: Lesson, pick: (lang: Language) => T): Both<T> {
  return Object.fromEntries(LANGUAGES.map((l) => [l, pick(l)])) as Both<T>;
}

async function programs(lesson: Lesson, variant: Variant) {
  const out: Record<string, { file: string; source: string }> = {};
  for (const [board, file] of Object.entries(lesson.setup.python[variant])) {
    out[board] = {
      file: file.split("/").at(-1)!,
      source: await Deno.readTextFile(new URL(file, lesson.dir)),
    };
  }
  return out;
}

/** The lesson as the stepper shows it. */
export async function lessonView(lesson: Lesson) {
  const zh = lesson.text.zh;
  return {
    id: lesson.id,
    title: both(lesson, (l) => lesson.text[l].title),
    goals: both(lesson, (l) => lesson.text[l].goals),
    intro: both(lesson, (l) => lesson.text[l].intro),
    start: lesson.setup.start,
    steps: zh.steps.map((step, i) => ({
      id: step.id,
      title: both(lesson, (l) => lesson.text[l].steps[i].title),
      body: both(lesson, (l) => lesson.text[l].steps[i].body),
      checks: step.checks,
    })),
    checks: [...new Set(zh.steps.flatMap((s) => s.checks))],
    programs: {
      reference: await programs(lesson, "reference"),
      broken: await programs(lesson, "broken"),
    },
  };
}

export type LessonView = Awaited<ReturnType<typeof lessonView>>;

export function lessonsApi(options: LessonsApiOptions): Hono {
  const app = new Hono();
  let all: Promise<Lesson[]> | undefined;
  const lessons = () => (all ??= loadLessons());
  const find = async (id: string): Promise<Lesson | undefined> => {
    const list = await lessons();
    return list.find((l) => l.id === id) ??
      (/^\d+$/.test(id) ? loadLesson(id).catch(() => undefined) : undefined);
  };
  const missing = async (id: string) => ({
    error: `No lesson '${id}' (lessons: ${(await lessons()).map((l) => l.id).join(", ")})`,
  });

  app.get("/api/lessons", async (c) =>
    c.json((await lessons()).map((l) => ({
      id: l.id,
      title: both(l, (lang) => l.text[lang].title),
      steps: l.text.zh.steps.length,
    }))));

  app.get("/api/lessons/:id", async (c) => {
    const lesson = await find(c.req.param("id"));
    if (!lesson) return c.json(await missing(c.req.param("id")), 404);
    return c.json(await lessonView(lesson));
  });

  app.post("/api/lessons/:id/check", async (c) => {
    const lesson = await find(c.req.param("id"));
    if (!lesson) return c.json(await missing(c.req.param("id")), 404);
    const results = runChecks(lesson, options.getLog());
    const ok = new Map(results.map((r) => [r.id, r.ok]));
    const steps = lesson.text.zh.steps.map((s) => ({
      id: s.id,
      done: s.checks.every((id) => ok.get(id) === true),
    }));
    return c.json({ results, steps });
  });

  app.post("/api/lessons/:id/start", async (c) => {
    const lesson = await find(c.req.param("id"));
    if (!lesson) return c.json(await missing(c.req.param("id")), 404);
    if (!options.start) return c.json({ error: "This server cannot load lesson worlds" }, 501);
    let body: { variant?: unknown } = {};
    const text = await c.req.text();
    try {
      body = text.trim() ? JSON.parse(text) : {};
    } catch {
      return c.json({ error: 'Body must be JSON such as {"variant":"reference"}' }, 400);
    }
    const variant = body.variant ?? lesson.setup.start;
    if (variant !== "reference" && variant !== "broken") {
      return c.json({
        error: `variant must be "reference" or "broken", got ${JSON.stringify(variant)}`,
      }, 400);
    }
    try {
      await options.start(lessonScenario(lesson, variant, options.runtime), lesson, variant);
    } catch (err) {
      return c.json({ error: err instanceof Error ? err.message : String(err) }, 400);
    }
    return c.json({ id: lesson.id, variant });
  });

  return app;
}
