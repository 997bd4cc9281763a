/**
 * What boards run in a host's world: real MicroPython for `.py` programs (one
 * runtime per world, so a reloaded scenario starts exactly as a fresh one), the
 * lessons' TypeScript programs, then the built-ins (the World's own fallback).
 */
import type { Board, ProgramResolver } from "../devices/mod.ts";
import {
  BoardFiles,
  type MicroPythonBoard,
  micropythonPrograms,
  MicroPythonRuntime,
} from "../devices/micropython/mod.ts";
import { resolveLessonProgram } from "../lessons/mod.ts";

export interface WorldPrograms {
  resolve: ProgramResolver;
  /** The board's MicroPython, when it runs MicroPython. */
  python(board: Board): MicroPythonBoard | undefined;
  /** Makes `board` run MicroPython with `source` as main.py from its next boot on. */
  runPython(board: Board, source: string): MicroPythonBoard;
  /** Makes `board` run MicroPython with exactly these files (saved ones, restored). */
  restoreFiles(board: Board, files: Record<string, string>): MicroPythonBoard;
  close(): void;
}

/** Program files named without a folder are the lessons' shared programs. */
const PROGRAMS_DIR = new URL("../lessons/programs/", import.meta.url);

/**
 * The MicroPython a built-in TypeScript program stands for, shown in the editor: the
 * seeds' own files (the textbook's programs verbatim, the blog's LED switch completed).
 */
const BUILTIN_EQUIVALENTS: Record<string, string> = {
  "textbook-publisher": "textbook_publisher.py",
  "textbook-subscriber": "textbook_subscriber.py",
  "led-switch": "../07-phone-led/main_led.py",
};

export function builtinEquivalent(program: string): string | undefined {
  const file = BUILTIN_EQUIVALENTS[program];
  return file && Deno.readTextFileSync(new URL(file, PROGRAMS_DIR));
}

function readProgram(path: string): string {
  return Deno.readTextFileSync(path.includes("/") ? path : new URL(path, PROGRAMS_DIR));
}

export async function worldPrograms(): Promise<WorldPrograms> {
  const mpy = await MicroPythonRuntime.create();
  const python = micropythonPrograms(mpy, readProgram);
  return {
    resolve: (program, params, spec) =>
      python(program) ?? resolveLessonProgram(program, params, spec),
    python: (board) => mpy.hostOf(board),
    runPython(board, source) {
      const existing = mpy.hostOf(board);
      if (existing) {
        existing.files.write("main.py", source);
        return existing;
      }
      return mpy.attach(board, BoardFiles.withMain(source));
    },
    restoreFiles(board, files) {
      // The saved files already hold boot.py and lib/: no defaults added.
      return mpy.attach(board, new BoardFiles(files, false));
    },
    close: () => mpy.close(),
  };
}
