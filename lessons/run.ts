/**
 * Runs a lesson headless: builds its World (reference solution or broken variant), runs it
 * on the virtual clock, records the log and judges it with the lesson's checks.
 *
 *     deno run -A lessons/run.ts 03 [--broken] [--ts] [--seed 7] [--lang en]
 *     deno task sim --lesson 03
 */
import { type ProgramResolver, World } from "../devices/mod.ts";
import { micropythonPrograms, MicroPythonRuntime } from "../devices/micropython/mod.ts";
import { msToUs } from "../sim/mod.ts";
import { pythonScenario, recordWorld } from "./live.ts";
import type { LessonLog } from "./log.ts";
import { type Language, type Lesson, loadLesson, type NamedCheckResult, runChecks } from "./mod.ts";
import { resolveLessonProgram } from "./programs/mod.ts";
import type { Variant } from "./setup.ts";

export const DEFAULT_RUN_MS = 20_000;

export interface RunOptions {
  variant?: Variant;
  seed?: number;
  /** Virtual time to run (default: the lesson's, else the scenario's, else 20 s). */
  untilMs?: number;
  /**
   * "micropython": the boards listed in the lesson's `python` map run their .py files on
   * real MicroPython; "ts" (default): every board runs its TypeScript twin.
   */
  runtime?: Runtime;
}

export type Runtime = "ts" | "micropython";

export interface LessonRun {
  lesson: Lesson;
  variant: Variant;
  runtime: Runtime;
  seed: number;
  log: LessonLog;
  results: NamedCheckResult[];
}

export async function runLesson(id: string, options: RunOptions = {}): Promise<LessonRun> {
  const lesson = await loadLesson(id);
  const variant = options.variant ?? "reference";
  const python = options.runtime === "micropython";
  const scenario = python ? pythonScenario(lesson, variant) : lesson.setup[variant];
  const mpy = python ? await MicroPythonRuntime.create() : undefined;
  let programs: ProgramResolver = resolveLessonProgram;
  if (mpy) {
    const py = micropythonPrograms(mpy);
    programs = (program, params, spec) =>
      py(program) ?? resolveLessonProgram(program, params, spec);
  }
  const world = new World(scenario, { seed: options.seed, programs });
  const { log, stop } = recordWorld(world);
  const untilMs = options.untilMs ?? lesson.setup.untilMs ?? scenario.untilMs ?? DEFAULT_RUN_MS;
  try {
    world.start();
    // The broker's password checks hold the world's clock (offClockWork), so logins
    // answer at the same virtual time however fast the host is.
    await world.runUntil(msToUs(untilMs));
  } finally {
    stop();
    world.close();
    mpy?.close();
  }
  const runtime = python ? "micropython" : "ts";
  return { lesson, variant, runtime, seed: world.seed, log, results: runChecks(lesson, log) };
}

/** One line per check, as `deno task sim --lesson` prints them. */
export function formatRun(run: LessonRun, lang: Language = "en"): string {
  const head = `${run.lesson.id} (${run.variant}, ${run.runtime}, seed ${run.seed}): ` +
    `${run.lesson.text[lang].title} — ${run.log.packets.length} packets`;
  const lines = run.results.map((r) =>
    `  ${r.ok ? "PASS" : "FAIL"} ${r.id.padEnd(22)} ${r.message[lang]}` +
    (r.seq !== undefined ? ` [#${r.seq}]` : "")
  );
  const passed = run.results.filter((r) => r.ok).length;
  return [head, ...lines, `  ${passed}/${run.results.length} checks pass`].join("\n");
}

/**
 * CLI: `lessons/run.ts NN [--broken] [--ts] [--seed N] [--lang zh|en] [--until MS]`. The
 * boards run the lesson's .py programs on MicroPython; `--ts` runs their TypeScript twins.
 */
export async function lessonCli(args: string[]): Promise<number> {
  const id = args.find((a, i) =>
    !a.startsWith("--") && !/^--(seed|lang|until)$/.test(args[i - 1] ?? "")
  );
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (!id) {
    console.error(
      "usage: --lesson NN [--broken] [--ts] [--seed N] [--lang zh|en] [--until MS]",
    );
    return 2;
  }
  const lang = flag("lang") === "zh" ? "zh" : "en";
  const run = await runLesson(id, {
    variant: args.includes("--broken") ? "broken" : "reference",
    seed: flag("seed") !== undefined ? Number(flag("seed")) : undefined,
    untilMs: flag("until") !== undefined ? Number(flag("until")) : undefined,
    runtime: args.includes("--ts") ? "ts" : "micropython",
  });
  console.log(formatRun(run, lang));
  return run.results.every((r) => r.ok) ? 0 : 1;
}

if (import.meta.main) Deno.exit(await lessonCli(Deno.args));
