import assert from "node:assert/strict";
import type { PacketRow } from "../protocol.ts";
import { PacketStore, topicMatches } from "./packet_store.ts";

function row(seq: number, extra: Partial<PacketRow> = {}): PacketRow {
  return {
    seq,
    atUs: seq * 1_000,
    connectionId: 1,
    clientId: "PZ-ESP32",
    transport: "virtual",
    direction: "in",
    peer: "board:publisher",
    type: "PUBLISH",
    summary: `PUBLISH #${seq}`,
    topic: "/public/pz_esp32/1",
    qos: 0,
    size: 35,
    level: 4,
    ...extra,
  };
}

Deno.test("PacketStore gives back the rows it was given, field for field", () => {
  const store = new PacketStore(10);
  const a = row(1, { retain: true, dup: true, qos: 1 });
  const b = row(2, { type: "PINGREQ", topic: undefined, qos: undefined, clientId: undefined });
  store.append(a);
  store.append(b);
  assert.deepEqual(store.row(0), a);
  const { topic: _t, qos: _q, clientId: _c, ...plain } = b;
  assert.deepEqual(store.row(1), plain);
});

Deno.test("PacketStore keeps the newest rows when full, and finds rows by seq", () => {
  const store = new PacketStore(100);
  for (let seq = 1; seq <= 250; seq++) store.append(row(seq));
  assert.equal(store.size, 100);
  assert.equal(store.oldest, 150);
  assert.equal(store.seq(store.oldest), 151);
  assert.equal(store.findSeq(151), 150);
  assert.equal(store.findSeq(250), 249);
  assert.equal(store.findSeq(150), -1, "evicted");
  assert.equal(store.row(249).summary, "PUBLISH #250");
});

Deno.test("topicMatches follows MQTT wildcards", () => {
  assert.ok(topicMatches("/public/+/1", "/public/pz_esp32/1"));
  assert.ok(topicMatches("esp32/#", "esp32/publish"));
  assert.ok(topicMatches("esp32/#", "esp32"));
  assert.ok(!topicMatches("esp32/+", "esp32/a/b"));
  assert.ok(!topicMatches("a/b", "a/b/c"));
});
