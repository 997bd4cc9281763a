import assert from "node:assert/strict";
import { QuietGate } from "./gate.ts";

Deno.test("QuietGate runs work at once while the world is quiet, in arrival order", () => {
  const gate = new QuietGate(() => ({ settled: () => undefined }));
  const done: number[] = [];
  gate.run(() => done.push(1));
  gate.run(() => done.push(2));
  assert.deepEqual(done, [1, 2]);
});

Deno.test("QuietGate holds work while board code runs and keeps the order", async () => {
  let release!: () => void;
  let busy: Promise<void> | undefined = new Promise((r) => (release = r));
  const gate = new QuietGate(() => ({ settled: () => busy }));
  const done: string[] = [];
  gate.run(() => done.push("a"));
  const result = gate.call(() => (done.push("b"), 42));
  assert.deepEqual(done, []);
  busy = undefined;
  release();
  assert.equal(await result, 42);
  assert.deepEqual(done, ["a", "b"]);
});
