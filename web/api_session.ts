/**
 * Record and replay over HTTP (issue 9, item 4):
 *   GET  /api/session.json  the recording of the current world (scenario, seed, inputs
 *                           from outside, packets), as a file to download
 *   POST /api/session       a session file (JSON body) to replay in place of the world
 * The host supplies both actions; this file only speaks HTTP.
 */
import { Hono } from "hono";
import { parseSession, type SessionFile } from "../replay/mod.ts";

/** A class's hour of traffic fits; a file beyond this is not a session. */
export const MAX_SESSION_BYTES = 256 * 1024 * 1024;

export interface SessionApiParts {
  /** The session so far (SessionRecorder.session(), or the file being replayed). */
  record(): Promise<SessionFile>;
  /** Replaces the world with a replay of `file`; resolves once it is loaded. */
  load(file: SessionFile): Promise<unknown>;
}

export function sessionApi(parts: SessionApiParts): Hono {
  const app = new Hono();

  app.get("/api/session.json", async (c) => {
    let file: SessionFile;
    try {
      file = await parts.record();
    } catch (err) {
      return c.json({ error: (err as Error).message }, 409);
    }
    const name = `mqtt-playground-${file.scenario.name}-seed${file.seed}.session.json`;
    return c.body(JSON.stringify(file), 200, {
      "content-type": "application/json",
      "content-disposition": `attachment; filename="${name}"`,
    });
  });

  app.post("/api/session", async (c) => {
    const length = Number(c.req.header("content-length") ?? 0);
    if (length > MAX_SESSION_BYTES) {
      return c.json({ error: `A session file may be at most ${MAX_SESSION_BYTES} bytes` }, 413);
    }
    let file: SessionFile;
    try {
      file = parseSession(await c.req.text());
    } catch (err) {
      return c.json({ error: (err as Error).message }, 400);
    }
    try {
      await parts.load(file);
    } catch (err) {
      return c.json({ error: `Cannot replay the session: ${(err as Error).message}` }, 400);
    }
    return c.json({
      ok: true,
      scenario: file.scenario.name,
      seed: file.seed,
      endUs: file.end.atUs,
      inputs: file.inputs.length,
      packets: file.packets.length,
    });
  });

  return app;
}
