/**
 * Every lesson on real MicroPython: the boards of each lesson's `python` map run their .py
 * files (the textbook's and the blog's programs, unmodified where the lesson uses them as
 * printed). The reference passes every check; the broken variant fails the same checks
 * with the same messages as recorded in `NN-name/broken.expected.json`.
 */
import assert from "node:assert/strict";
import { lessonIds } from "../lessons/mod.ts";
import { runLesson } from "../lessons/run.ts";

for (const id of lessonIds()) {
  Deno.test(`lesson ${id} on MicroPython: the reference .py programs pass every check`, async () => {
    const run = await runLesson(id, { runtime: "micropython" });
    const failed = run.results.filter((r) => !r.ok).map((r) => `${r.id}: ${r.message.en}`);
    assert.deepEqual(failed, []);
  });

  Deno.test(`lesson ${id} on MicroPython: the broken .py programs fail as recorded`, async () => {
    const run = await runLesson(id, { variant: "broken", runtime: "micropython" });
    const failures = run.results.filter((r) => !r.ok);
    for (const expected of run.lesson.setup.brokenFails) {
      assert.ok(failures.some((f) => f.id === expected), `${expected} should fail`);
    }
    const recorded = JSON.parse(
      await Deno.readTextFile(new URL("broken.expected.json", run.lesson.dir)),
    ).micropython;
    assert.deepEqual(failures.map((f) => ({ id: f.id, message: f.message })), recorded);
  });
}
