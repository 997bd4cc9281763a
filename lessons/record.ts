/**
 * Records each lesson's broken variant: the checks it fails and the message a student sees,
 * into `NN-name/broken.expected.json`, which tests/lessons_run_test.ts compares against.
 *
 *     deno run -A lessons/record.ts [NN ...]
 */
import { lessonIds } from "./mod.ts";
import { runLesson } from "./run.ts";

if (import.meta.main) {
  const ids = Deno.args.length > 0 ? Deno.args : lessonIds();
  for (const id of ids) {
    const run = await runLesson(id, { variant: "broken" });
    const failures = run.results.filter((r) => !r.ok).map((r) => ({
      id: r.id,
      message: r.message,
    }));
    const file = new URL(`broken.expected.json`, run.lesson.dir);
    await Deno.writeTextFile(file, JSON.stringify(failures, null, 2) + "\n");
    console.log(`${run.lesson.id}: ${failures.map((f) => f.id).join(", ") || "nothing fails!"}`);
  }
}
