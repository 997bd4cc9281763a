/**
 * Records each lesson's broken variant: the checks it fails and the message a student sees,
 * on both runtimes (TypeScript twins and MicroPython), into `NN-name/broken.expected.json`,
 * which tests/lessons_run_test.ts and tests/lessons_micropython_test.ts compare against.
 *
 *     deno run -A lessons/record.ts [NN ...]
 */
import { lessonIds } from "./mod.ts";
import { runLesson } from "./run.ts";

if (import.meta.main) {
  const ids = Deno.args.length > 0 ? Deno.args : lessonIds();
  for (const id of ids) {
    const recorded: Record<string, { id: string; message: { zh: string; en: string } }[]> = {};
    let dir: URL | undefined;
    for (const runtime of ["ts", "micropython"] as const) {
      const run = await runLesson(id, { variant: "broken", runtime });
      dir = run.lesson.dir;
      recorded[runtime] = run.results.filter((r) => !r.ok).map((r) => ({
        id: r.id,
        message: r.message,
      }));
    }
    await Deno.writeTextFile(
      new URL("broken.expected.json", dir),
      JSON.stringify(recorded, null, 2) + "\n",
    );
    console.log(`${id}: ${recorded.ts.map((f) => f.id).join(", ") || "nothing fails!"}`);
  }
}
