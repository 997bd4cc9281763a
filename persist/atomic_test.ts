import assert from "node:assert/strict";
import { writeFileAtomic, writeFileAtomicSync } from "./atomic.ts";
import { DataDir, safeName } from "./data_dir.ts";

Deno.test("writeFileAtomic() replaces the file and leaves no temporary file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/state.json`;
    await writeFileAtomic(path, "old");
    await writeFileAtomic(path, "new");
    writeFileAtomicSync(path, "newer");
    assert.equal(await Deno.readTextFile(path), "newer");
    const names = [...Deno.readDirSync(dir)].map((e) => e.name);
    assert.deepEqual(names, ["state.json"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeFileAtomic() into a missing folder fails saying which file", async () => {
  await assert.rejects(() => writeFileAtomic("/nonexistent-dir-x/a.json", "{}"), /Cannot save/);
});

Deno.test("DataDir.open() removes the temporary files a killed save left", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${root}/progress`);
    await Deno.writeTextFile(`${root}/progress/.01.json.tmp-123-4`, "{half");
    await Deno.writeTextFile(`${root}/progress/01.json`, '{"done":true}');
    const dir = await DataDir.open(root);
    assert.deepEqual([...Deno.readDirSync(`${root}/progress`)].map((e) => e.name), ["01.json"]);
    assert.deepEqual(await dir.readJson("progress", "01.json"), { done: true });
    assert.equal(await dir.readJson("progress", "02.json"), undefined);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("safeName() keeps readable names and cannot leave the folder", () => {
  assert.equal(safeName("lesson-04-reference"), "lesson-04-reference");
  assert.equal(safeName("main.py"), "main.py");
  assert.equal(safeName("../etc"), "%2e.%2fetc");
  assert.equal(safeName("a b/c"), "a%20b%2fc");
  assert.throws(() => safeName(""), /empty name/);
});
