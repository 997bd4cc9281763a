import assert from "node:assert/strict";
import { Activity } from "./activity.ts";

Deno.test("settled() is undefined when idle and resolves when the last task leaves", async () => {
  const a = new Activity();
  assert.equal(a.settled(), undefined);
  a.enter();
  a.enter();
  let done = false;
  const settled = a.settled()!.then(() => done = true);
  a.leave();
  await Promise.resolve();
  assert.equal(done, false);
  a.leave();
  await settled;
  assert.equal(done, true);
  assert.throws(() => a.leave(), /without a matching enter/);
});
