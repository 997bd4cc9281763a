import assert from "node:assert/strict";
import { TEXTBOOK_PUBSUB, World } from "../devices/mod.ts";
import { parseSession, type SessionFile, SessionRecorder } from "../replay/mod.ts";
import { sToUs } from "../sim/mod.ts";
import { sessionApi } from "./api_session.ts";

async function recordedApp() {
  const recorder = new SessionRecorder({ nowIso: () => "2026-01-01T00:00:00.000Z" });
  const world = new World(TEXTBOOK_PUBSUB, { seed: 4, wallTimebase: recorder.wallTimebase });
  recorder.follow(world);
  world.start();
  await recorder.board("publisher", { action: "soft-reset" });
  await world.runUntil(sToUs(6));
  const loaded: SessionFile[] = [];
  const app = sessionApi({
    record: () => recorder.session(),
    load: (file) => {
      loaded.push(file);
      return Promise.resolve();
    },
  });
  return { app, world, loaded };
}

Deno.test("GET /api/session.json downloads the recording, which POST /api/session loads", async () => {
  const { app, world, loaded } = await recordedApp();
  try {
    const res = await app.request("/api/session.json");
    assert.equal(res.status, 200);
    assert.match(
      res.headers.get("content-disposition") ?? "",
      /attachment; filename="mqtt-playground-textbook-pubsub-seed4\.session\.json"/,
    );
    const text = await res.text();
    const file = parseSession(text);
    assert.equal(file.inputs[0].kind, "board");
    assert.ok(file.packets.length > 0);

    const posted = await app.request("/api/session", { method: "POST", body: text });
    assert.equal(posted.status, 200);
    const body = await posted.json();
    assert.deepEqual(
      [body.ok, body.scenario, body.seed, body.packets],
      [true, "textbook-pubsub", 4, file.packets.length],
    );
    assert.equal(loaded.length, 1);
  } finally {
    world.close();
  }
});

Deno.test("POST /api/session refuses what is not a session, saying why", async () => {
  const { app, world, loaded } = await recordedApp();
  try {
    const notJson = await app.request("/api/session", { method: "POST", body: "{" });
    assert.equal(notJson.status, 400);
    assert.match((await notJson.json()).error, /not JSON/);
    const wrong = await app.request("/api/session", {
      method: "POST",
      body: JSON.stringify({ format: "mqtt-playground-session", version: 99 }),
    });
    assert.equal(wrong.status, 400);
    assert.match((await wrong.json()).error, /version 99 is not supported/);
    assert.equal(loaded.length, 0);
  } finally {
    world.close();
  }
});

Deno.test("GET /api/session.json without a recording answers 409 with the reason", async () => {
  const app = sessionApi({
    record: () => new SessionRecorder().session(),
    load: () => Promise.resolve(),
  });
  const res = await app.request("/api/session.json");
  assert.equal(res.status, 409);
  assert.match((await res.json()).error, /Nothing is being recorded/);
});
