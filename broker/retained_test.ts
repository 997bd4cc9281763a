import assert from "node:assert/strict";
import type { Message } from "./message.ts";
import { RetainedStore } from "./retained.ts";

const msg = (topic: string, size: number, extra: Partial<Message> = {}): Message => ({
  topic,
  payload: new Uint8Array(size),
  qos: 0,
  retain: true,
  ...extra,
});

Deno.test("RetainedStore: set, replace, clear with an empty payload, match by filter", () => {
  const store = new RetainedStore();
  store.set(msg("a/b", 3));
  store.set(msg("a/b", 5));
  store.set(msg("a/c", 1));
  store.set(msg("$SYS/x", 1));
  assert.equal(store.size, 3);
  assert.equal(store.payloadBytes, 7);
  assert.deepEqual(store.match("a/+", 0).map((m) => m.topic).sort(), ["a/b", "a/c"]);
  assert.deepEqual(store.match("#", 0).map((m) => m.topic).sort(), ["a/b", "a/c"]);
  store.set(msg("a/b", 0)); // [MQTT-3.3.1-10]
  assert.deepEqual(store.match("a/b", 0), []);
  assert.equal(store.payloadBytes, 2);
});

Deno.test("RetainedStore: bounded by count and bytes; expired messages are dropped", () => {
  const store = new RetainedStore(2, 10);
  assert.equal(store.set(msg("a", 4)), true);
  assert.equal(store.set(msg("b", 4)), true);
  assert.equal(store.set(msg("c", 1)), false); // count
  assert.equal(store.set(msg("a", 7)), false); // bytes: 7 + 4 > 10
  assert.equal(store.set(msg("a", 6)), true); // replacing within the budget
  store.set(msg("b", 1, { expiryAtUs: 100 }));
  assert.deepEqual(store.match("b", 99).length, 1);
  assert.deepEqual(store.match("b", 100), []);
  assert.equal(store.size, 1);
});

Deno.test("RetainedStore: keeps only the payload's own bytes, not the whole read it came from", () => {
  const read = new Uint8Array(64 * 1024);
  const store = new RetainedStore();
  store.set(msg("t", 0, { payload: read.subarray(10, 14) }));
  assert.equal(store.get("t")!.payload.buffer.byteLength, 4);
});
