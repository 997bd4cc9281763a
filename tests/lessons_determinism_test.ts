/** Same lesson + same seed = the same packets at the same virtual times, byte for byte. */
import assert from "node:assert/strict";
import { runLesson } from "../lessons/run.ts";

function fingerprint(run: Awaited<ReturnType<typeof runLesson>>): string[] {
  return run.log.packets.map((p) =>
    `${p.atUs} ${p.from}>${p.to} ${Array.from(p.bytes, (b) => b.toString(16)).join(".")}`
  );
}

for (const id of ["08", "09"]) {
  Deno.test(`lesson ${id} twice with one seed gives a byte-identical packet log`, async () => {
    const a = await runLesson(id, { seed: 7 });
    const b = await runLesson(id, { seed: 7 });
    assert.ok(a.log.packets.length > 0);
    assert.deepEqual(fingerprint(a), fingerprint(b));
  });
}
