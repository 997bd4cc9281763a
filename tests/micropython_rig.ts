/**
 * Test helper: a World whose `.py` boards run real MicroPython, with the seeds' programs
 * as fixtures, and recorders for consoles, LEDs and packets.
 */
import {
  type Scenario,
  type ScenarioEvent,
  World,
  type WorldEvent,
  type WorldPacket,
} from "../devices/mod.ts";
import {
  type MicroPythonBoard,
  micropythonPrograms,
  MicroPythonRuntime,
} from "../devices/micropython/mod.ts";
import type { AccessPointConfig } from "../sim/mod.ts";

export const FIXTURES = new URL("./fixtures/", import.meta.url);
/** The seeds' programs, kept once, verbatim (lessons/ tests compare them with the seeds). */
export const SEED_PROGRAMS = new URL("../lessons/programs/", import.meta.url);

/** A test program: the seeds' own (textbook_publisher.py, blog_main.py...) or a test's. */
export function fixture(name: string): string {
  try {
    return Deno.readTextFileSync(new URL(name, SEED_PROGRAMS));
  } catch {
    return Deno.readTextFileSync(new URL(name, FIXTURES));
  }
}

export interface PyBoard {
  name: string;
  /** main.py's text. */
  program: string;
  powerOnAtMs?: number;
}

export interface Rig {
  world: World;
  mpy: MicroPythonRuntime;
  packets: WorldPacket[];
  events: WorldEvent[];
  /** Console lines of a board, in order. */
  console(board: string): string[];
  /** LED (pin 15) edges of a board. */
  ledEdges(board: string): { atUs: number; level: 0 | 1 }[];
  host(board: string): MicroPythonBoard;
  close(): void;
}

export async function rig(
  boards: PyBoard[],
  options: { events?: ScenarioEvent[]; accessPoints?: AccessPointConfig[]; seed?: number } = {},
): Promise<Rig> {
  const mpy = await MicroPythonRuntime.create();
  const programs = new Map(boards.map((b) => [`${b.name}.py`, b.program]));
  const scenario: Scenario = {
    name: "micropython-test",
    boards: boards.map((b) => ({
      name: b.name,
      program: `${b.name}.py`,
      powerOnAtMs: b.powerOnAtMs,
    })),
    events: options.events,
    accessPoints: options.accessPoints,
  };
  const world = new World(scenario, {
    seed: options.seed ?? 1,
    programs: micropythonPrograms(mpy, (path) => programs.get(path)!),
  });
  const packets: WorldPacket[] = [];
  const events: WorldEvent[] = [];
  world.addPacketListener((p) => packets.push(p));
  world.addListener((e) => events.push(e));
  if (Deno.env.get("MPY_TRACE")) {
    world.addListener((e) => {
      if (e.kind === "console") console.log(`${(e.atUs / 1e6).toFixed(3)} ${e.board}| ${e.text}`);
    });
  }
  return {
    world,
    mpy,
    packets,
    events,
    console: (board) =>
      events.flatMap((e) => e.kind === "console" && e.board === board ? [e.text] : []),
    ledEdges: (board) =>
      events.flatMap((e) =>
        e.kind === "pin" && e.board === board && e.pin === 15
          ? [{ atUs: e.atUs, level: e.level }]
          : []
      ),
    host: (board) => {
      const h = mpy.hostOf(board);
      if (!h) throw new Error(`no MicroPython board named ${board}`);
      return h;
    },
    close: () => {
      world.close();
      mpy.close();
    },
  };
}

/** Lets the workers that were told to exit finish (Deno's sanitizers watch for them). */
export function drain(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}
