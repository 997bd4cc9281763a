import assert from "node:assert/strict";
import type { Packet } from "./codec/mod.ts";
import { encode } from "./_codec.ts";
import { type PacketEvent, Tap } from "./tap.ts";

const publish = (topic: string, size: number): Packet => ({
  type: "PUBLISH",
  dup: false,
  qos: 0,
  retain: false,
  topic,
  payload: new Uint8Array(size).fill(7),
});

function record(tap: Tap, packet: Packet, direction: "in" | "out" = "in") {
  tap.record(5, 1, "c", "virtual", "board-1", direction, encode(packet, 4), packet, 4);
}

Deno.test("Tap: get() and recent() rebuild the events, packets decoded again", () => {
  const tap = new Tap(4, 1024);
  record(tap, publish("a", 3));
  record(tap, { type: "PINGRESP" }, "out");
  const ev = tap.get(1)!;
  assert.deepEqual(ev, {
    seq: 1,
    atUs: 5,
    connectionId: 1,
    clientId: "c",
    transport: "virtual",
    remoteAddress: "board-1",
    direction: "in",
    bytes: encode(publish("a", 3), 4),
    packet: publish("a", 3),
    level: 4,
  });
  assert.deepEqual(tap.recent().map((e) => [e.seq, e.direction, e.packet.type]), [
    [1, "in", "PUBLISH"],
    [2, "out", "PINGRESP"],
  ]);
  assert.equal(tap.get(3), undefined);
  assert.equal(tap.get(0), undefined);
});

Deno.test("Tap: the ring keeps the last `capacity` events and forgets overwritten bytes", () => {
  const tap = new Tap(8, 80); // room for 8 events but only 5 frames of 16 bytes
  for (let i = 0; i < 7; i++) record(tap, publish(`t${i}`, 10));
  assert.deepEqual(tap.recent().map((e) => e.seq), [3, 4, 5, 6, 7]);
  assert.equal(tap.get(2), undefined);
  assert.equal((tap.get(7)!.packet as { topic: string }).topic, "t6");
  const small = new Tap(2, 1024);
  for (let i = 0; i < 5; i++) record(small, publish(`t${i}`, 1));
  assert.deepEqual(small.recent().map((e) => e.seq), [4, 5]);
});

Deno.test("Tap: frames too large for the byte ring are kept by reference", () => {
  const tap = new Tap(3, 64);
  record(tap, publish("big", 100));
  record(tap, publish("small", 1));
  assert.equal(tap.get(1)!.bytes.length, 107);
  assert.equal((tap.get(2)!.packet as { topic: string }).topic, "small");
});

Deno.test("Tap: listeners get the live event with the broker's own objects", () => {
  const tap = new Tap(2, 1024);
  const seen: PacketEvent[] = [];
  const stop = tap.listen((e) => seen.push(e));
  const packet = publish("x", 1);
  const bytes = encode(packet, 4);
  tap.record(0, 9, undefined, "tcp", "127.0.0.1:5", "out", bytes, packet, 4);
  stop();
  record(tap, publish("y", 1));
  assert.equal(seen.length, 1);
  assert.equal(seen[0].packet, packet);
  assert.equal(seen[0].bytes, bytes);
  assert.equal(tap.nextSeq, 3);
});
