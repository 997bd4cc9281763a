/**
 * Lesson progress kept by the host (issue 9, item 5), so it survives the browser and can
 * replace localStorage: GET/PUT /api/progress/:lessonId with a small JSON document that
 * the UI shapes as it likes (at most 16 KB).
 */
import { Hono } from "hono";
import { MAX_PROGRESS_BYTES, ProgressStore } from "../persist/mod.ts";

export function progressApi(store: ProgressStore): Hono {
  const app = new Hono();

  app.get("/api/progress/:lessonId", async (c) => {
    const id = c.req.param("lessonId");
    const bad = ProgressStore.badId(id);
    if (bad) return c.json({ error: bad }, 400);
    const progress = await store.get(id);
    if (progress === undefined) {
      return c.json({ error: `No progress saved for lesson '${id}'` }, 404);
    }
    return c.json(progress);
  });

  app.put("/api/progress/:lessonId", async (c) => {
    const id = c.req.param("lessonId");
    const bad = ProgressStore.badId(id);
    if (bad) return c.json({ error: bad }, 400);
    const text = await c.req.text();
    if (text.length > MAX_PROGRESS_BYTES) {
      return c.json({ error: `Progress may be at most ${MAX_PROGRESS_BYTES} bytes` }, 413);
    }
    let progress: unknown;
    try {
      progress = JSON.parse(text);
    } catch {
      return c.json({ error: 'Body must be JSON, e.g. {"step":2,"passed":["connect"]}' }, 400);
    }
    try {
      await store.put(id, progress);
    } catch (err) {
      return c.json({ error: (err as Error).message }, 500);
    }
    return c.json({ ok: true });
  });

  return app;
}
