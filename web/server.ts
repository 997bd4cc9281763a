/**
 * The Hono app: the page, its bundled assets, the HTTP API, `/events` and `/mqtt`.
 * It is built from parts handed in, so tests call `app.request(...)` without ports.
 */
import { Hono } from "hono";
import { upgradeWebSocket } from "hono/deno";
import { packetsApi } from "./api_packets.ts";
import { captureApi } from "./api_capture.ts";
import { encodeQr, qrPage, type QrPageOptions, renderSvg } from "../classroom/mod.ts";
import { clockMessage, timeApi } from "./api_time.ts";
import { worldApi } from "./api_world.ts";
import { progressApi } from "./api_progress.ts";
import { sessionApi, type SessionApiParts } from "./api_session.ts";
import type { Persistence } from "../persist/mod.ts";
import type { SessionRecorder } from "../replay/mod.ts";
import { lessonsApi } from "./lessons_api.ts";
import { recordWorld } from "../lessons/mod.ts";
import type { EventBridge } from "./bridge.ts";
import type { UiBundle } from "./bundle.ts";
import type { EventHub } from "./events.ts";
import type { Pacer } from "./pacer.ts";
import { renderPage } from "./page.ts";
import type { Playground } from "./playground.ts";
import type { ServerMessage } from "./protocol.ts";

export { clockMessage };

export interface AppParts {
  pacer: Pacer;
  hub: EventHub;
  bundle: UiBundle;
  /** The world and its packets; absent in a clock-only host. */
  world?: {
    playground: Playground;
    bridge: EventBridge;
    /** Board actions go through it, so they are recorded and replayable. */
    recorder?: SessionRecorder;
    /** With --data: lesson progress and student programs are kept. */
    persistence?: Persistence;
  };
  /** Record and replay: GET /api/session.json, POST /api/session. */
  session?: SessionApiParts;
  /** Serves MQTT over WebSocket at /mqtt (subprotocol "mqtt"). */
  upgradeMqtt?: (request: Request, remoteAddr?: Deno.Addr) => Response;
  /** With --lan: what GET /qr shows (default: the address the page was asked at). */
  lan?: () => QrPageOptions | undefined;
}

/** The lessons API over the live world: its log follows the playground across loads. */
function lessonsOf(playground: Playground): Hono {
  let live = recordWorld(playground.world);
  playground.onWorld((world) => {
    live.stop();
    live = recordWorld(world);
  });
  return lessonsApi({
    getLog: () => live.log,
    start: (scenario) => playground.load(scenario),
  });
}

export function createApp(
  { pacer, hub, bundle, world, session, upgradeMqtt, lan }: AppParts,
): Hono {
  const app = new Hono();
  const greetings = (): ServerMessage[] =>
    world ? [clockMessage(pacer.state), world.bridge.hello()] : [clockMessage(pacer.state)];

  app.get("/", (c) => c.html(renderPage(bundle)));

  app.get("/assets/:file", (c) => {
    const file = bundle.files.get(`/assets/${c.req.param("file")}`);
    if (!file) return c.text("No such asset", 404);
    return c.body(file.contents.slice().buffer, 200, {
      "content-type": file.contentType,
      "cache-control": "no-cache",
    });
  });

  app.route(
    "/",
    timeApi({
      pacer,
      hub,
      nextPacketSeq: world && (() => world.bridge.nextSeq),
      seek: world && ((atUs) => world.playground.seek(atUs)),
    }),
  );
  if (world) {
    app.route("/", packetsApi(world.bridge));
    app.route("/", captureApi(world.playground, world.bridge));
    app.route("/", worldApi(world));
    if (world.persistence) app.route("/", progressApi(world.persistence.progress));
    app.route("/", lessonsOf(world.playground));
  }

  // The classroom QR code: a page to project, and the bare SVG for the UI to embed.
  const qrFor = (requestUrl: string): QrPageOptions =>
    lan?.() ?? { url: new URL("/", requestUrl).href };
  app.get("/qr", (c) => c.html(qrPage(qrFor(c.req.url))));
  app.get(
    "/qr.svg",
    (c) =>
      c.body(renderSvg(encodeQr(qrFor(c.req.url).url)), 200, { "content-type": "image/svg+xml" }),
  );

  if (session) app.route("/", sessionApi(session));

  if (upgradeMqtt) {
    app.get("/mqtt", (c) => {
      if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
        return c.text("MQTT over WebSocket: connect with subprotocol 'mqtt'", 426);
      }
      // Deno.serve hands Hono its connection info as the env: the client's address.
      const info = c.env as Deno.ServeHandlerInfo | undefined;
      return upgradeMqtt(c.req.raw, info?.remoteAddr);
    });
  }

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
