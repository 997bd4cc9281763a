/** HTTP API for the packet log: rows, JSON lines, one packet's dissection. */
import { Hono } from "hono";
import type { EventBridge } from "./bridge.ts";

/** Most rows one GET /api/packets returns. */
export const MAX_PACKET_ROWS = 100_000;

export function packetsApi(bridge: EventBridge): Hono {
  const app = new Hono();

  app.get("/api/packets", (c) => {
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
    const detail = bridge.detail(seq);
    if (!detail) {
      return c.json(
        { error: `Packet ${seq} is not in the log (it keeps the latest 100,000)` },
        404,
      );
    }
    return c.json(detail);
  });

  return app;
}
