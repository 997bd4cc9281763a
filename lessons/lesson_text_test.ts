import assert from "node:assert/strict";
import { parseLessonText } from "./lesson_text.ts";

const GOOD = `---
id: 99-demo
title: Demo
goals: [one]
steps:
  - id: first
    title: First
    checks: [a]
  - id: second
    title: Second
---

Intro text.

## first

Look at the packet list.

## second

Done.
`;

Deno.test("parseLessonText() reads frontmatter, intro and one section per step", () => {
  const t = parseLessonText(GOOD, "demo.md");
  assert.equal(t.id, "99-demo");
  assert.deepEqual(t.goals, ["one"]);
  assert.equal(t.intro, "Intro text.");
  assert.deepEqual(t.steps.map((s) => [s.id, s.checks, s.body]), [
    ["first", ["a"], "Look at the packet list."],
    ["second", [], "Done."],
  ]);
});

Deno.test("parseLessonText() names the file and the step when a section is missing", () => {
  assert.throws(
    () => parseLessonText(GOOD.replace("## second\n\nDone.\n", ""), "demo.md"),
    /Cannot load lesson demo.md: step 'second' has no '## second' section/,
  );
});

Deno.test("parseLessonText() refuses a section that no step lists", () => {
  assert.throws(
    () => parseLessonText(GOOD + "\n## third\n\nExtra.\n", "demo.md"),
    /section '## third' that no step lists/,
  );
});

Deno.test("parseLessonText() refuses missing frontmatter and duplicate step ids", () => {
  assert.throws(() => parseLessonText("# no frontmatter", "x.md"), /frontmatter block/);
  const dup = GOOD.replace("id: second", "id: first");
  assert.throws(() => parseLessonText(dup, "x.md"), /two steps have the id 'first'/);
});
