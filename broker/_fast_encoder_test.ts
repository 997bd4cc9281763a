import assert from "node:assert/strict";
import { SeededRandom } from "../sim/mod.ts";
import type { ProtocolLevel, PublishPacket, QoS } from "./codec/mod.ts";
import { encode } from "./_codec.ts";
import { encodeFast, encodePublishFast } from "./_fast_encoder.ts";

Deno.test("encodePublishFast() writes exactly the codec's bytes", () => {
  const rnd = new SeededRandom(7);
  const topics = ["a", "home/led", "温度/客厅", "x".repeat(300), "$SYS/broker/uptime"];
  for (let i = 0; i < 2000; i++) {
    const qos = rnd.int(0, 3) as QoS;
    const level = rnd.pick([3, 4, 5]) as ProtocolLevel;
    const sizes = [0, 1, 100, 200, 5000, 20_000];
    const p: PublishPacket = {
      type: "PUBLISH",
      dup: qos > 0 && rnd.chance(0.3),
      qos,
      retain: rnd.chance(0.5),
      topic: rnd.pick(topics),
      packetId: qos > 0 ? rnd.int(1, 65536) : undefined,
      payload: rnd.fill(new Uint8Array(rnd.pick(sizes))),
      properties: level === 5 && rnd.chance(0.3) ? { userProperties: [["k", "v"]] } : undefined,
    };
    assert.deepEqual(encodePublishFast(p, level), encode(p, level));
  }
});

Deno.test("encodeFast() writes exactly the codec's bytes for acks and everything else", () => {
  for (const level of [3, 4, 5] as const) {
    for (const type of ["PUBACK", "PUBREC", "PUBREL", "PUBCOMP"] as const) {
      for (const packetId of [1, 255, 256, 65535]) {
        const plain = { type, packetId };
        assert.deepEqual(encodeFast(plain, level), encode(plain, level));
        if (level === 5) {
          const coded = { type, packetId, reasonCode: 0x10 };
          assert.deepEqual(encodeFast(coded, level), encode(coded, level));
        }
      }
    }
    const others = [
      { type: "PINGRESP" as const },
      { type: "SUBACK" as const, packetId: 9, reasonCodes: [0, 1, 2] },
      { type: "CONNACK" as const, sessionPresent: true, reasonCode: 0 },
    ];
    for (const p of others) assert.deepEqual(encodeFast(p, level), encode(p, level));
  }
});
