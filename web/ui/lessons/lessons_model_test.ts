/** The stepper's model against the real lessons API and a log made by running a lesson. */
import assert from "node:assert/strict";
import { runLesson } from "../../../lessons/run.ts";
import { lessonsApi } from "../../lessons_api.ts";
import { createLessonsModel } from "./lessons_model.ts";

async function modelOverBrokenLesson03() {
  globalThis.localStorage?.removeItem("mqtt-playground.lessons");
  const run = await runLesson("03", { variant: "broken" });
  const app = lessonsApi({ getLog: () => run.log, start: () => {} });
  const fetcher = ((input: string, init?: RequestInit) => app.request(input, init)) as typeof fetch;
  return createLessonsModel(fetcher);
}

Deno.test("opening a lesson shows its checks, ticks the passed ones and remembers them", async () => {
  const model = await modelOverBrokenLesson03();
  await model.loadList();
  assert.ok(model.list.value.length >= 11);
  await model.open("03-publisher");
  model.stop(); // the first check already ran
  assert.equal(model.results.value["every-1000ms"].ok, false);
  assert.equal(model.results.value["connect-bytes"].ok, true);
  assert.ok(model.passed.value.has("connect-bytes"));
  assert.ok(!model.passed.value.has("every-1000ms"));
  const saved = JSON.parse(globalThis.localStorage?.getItem("mqtt-playground.lessons") ?? "{}");
  assert.ok(saved["03-publisher"]?.passed.includes("header-2-bytes"));
  assert.equal(model.stepDone(0), true); // connect
  assert.equal(model.stepDone(3), false); // period
  model.goTo(3);
  assert.equal(model.stepIndex.value, 3);
  model.close();
});

Deno.test("show me dispatches playground:show with the packet's seq or the board", async () => {
  const model = await modelOverBrokenLesson03();
  const seen: unknown[] = [];
  const listener = (e: Event) => seen.push((e as CustomEvent).detail);
  globalThis.addEventListener("playground:show", listener);
  try {
    model.show({ seq: 6 });
    model.show({ board: "publisher" });
  } finally {
    globalThis.removeEventListener("playground:show", listener);
  }
  assert.deepEqual(seen, [{ seq: 6 }, { board: "publisher" }]);
});
