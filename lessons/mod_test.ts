import assert from "node:assert/strict";
import { LANGUAGES, lessonIds, loadLesson, loadLessons } from "./mod.ts";

Deno.test("every lesson has lesson.zh.md and lesson.en.md with the same steps and checks", async () => {
  const lessons = await loadLessons();
  assert.ok(lessons.length >= 11, `only ${lessons.length} lessons`);
  for (const lesson of lessons) {
    for (const lang of LANGUAGES) {
      const stat = await Deno.stat(new URL(`lesson.${lang}.md`, lesson.dir));
      assert.ok(stat.isFile, `${lesson.id}: lesson.${lang}.md`);
      assert.equal(lesson.text[lang].id, lesson.id);
      assert.ok(lesson.text[lang].goals.length > 0, `${lesson.id} ${lang}: no goals`);
    }
    const zh = lesson.text.zh.steps.map((s) => `${s.id}:${s.checks.join(",")}`);
    const en = lesson.text.en.steps.map((s) => `${s.id}:${s.checks.join(",")}`);
    assert.deepEqual(zh, en, lesson.id);
  }
});

Deno.test("every lesson's board programs exist as .py files", async () => {
  for (const lesson of await loadLessons()) {
    for (const variant of ["reference", "broken"] as const) {
      const boards = new Set(lesson.setup[variant].boards.map((b) => b.name));
      for (const [board, file] of Object.entries(lesson.setup.python[variant])) {
        assert.ok(boards.has(board), `${lesson.id} ${variant}: no board '${board}'`);
        const text = await Deno.readTextFile(new URL(file, lesson.dir));
        assert.match(text, /import|from/, `${lesson.id}: ${file} does not look like Python`);
      }
    }
  }
});

Deno.test("loadLesson() finds a lesson by number and names the choices when it cannot", async () => {
  assert.equal((await loadLesson("1")).id, lessonIds()[0]);
  await assert.rejects(() => loadLesson("99"), /No lesson '99' \(lessons: 01-/);
});

Deno.test("every .py file under lessons/ is run by some lesson", async () => {
  const used = new Set<string>();
  for (const lesson of await loadLessons()) {
    for (const variant of ["reference", "broken"] as const) {
      for (const file of Object.values(lesson.setup.python[variant])) {
        used.add(new URL(file, lesson.dir).pathname);
      }
    }
  }
  const root = new URL("./", import.meta.url);
  const unused: string[] = [];
  const walk = async (dir: URL) => {
    for await (const e of Deno.readDir(dir)) {
      const url = new URL(e.name + (e.isDirectory ? "/" : ""), dir);
      if (e.isDirectory) await walk(url);
      else if (e.name.endsWith(".py") && !used.has(url.pathname)) unused.push(url.pathname);
    }
  };
  await walk(root);
  assert.deepEqual(unused, []);
});

Deno.test("the textbook's and the blog's programs are kept exactly as printed", async () => {
  const seedCode = (text: string, fence: string) =>
    [...text.matchAll(new RegExp(fence + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
  const program = (name: string) =>
    Deno.readTextFile(new URL(`./programs/${name}`, import.meta.url));
  const seeds = new URL("../../shared/seeds/", import.meta.url);
  let textbook: string;
  try {
    textbook = await Deno.readTextFile(new URL("textbook-ch26-mqtt.md", seeds));
  } catch {
    return; // the seeds live beside the checkout, not in it
  }
  const [publisher, subscriber] = seedCode(textbook, "```python");
  assert.equal(await program("textbook_publisher.py"), publisher);
  assert.equal(await program("textbook_subscriber.py"), subscriber);
  const blog = await Deno.readTextFile(new URL("blog-esp32-emqx.md", seeds));
  assert.equal(await program("blog_main.py"), seedCode(blog, "``` python")[0]);
});
