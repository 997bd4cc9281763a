/**
 * What a lesson's scenario.ts exports: the world it loads, its reference solution and a
 * recorded broken variant, the checks the broken one must fail, and the programs it runs.
 */
import { type Scenario, type TsProgram } from "../devices/mod.ts";

export type Variant = "reference" | "broken";

export interface LessonSetup {
  /** Which variant the UI loads when the lesson opens (a lesson about a bug starts broken). */
  start: Variant;
  /** The world with the reference solution: every check passes in it. */
  reference: Scenario;
  /** The same world with the mistake the lesson is about. */
  broken: Scenario;
  /** Ids of the checks the broken variant fails (the others may pass). */
  brokenFails: string[];
  /** How long a headless run lasts (default: the scenario's untilMs, else 20 s). */
  untilMs?: number;
  /**
   * The MicroPython programs (files in the lesson folder) per variant and board. The
   * scenarios above run their TypeScript twins until a board runs MicroPython.
   */
  python: Record<Variant, Record<string, string>>;
  /** TypeScript programs the scenarios name, by program name ("05/fixed-publisher"). */
  programs?: Record<string, TsProgram>;
}
