/**
 * A kill -9 in the middle of a save loop loses no earlier data: a child process saves a
 * large document again and again (atomically: temp file, fsync, rename); the parent kills
 * it with SIGKILL at a moment it does not choose, then finds the file whole and parseable,
 * holding the last save the child reported or a later one. At least five kills, and
 * more until one lands in the middle of a write (a temporary file left behind, which
 * DataDir.open() then removes).
 */
import assert from "node:assert/strict";

const CHILD = `
import { DataDir } from ${JSON.stringify(new URL("../persist/mod.ts", import.meta.url).href)};
const dir = await DataDir.open(Deno.args[0]);
for (let i = 1; ; i++) {
  // 8 MB: most of each iteration is the write itself, where a kill hurts
  await dir.writeJson({ i, data: String(i % 10).repeat(8_000_000), end: "complete" }, "state.json");
  console.log("saved " + i);
}
`;

interface Outcome {
  lastReported: number;
  found: number;
  tempLeft: boolean;
}

async function killMidSave(root: string, childPath: string, delayMs: number): Promise<Outcome> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", childPath, root],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  let lastReported = 0;
  let text = "";
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  /** Reads output; false once the child's stdout has ended. */
  const readMore = async (): Promise<boolean> => {
    const { value, done } = await reader.read();
    if (done) return false;
    text += value;
    const saved = [...text.matchAll(/saved (\d+)\n/g)];
    if (saved.length > 0) lastReported = Number(saved.at(-1)![1]);
    return true;
  };
  // let a few saves complete, then kill after a delay that falls anywhere in a save
  while (lastReported < 3) {
    if (!(await readMore())) throw new Error("the child stopped before saving");
  }
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill("SIGKILL");
  while (await readMore()) { /* what it reported before it died */ }
  const status = await child.status;
  assert.equal(status.signal, "SIGKILL");
  const doc = JSON.parse(await Deno.readTextFile(`${root}/state.json`));
  assert.equal(doc.end, "complete");
  assert.equal(doc.data, String(doc.i % 10).repeat(8_000_000), "the data is from the same save");
  const tempLeft = [...Deno.readDirSync(root)].some((e) => e.name.includes(".tmp-"));
  return { lastReported, found: doc.i, tempLeft };
}

Deno.test("SIGKILL during a save loop leaves the previous file whole and parseable", async () => {
  const root = await Deno.makeTempDir();
  const childPath = `${root}-child.ts`;
  await Deno.writeTextFile(childPath, CHILD);
  try {
    let interrupted = 0;
    for (let attempt = 0; attempt < 5 || (interrupted === 0 && attempt < 30); attempt++) {
      const outcome = await killMidSave(root, childPath, (attempt * 7) % 40);
      assert.ok(
        outcome.found >= outcome.lastReported,
        `the file holds save ${outcome.found}, older than the reported ${outcome.lastReported}`,
      );
      if (outcome.tempLeft) interrupted++;
    }
    assert.ok(interrupted > 0, "at least one kill landed in the middle of a write");
    // the next start cleans up what the killed write left
    const { DataDir } = await import("../persist/mod.ts");
    await DataDir.open(root);
    assert.deepEqual([...Deno.readDirSync(root)].map((e) => e.name), ["state.json"]);
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(childPath);
  }
});
