import assert from "node:assert/strict";
import { SeqRing } from "./packet_ring.ts";

Deno.test("SeqRing keeps the newest items and forgets the oldest", () => {
  const ring = new SeqRing<string>(3);
  for (const s of ["a", "b", "c", "d", "e"]) ring.push(s);
  assert.deepEqual(ring.latest(10), ["c", "d", "e"]);
  assert.deepEqual(ring.latest(2), ["d", "e"]);
  assert.equal(ring.get(2), undefined);
  assert.equal(ring.get(5), "e");
  assert.equal(ring.size, 3);
});

Deno.test("SeqRing numbers items from 1 and an empty ring has nothing", () => {
  const ring = new SeqRing<number>(4);
  assert.deepEqual(ring.latest(5), []);
  assert.equal(ring.push(42), 1);
  assert.equal(ring.get(1), 42);
  assert.throws(() => new SeqRing(0), /at least 1/);
});

Deno.test("SeqRing.clear() forgets everything but keeps numbering", () => {
  const ring = new SeqRing<string>(4);
  ring.push("a");
  ring.push("b");
  ring.clear();
  assert.deepEqual(ring.latest(10), []);
  assert.equal(ring.size, 0);
  assert.equal(ring.get(2), undefined);
  assert.equal(ring.push("c"), 3);
  assert.deepEqual(ring.latest(10), ["c"]);
});
