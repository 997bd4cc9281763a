/** HTTP API for the world: its state, scenarios, and controlling boards. */
import { Hono } from "hono";
import { BUILTIN_SCENARIOS } from "../devices/scenarios.ts";
import type { EventBridge } from "./bridge.ts";
import type { Playground } from "./playground.ts";
import { worldView } from "./world_view.ts";

export const BOARD_ACTIONS = [
  "power-on",
  "power-off",
  "hard-reset",
  "soft-reset",
  "button",
] as const;
export type BoardAction = typeof BOARD_ACTIONS[number];

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

export function worldApi(playground: Playground, bridge: EventBridge): Hono {
  const app = new Hono();

  app.get(
    "/api/world",
    (c) => c.json({ world: worldView(playground.world), broker: bridge.brokerView() }),
  );

  app.get("/api/scenarios", (c) =>
    c.json([...BUILTIN_SCENARIOS.values()].map((s) => ({
      id: s.name,
      description: s.description ?? "",
      boards: s.boards.map((b) => ({ name: b.name, program: b.program })),
    }))));

  app.post("/api/scenario", async (c) => {
    const body = await jsonBody(c.req.raw);
    if (!body || typeof body.id !== "string") {
      return c.json({ error: 'Body must be JSON such as {"id":"textbook-pubsub","seed":1}' }, 400);
    }
    const seed = body.seed === undefined ? undefined : Number(body.seed);
    if (seed !== undefined && !Number.isSafeInteger(seed)) {
      return c.json(
        { error: `seed must be a whole number, got ${JSON.stringify(body.seed)}` },
        400,
      );
    }
    try {
      playground.load(body.id, seed);
    } catch (err) {
      return c.json({ error: err instanceof Error ? err.message : String(err) }, 400);
    }
    return c.json({ world: worldView(playground.world) });
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
    switch (action) {
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
      case "button": {
        const pin = body.pin === undefined ? 0 : Number(body.pin);
        if (!Number.isInteger(pin) || pin < 0 || pin > 39) {
          return c.json({
            error: `pin must be a GPIO number 0..39, got ${JSON.stringify(body.pin)}`,
          }, 400);
        }
        if (body.pressed === false) board.releaseButton(pin);
        else board.pressButton(pin);
        break;
      }
    }
    return c.json({ ok: true });
  });

  return app;
}
