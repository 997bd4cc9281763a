/**
 * The hook for `deno task sim --board NAME=FILE.py` and any World: a program resolver that
 * runs `.py` programs as MicroPython (the file becomes the board's main.py).
 *
 *     const mpy = await MicroPythonRuntime.create();
 *     new World(scenario, { programs: micropythonPrograms(mpy) });
 */
import type { ProgramHost } from "../esp32/mod.ts";
import { BoardFiles } from "./board_files.ts";
import type { MicroPythonRuntime } from "./runtime.ts";

/** Same shape as devices/world.ts's ProgramResolver (not imported: world may import us). */
export type PythonProgramResolver = (program: string) => ProgramHost | undefined;

export function micropythonPrograms(
  runtime: MicroPythonRuntime,
  readFile: (path: string) => string = Deno.readTextFileSync,
): PythonProgramResolver {
  return (program) => {
    if (!program.endsWith(".py")) return undefined;
    let text: string;
    try {
      text = readFile(program);
    } catch (e) {
      throw new Error(`Cannot run ${program} on a board: ${(e as Error).message}`);
    }
    return runtime.program(BoardFiles.withMain(text));
  };
}
