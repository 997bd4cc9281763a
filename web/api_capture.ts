/**
 * GET /api/capture.pcapng: the packet log as a pcapng file for Wireshark and tshark
 * (issue 9, "Captures"). `?limit=N` keeps the latest N packets; `?coalesce=1` sends packets
 * of one connection and instant in one TCP segment.
 */
import { Hono } from "hono";
import { writePcapng } from "../capture/mod.ts";
import { MAX_PACKET_ROWS } from "./api_packets.ts";
import type { EventBridge } from "./bridge.ts";
import type { Playground } from "./playground.ts";

export function captureApi(playground: Playground, bridge: EventBridge): Hono {
  const app = new Hono();
  app.get("/api/capture.pcapng", (c) => {
    const limit = Number(c.req.query("limit") ?? MAX_PACKET_ROWS);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PACKET_ROWS) {
      return c.json({ error: `limit must be a whole number from 1 to ${MAX_PACKET_ROWS}` }, 400);
    }
    const bytes = writePcapng(bridge.captureRecords(limit), {
      coalesce: c.req.query("coalesce") === "1",
    });
    const world = playground.world;
    const name = `mqtt-playground-${world.scenario.name}-seed${world.seed}.pcapng`;
    return c.body(bytes.slice().buffer, 200, {
      "content-type": "application/x-pcapng",
      "content-disposition": `attachment; filename="${name}"`,
    });
  });
  return app;
}
