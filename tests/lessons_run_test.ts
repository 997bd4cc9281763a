/**
 * Every lesson, run headless in its World: the reference solution passes every check, and
 * the recorded broken variant fails the checks it should with the messages a student sees
 * (`NN-name/broken.expected.json`, written by `deno run -A lessons/record.ts`).
 */
import assert from "node:assert/strict";
import { lessonIds } from "../lessons/mod.ts";
import { runLesson } from "../lessons/run.ts";

for (const id of lessonIds()) {
  Deno.test(`lesson ${id}: the reference solution passes every check`, async () => {
    const run = await runLesson(id);
    const failed = run.results.filter((r) => !r.ok).map((r) => `${r.id}: ${r.message.en}`);
    assert.deepEqual(failed, []);
  });

  Deno.test(`lesson ${id}: the broken variant fails what it should, saying what is missing`, async () => {
    const run = await runLesson(id, { variant: "broken" });
    const failures = run.results.filter((r) => !r.ok);
    for (const expected of run.lesson.setup.brokenFails) {
      assert.ok(failures.some((f) => f.id === expected), `${expected} should fail`);
    }
    const recorded = JSON.parse(
      await Deno.readTextFile(new URL("broken.expected.json", run.lesson.dir)),
    ).ts;
    assert.deepEqual(failures.map((f) => ({ id: f.id, message: f.message })), recorded);
  });
}
