/** web/lessons_api.ts through `app.request()`, with a live log made by running a lesson. */
import assert from "node:assert/strict";
import type { Scenario } from "../devices/mod.ts";
import { emptyLog } from "../lessons/mod.ts";
import { runLesson } from "../lessons/run.ts";
import { lessonsApi, type LessonView } from "../web/lessons_api.ts";

Deno.test("GET /api/lessons lists every lesson with both titles and its step count", async () => {
  const app = lessonsApi({ getLog: emptyLog });
  const list = await (await app.request("/api/lessons")).json();
  assert.ok(list.length >= 11);
  assert.deepEqual(Object.keys(list[0]).sort(), ["id", "steps", "title"]);
  assert.equal(list[2].id, "03-publisher");
  assert.match(list[2].title.zh, /发布者/);
  assert.match(list[2].title.en, /publisher/);
});

Deno.test("GET /api/lessons/:id gives both languages per step, the check ids and programs", async () => {
  const app = lessonsApi({ getLog: emptyLog });
  const res = await app.request("/api/lessons/05");
  assert.equal(res.status, 200);
  const view: LessonView = await res.json();
  assert.equal(view.id, "05-first-run-quirk");
  assert.equal(view.start, "broken");
  assert.ok(view.steps.every((s) => s.body.zh.length > 0 && s.body.en.length > 0));
  assert.ok(view.checks.includes("connects-first-run"));
  assert.match(view.programs.broken.publisher.source, /return False/);
  assert.equal(view.programs.reference.publisher.file, "publisher_fixed.py");
  const missing = await app.request("/api/lessons/42");
  assert.equal(missing.status, 404);
  assert.match((await missing.json()).error, /No lesson '42'/);
});

Deno.test("POST /api/lessons/:id/check runs the checks over the live log", async () => {
  const run = await runLesson("03", { variant: "broken" });
  const app = lessonsApi({ getLog: () => run.log });
  const body = await (await app.request("/api/lessons/03-publisher/check", { method: "POST" }))
    .json();
  const period = body.results.find((r: { id: string }) => r.id === "every-1000ms");
  assert.equal(period.ok, false);
  assert.match(period.message.zh, /课本要求每 1000 ms 一个/);
  assert.equal(typeof period.seq, "number");
  assert.deepEqual(
    body.steps.map((s: { id: string; done: boolean }) => [s.id, s.done]),
    [["connect", true], ["connack", true], ["publish", true], ["period", false], [
      "header",
      true,
    ], ["long-message", true]],
  );
  const empty = lessonsApi({ getLog: emptyLog });
  const none = await (await empty.request("/api/lessons/03/check", { method: "POST" })).json();
  assert.ok(none.results.every((r: { ok: boolean }) => !r.ok));
});

Deno.test("POST /api/lessons/:id/start hands the lesson's .py world to the host", async () => {
  const loaded: { scenario: Scenario; variant: string }[] = [];
  const app = lessonsApi({
    getLog: emptyLog,
    start: (scenario, _lesson, variant) => loaded.push({ scenario, variant }),
  });
  const res = await app.request("/api/lessons/06/start", { method: "POST" });
  assert.equal(res.status, 200);
  assert.equal(loaded[0].variant, "broken");
  assert.match(loaded[0].scenario.boards[1].program, /lessons\/programs\/textbook_subscriber\.py$/);
  const bad = await app.request("/api/lessons/06/start", {
    method: "POST",
    body: JSON.stringify({ variant: "fixed" }),
  });
  assert.equal(bad.status, 400);
  const none = lessonsApi({ getLog: emptyLog });
  assert.equal((await none.request("/api/lessons/06/start", { method: "POST" })).status, 501);
  const twins: Scenario[] = [];
  const ts = lessonsApi({ getLog: emptyLog, runtime: "ts", start: (s) => twins.push(s) });
  await ts.request("/api/lessons/09/start", { method: "POST" });
  assert.equal(twins[0].boards[0].program, "lesson/qos-sender");
});
