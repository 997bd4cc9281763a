/**
 * Host actions on a world, in one place for the live host and for replay: the HTTP API
 * calls `applyBoardInput` through the recorder, replay calls it with the recorded input,
 * so both do exactly the same thing to the world.
 */
import type { Board, ScenarioEvent, World } from "../devices/mod.ts";
import type { BoardInput } from "./session_file.ts";

/** What the host's MicroPython programs offer (web/world_programs.ts's WorldPrograms). */
export interface HostPrograms {
  python(board: Board): { interrupt(): void; replInput(line: string): boolean } | undefined;
  runPython(board: Board, source: string): unknown;
  /** Makes `board` run MicroPython with exactly these files from its next boot on. */
  restoreFiles?(board: Board, files: Record<string, string>): unknown;
}

/** What an action did: ok, or why not (the HTTP status the API answers with). */
export type ApplyResult = { ok: true } | { ok: false; status: 404 | 409 | 400; error: string };

const refused = (status: 404 | 409 | 400, error: string): ApplyResult => ({
  ok: false,
  status,
  error,
});

export function applyBoardInput(
  world: World,
  programs: HostPrograms | undefined,
  name: string,
  input: BoardInput,
): ApplyResult {
  const board = world.boards.get(name);
  if (!board) {
    const names = [...world.boards.keys()].join(", ") || "none";
    return refused(404, `No board named '${name}' (boards: ${names})`);
  }
  const python = programs?.python(board);
  switch (input.action) {
    case "power-on":
      board.powerOn();
      break;
    case "power-off":
      board.powerOff();
      break;
    case "hard-reset":
      board.hardReset();
      break;
    case "soft-reset":
      board.softReset();
      break;
    case "interrupt":
      if (!python) {
        return refused(409, `Board '${name}' runs a built-in program; Ctrl-C needs MicroPython`);
      }
      python.interrupt();
      break;
    case "button":
      if (input.pressed) board.pressButton(input.pin);
      else board.releaseButton(input.pin);
      break;
    case "program":
      if (!programs) return refused(409, "This host does not run MicroPython");
      programs.runPython(board, input.source);
      // As after uploading main.py and pressing Ctrl-D: WiFi stays joined.
      if (board.power === "on") board.softReset();
      else board.powerOn();
      break;
    case "repl":
      if (!python?.replInput(input.line)) {
        return refused(409, `Board '${name}' is not at the >>> prompt (a program is running)`);
      }
      break;
    case "files":
      if (!programs?.restoreFiles) return refused(409, "This host does not run MicroPython");
      programs.restoreFiles(board, input.files);
      break;
  }
  return { ok: true };
}

/** A scenario event applied now, as the World applies its scheduled ones. */
export function applyFault(world: World, ev: ScenarioEvent): ApplyResult {
  if ("board" in ev && ev.board !== undefined && !world.boards.has(ev.board)) {
    return refused(404, `No board named '${ev.board}'`);
  }
  world.apply(ev);
  return { ok: true };
}
