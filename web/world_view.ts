/** JSON views of the world's boards for the UI (BoardView, WorldView in protocol.ts). */
import { type Board, wifiStatusName, type World } from "../devices/mod.ts";
import type { MicroPythonBoard } from "../devices/micropython/mod.ts";
import type { BoardView, WifiView, WorldView } from "./protocol.ts";

function wifiView(board: Board): WifiView {
  const sta = board.wlan(0);
  const status = sta.status();
  const [ip] = sta.ifconfig();
  return {
    status,
    statusName: wifiStatusName(status),
    active: sta.active(),
    ...(status === 1010 && { ip }),
  };
}

/** The board's MicroPython, when it runs MicroPython. */
export type PythonOf = (board: Board) => MicroPythonBoard | undefined;

export function boardView(board: Board, program: string, python?: MicroPythonBoard): BoardView {
  const pins: Record<string, number> = {};
  for (const pin of board.gpio.pins) {
    if (pin.mode !== undefined) pins[String(pin.id)] = pin.value();
  }
  return {
    name: board.name,
    ledPin: board.ledPin,
    power: board.power,
    pins,
    wifi: wifiView(board),
    program: {
      kind: python ? "micropython" : "builtin",
      name: python ? "main.py" : program.split("/").at(-1)!,
    },
    ...(python && { runState: python.state }),
    ...(python?.state === "stopped" && {
      halted: "stopped: see the console (reset the board to run it again)",
    }),
  };
}

export function worldView(world: World, pythonOf: PythonOf = () => undefined): WorldView {
  return {
    scenario: { id: world.scenario.name, title: world.scenario.description ?? world.scenario.name },
    seed: world.seed,
    boards: world.scenario.boards.map((spec) => {
      const board = world.boards.get(spec.name)!;
      return boardView(board, spec.program, pythonOf(board));
    }),
  };
}
