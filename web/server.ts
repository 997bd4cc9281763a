/**
 * The Hono app: the page, its bundled assets, the HTTP API and `/events`.
 * It is built from parts handed in, so tests call `app.request(...)` without ports.
 */
import { Hono } from "hono";
import { upgradeWebSocket } from "hono/deno";
import type { EventHub } from "./events.ts";
import type { Pacer, PacerState } from "./pacer.ts";
import type { UiBundle } from "./bundle.ts";
import { renderPage } from "./page.ts";

export interface AppParts {
  pacer: Pacer;
  hub: EventHub;
  bundle: UiBundle;
}

/** The message every `/events` client gets for the clock. */
export function clockMessage(state: PacerState) {
  return { kind: "clock", nowUs: state.nowUs, mode: state.mode, speed: state.speed } as const;
}

type TimeAction =
  | { action: "play"; speed?: number }
  | { action: "pause" }
  | { action: "step" }
  | { action: "max" }
  | { action: "speed"; speed: number };

const TIME_ACTIONS = ["play", "pause", "step", "max", "speed"];

export function createApp({ pacer, hub, bundle }: AppParts): Hono {
  const app = new Hono();

  app.get("/", (c) => c.html(renderPage(bundle)));

  app.get("/assets/:file", (c) => {
    const file = bundle.files.get(`/assets/${c.req.param("file")}`);
    if (!file) return c.text("No such asset", 404);
    return c.body(file.contents.slice().buffer, 200, {
      "content-type": file.contentType,
      "cache-control": "no-cache",
    });
  });

  app.get("/api/clock", (c) => c.json(clockMessage(pacer.state)));

  app.post("/api/time", async (c) => {
    let body: TimeAction;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'Body must be JSON such as {"action":"play","speed":10}' }, 400);
    }
    if (!body || !TIME_ACTIONS.includes(body.action)) {
      return c.json({ error: `action must be one of ${TIME_ACTIONS.join(", ")}` }, 400);
    }
    try {
      switch (body.action) {
        case "play":
          pacer.play(body.speed ?? pacer.state.speed);
          break;
        case "pause":
          pacer.pause();
          break;
        case "step":
          await pacer.step();
          break;
        case "max":
          pacer.runAsFastAsPossible();
          break;
        case "speed":
          pacer.setSpeed(Number(body.speed));
          break;
      }
    } catch (err) {
      return c.json({ error: err instanceof Error ? err.message : String(err) }, 400);
    }
    const state = clockMessage(pacer.state);
    hub.broadcast(state);
    return c.json(state);
  });

  app.get(
    "/events",
    upgradeWebSocket(() => {
      let remove: (() => void) | undefined;
      return {
        onOpen: (_event, ws) => {
          remove = hub.add(
            {
              send: (data) => ws.send(data),
              get readyState() {
                return ws.readyState;
              },
            },
            clockMessage(pacer.state),
          );
        },
        onClose: () => remove?.(),
        onError: () => remove?.(),
      };
    }),
  );

  app.notFound((c) => c.json({ error: `No route for ${c.req.method} ${c.req.path}` }, 404));
  return app;
}
