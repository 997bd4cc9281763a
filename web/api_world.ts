/** HTTP API for the world: its state, scenarios, and controlling boards. */
import { Hono } from "hono";
import type { Persistence } from "../persist/mod.ts";
import { applyBoardInput, type BoardInput, type SessionRecorder } from "../replay/mod.ts";
import type { EventBridge } from "./bridge.ts";
import type { Playground } from "./playground.ts";
import { resolveScenario, scenarioList } from "./scenarios.ts";
import { builtinEquivalent } from "./world_programs.ts";

export const BOARD_ACTIONS = [
  "power-on",
  "power-off",
  "hard-reset",
  "soft-reset",
  "interrupt",
  "button",
  "program",
  "repl",
] as const;
export type BoardAction = typeof BOARD_ACTIONS[number];

/** A program bigger than this is surely not a student's main.py. */
const MAX_PROGRAM_BYTES = 256 * 1024;

async function jsonBody(request: Request): Promise<Record<string, unknown> | undefined> {
  const text = await request.text();
  if (text.trim() === "") return {};
  try {
    const body = JSON.parse(text);
    return body && typeof body === "object" && !Array.isArray(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

const errorText = (err: unknown) => err instanceof Error ? err.message : String(err);

export interface WorldApiParts {
  playground: Playground;
  bridge: EventBridge;
  /** When present, board actions are recorded (and replayable) through it. */
  recorder?: SessionRecorder;
  persistence?: Persistence;
}

export function worldApi({ playground, bridge, recorder, persistence }: WorldApiParts): Hono {
  const app = new Hono();

  app.get("/api/world", (c) => c.json({ world: bridge.worldView(), broker: bridge.brokerView() }));

  app.get("/api/scenarios", async (c) => c.json(await scenarioList()));

  app.post("/api/scenario", async (c) => {
    const body = await jsonBody(c.req.raw);
    if (!body || typeof body.id !== "string") {
      return c.json({ error: 'Body must be JSON such as {"id":"lesson-01","seed":1}' }, 400);
    }
    const seed = body.seed === undefined ? undefined : Number(body.seed);
    if (seed !== undefined && !Number.isSafeInteger(seed)) {
      return c.json(
        { error: `seed must be a whole number, got ${JSON.stringify(body.seed)}` },
        400,
      );
    }
    try {
      await playground.load(await resolveScenario(body.id), seed);
    } catch (err) {
      return c.json({ error: errorText(err) }, 400);
    }
    return c.json({ world: bridge.worldView() });
  });

  /**
   * A board's files (boot.py, main.py, lib/...), for the program editor. A board running a
   * built-in program shows, as main.py, the MicroPython that program stands for.
   */
  app.get("/api/boards/:name/files", (c) => {
    const name = c.req.param("name");
    const board = playground.world.boards.get(name);
    if (!board) return c.json({ error: `No board named '${name}'` }, 404);
    const python = playground.programs?.python(board);
    if (python) return c.json({ micropython: true, files: python.files.snapshot() });
    const program = playground.world.scenario.boards.find((b) => b.name === name)?.program ?? "";
    const equivalent = builtinEquivalent(program);
    return c.json({ micropython: false, files: equivalent ? { "main.py": equivalent } : {} });
  });

  app.post("/api/boards/:name/:action", async (c) => {
    const name = c.req.param("name");
    const action = c.req.param("action") as BoardAction;
    const board = playground.world.boards.get(name);
    if (!board) {
      const names = [...playground.world.boards.keys()].join(", ") || "none";
      return c.json({ error: `No board named '${name}' (boards: ${names})` }, 404);
    }
    if (!BOARD_ACTIONS.includes(action)) {
      return c.json({ error: `action must be one of ${BOARD_ACTIONS.join(", ")}` }, 400);
    }
    const body = await jsonBody(c.req.raw);
    if (!body) return c.json({ error: "Body must be a JSON object (or empty)" }, 400);
    if (playground.replaying) {
      return c.json(
        { error: "A recorded session is playing; load a scenario to take control" },
        409,
      );
    }
    let input: BoardInput;
    switch (action) {
      case "button": {
        const pin = body.pin === undefined ? 0 : Number(body.pin);
        if (!Number.isInteger(pin) || pin < 0 || pin > 39) {
          return c.json({
            error: `pin must be a GPIO number 0..39, got ${JSON.stringify(body.pin)}`,
          }, 400);
        }
        input = { action, pin, pressed: body.pressed !== false };
        break;
      }
      case "program": {
        const source = body.source;
        if (typeof source !== "string" || source.length > MAX_PROGRAM_BYTES) {
          return c.json({ error: `source must be the text of main.py (at most 256 KB)` }, 400);
        }
        input = { action, source };
        break;
      }
      case "repl":
        if (typeof body.line !== "string") {
          return c.json({ error: 'Body must be JSON such as {"line":"led.value(1)"}' }, 400);
        }
        input = { action, line: body.line };
        break;
      default:
        input = { action };
    }
    // One code path for the live host and for replay (replay/apply_input.ts).
    const result = recorder
      ? await recorder.board(name, input)
      : applyBoardInput(playground.world, playground.programs, name, input);
    if (!result.ok) return c.json({ error: result.error }, result.status);
    if (action === "program") persistence?.programChanged(name);
    return c.json({ ok: true });
  });

  return app;
}
