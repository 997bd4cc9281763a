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
import type { EventBridge } from "./bridge.ts";
import type { ServerMessage } from "./protocol.ts";

export interface AppParts {
  pacer: Pacer;
  hub: EventHub;
  bundle: UiBundle;
  /** Packets and broker state; absent in a clock-only host. */
  bridge?: EventBridge;
  /** Serves MQTT over WebSocket at /mqtt (subprotocol "mqtt"). */
  upgradeMqtt?: (request: Request) => Response;
}

/** Most rows one GET /api/packets returns. */
export const MAX_PACKET_ROWS = 100_000;

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

export function createApp({ pacer, hub, bundle, bridge, upgradeMqtt }: AppParts): Hono {
  const app = new Hono();
  const greetings = (): ServerMessage[] =>
    bridge ? [clockMessage(pacer.state), bridge.hello()] : [clockMessage(pacer.state)];

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

  app.get("/api/packets", (c) => {
    if (!bridge) return c.json([]);
    const limitText = c.req.query("limit") ?? String(MAX_PACKET_ROWS);
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PACKET_ROWS) {
      return c.json({ error: `limit must be a whole number from 1 to ${MAX_PACKET_ROWS}` }, 400);
    }
    const format = c.req.query("format") ?? "json";
    if (format === "json") return c.json(bridge.recentRows(limit));
    if (format === "jsonl") {
      return c.body(bridge.jsonl(limit), 200, {
        "content-type": "application/x-ndjson; charset=utf-8",
      });
    }
    return c.json({ error: `format must be json or jsonl, got '${format}'` }, 400);
  });

  app.get("/api/packets/:seq", (c) => {
    const seq = Number(c.req.param("seq"));
    if (!Number.isSafeInteger(seq) || seq < 1) {
      return c.json({ error: `'${c.req.param("seq")}' is not a packet number` }, 400);
    }
    const detail = bridge?.detail(seq);
    if (!detail) {
      return c.json({ error: `Packet ${seq} is not in the log (kept: the latest 100,000)` }, 404);
    }
    return c.json(detail);
  });

  if (upgradeMqtt) {
    app.get("/mqtt", (c) => {
      if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
        return c.text("MQTT over WebSocket: connect with subprotocol 'mqtt'", 426);
      }
      return upgradeMqtt(c.req.raw);
    });
  }

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
            greetings(),
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
