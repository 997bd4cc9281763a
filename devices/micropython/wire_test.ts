import assert from "node:assert/strict";
import { WireReader, WireWriter } from "./wire.ts";

Deno.test("wire: values round-trip through a shared region, bytes as bytes", () => {
  const region = new Uint8Array(new SharedArrayBuffer(256));
  const values = [
    null,
    true,
    false,
    0,
    -1.5,
    3_600_000_000_123,
    "PZ-ESP32 你好",
    new Uint8Array([0, 255, 16]),
  ];
  const w = new WireWriter(region);
  for (const v of values) w.value(v);
  const r = new WireReader(region, w.length);
  for (const v of values) assert.deepEqual(r.next(), v);
  assert.equal(r.done, true);
  assert.equal(r.next(), undefined);
});

Deno.test("wire: bytesInto copies straight into a target, at most max", () => {
  const region = new Uint8Array(64);
  const w = new WireWriter(region).value(new Uint8Array([1, 2, 3, 4]));
  const r = new WireReader(region, w.length);
  assert.equal(r.peekIsBytes(), true);
  const target = new Uint8Array(3);
  assert.equal(r.bytesInto(target, 3), 3);
  assert.deepEqual([...target], [1, 2, 3]);
});

Deno.test("wire: a value too big for the region is refused with the sizes", () => {
  const w = new WireWriter(new Uint8Array(8));
  assert.throws(() => w.value(new Uint8Array(16)), /21 bytes do not fit the 8-byte region/);
});
