/**
 * lessons/: the lessons as data (markdown + frontmatter in zh and en, scenarios, programs,
 * typed checks). `loadLessons()` reads and validates them all; `runChecks()` judges a log.
 *
 *     const lesson = await loadLesson("03");
 *     const results = runChecks(lesson, log); // [{ id, ok, message: { zh, en }, seq? }]
 */
import { CATALOG, type CatalogEntry } from "./catalog.ts";
import type { CheckResult, CheckTable, LessonLog } from "./log.ts";
import { type LessonText, parseLessonText } from "./lesson_text.ts";
import type { LessonSetup } from "./setup.ts";

export type { Bilingual, Check, CheckResult, CheckTable, LessonLog } from "./log.ts";
export { emptyLog } from "./log.ts";
export { lessonScenario, pythonScenario, recordWorld } from "./live.ts";
export { LESSON_PROGRAMS, resolveLessonProgram } from "./programs/mod.ts";
export type { LessonStepText, LessonText } from "./lesson_text.ts";
export type { LessonSetup, Variant } from "./setup.ts";

export type Language = "zh" | "en";
export const LANGUAGES: readonly Language[] = ["zh", "en"];

export interface Lesson {
  /** The folder name, e.g. "03-publisher". */
  id: string;
  text: Record<Language, LessonText>;
  checks: CheckTable;
  setup: LessonSetup;
  /** The folder, for the program files. */
  dir: URL;
}

export interface NamedCheckResult extends CheckResult {
  id: string;
}

/** Every lesson id, in order. */
export function lessonIds(): string[] {
  return CATALOG.map((e) => e.id);
}

/** Finds a lesson by its folder name or its number ("03", "3"). */
function entry(id: string): CatalogEntry {
  const n = /^\d+$/.test(id) ? id.padStart(2, "0") : undefined;
  const found = CATALOG.find((e) => e.id === id || (n !== undefined && e.id.startsWith(`${n}-`)));
  if (!found) {
    throw new Error(`No lesson '${id}' (lessons: ${lessonIds().join(", ")})`);
  }
  return found;
}

/** Reads and checks one lesson; throws an Error saying which file is wrong and why. */
export async function loadLesson(id: string): Promise<Lesson> {
  const e = entry(id);
  const dir = new URL(`./${e.id}/`, import.meta.url);
  const text = {} as Record<Language, LessonText>;
  for (const lang of LANGUAGES) {
    const url = new URL(`lesson.${lang}.md`, dir);
    let source: string;
    try {
      source = await Deno.readTextFile(url);
    } catch {
      throw new Error(`Cannot load lesson ${e.id}: lesson.${lang}.md is missing`);
    }
    text[lang] = parseLessonText(source, `${e.id}/lesson.${lang}.md`);
  }
  validate(e, text);
  return { id: e.id, text, checks: e.checks, setup: e.setup, dir };
}

export async function loadLessons(): Promise<Lesson[]> {
  return await Promise.all(CATALOG.map((e) => loadLesson(e.id)));
}

function validate(e: CatalogEntry, text: Record<Language, LessonText>): void {
  const fail = (what: string): never => {
    throw new Error(`Cannot load lesson ${e.id}: ${what}`);
  };
  for (const lang of LANGUAGES) {
    if (text[lang].id !== e.id) {
      fail(`lesson.${lang}.md says id '${text[lang].id}', but its folder is '${e.id}'`);
    }
  }
  const zh = text.zh.steps;
  const en = text.en.steps;
  const zhIds = zh.map((s) => s.id).join(", ");
  const enIds = en.map((s) => s.id).join(", ");
  if (zhIds !== enIds) fail(`the steps differ: zh has [${zhIds}], en has [${enIds}]`);
  const used = new Set<string>();
  zh.forEach((step, i) => {
    const a = step.checks.join(", ");
    const b = en[i].checks.join(", ");
    if (a !== b) fail(`step '${step.id}' lists checks [${a}] in zh but [${b}] in en`);
    for (const c of step.checks) {
      if (!(c in e.checks)) fail(`step '${step.id}' lists check '${c}', which checks.ts lacks`);
      used.add(c);
    }
  });
  for (const c of Object.keys(e.checks)) {
    if (!used.has(c)) fail(`check '${c}' in checks.ts is listed by no step`);
  }
  for (const c of e.setup.brokenFails) {
    if (!(c in e.checks)) fail(`brokenFails names '${c}', which checks.ts lacks`);
  }
}

/** Runs every check of the lesson over the log, in step order. A check that throws fails. */
export function runChecks(lesson: Lesson, log: LessonLog): NamedCheckResult[] {
  const ids = lesson.text.zh.steps.flatMap((s) => s.checks);
  return [...new Set(ids)].map((id) => {
    try {
      return { id, ...lesson.checks[id](log) };
    } catch (err) {
      const why = (err as Error).message;
      return {
        id,
        ok: false,
        message: { zh: `检查 ${id} 出错：${why}`, en: `Check ${id} failed to run: ${why}` },
      };
    }
  });
}
