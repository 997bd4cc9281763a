/**
 * TypeScript device programs: an async function over the MicroPython-shaped API, with
 * parameters from the scenario. `tsProgram` makes it what a board runs at each boot.
 */
import type { Board, BootReason, ProgramHost } from "../esp32/mod.ts";
import { createMicroPython, type MicroPython } from "./micropython.ts";

/** Values a scenario can pass to a program (JSON-friendly). */
export type ProgramParams = Record<string, string | number | boolean>;

export type TsProgram = (mp: MicroPython, params: ProgramParams) => Promise<void> | void;

export interface ProgramInfo {
  name: string;
  description: string;
  run: TsProgram;
}

/** Runs `run` as the main task at every boot (power-on, soft or hard reset). */
export function tsProgram(run: TsProgram, params: ProgramParams = {}): ProgramHost {
  return {
    boot(board: Board, _reason: BootReason) {
      const mp = createMicroPython(board);
      board.cpu.startMain(() => run(mp, params));
    },
  };
}

export function param(params: ProgramParams, key: string, fallback: string): string;
export function param(params: ProgramParams, key: string, fallback: number): number;
export function param(params: ProgramParams, key: string, fallback: boolean): boolean;
export function param(
  params: ProgramParams,
  key: string,
  fallback: string | number | boolean,
): string | number | boolean {
  const value = params[key];
  if (value === undefined) return fallback;
  if (typeof value !== typeof fallback) {
    throw new Error(`Program parameter '${key}' must be a ${typeof fallback}, got ${value}`);
  }
  return value;
}
