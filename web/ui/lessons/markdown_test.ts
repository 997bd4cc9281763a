import assert from "node:assert/strict";
import { loadLessons } from "../../../lessons/mod.ts";
import { parseInline, parseMarkdown } from "./markdown.ts";

Deno.test("parseMarkdown() reads the blocks the lessons use", () => {
  const blocks = parseMarkdown(
    "Open the **board panel**.\nIt blinks.\n\n```python\nled1.value(1)\n```\n\n" +
      "- one\n- two `x`\n\n| Code | Name |\n| --- | --- |\n| 1010 | `STAT_GOT_IP` |\n",
  );
  assert.deepEqual(blocks.map((b) => b.kind), ["paragraph", "code", "list", "table"]);
  assert.deepEqual(blocks[1], { kind: "code", lang: "python", text: "led1.value(1)" });
  const table = blocks[3];
  assert.ok(table.kind === "table");
  assert.deepEqual(table.rows[0][1], [{ kind: "code", text: "STAT_GOT_IP" }]);
});

Deno.test("parseInline() keeps Chinese text and marks code and bold", () => {
  assert.deepEqual(parseInline("看 **报文列表** 里的 `CONNECT`"), [
    { kind: "text", text: "看 " },
    { kind: "bold", text: "报文列表" },
    { kind: "text", text: " 里的 " },
    { kind: "code", text: "CONNECT" },
  ]);
});

Deno.test("every lesson's text parses into clean blocks (no stray fences or table rows)", async () => {
  for (const lesson of await loadLessons()) {
    for (const lang of ["zh", "en"] as const) {
      const text = lesson.text[lang];
      for (const source of [text.intro, ...text.steps.map((s) => s.body)]) {
        for (const block of parseMarkdown(source)) {
          if (block.kind !== "paragraph") continue;
          const plain = block.inlines.map((i) => i.text).join("");
          assert.ok(
            !plain.includes("```") && !plain.startsWith("|"),
            `${lesson.id} ${lang}: ${plain}`,
          );
        }
      }
    }
  }
});
