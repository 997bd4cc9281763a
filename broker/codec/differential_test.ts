/**
 * Differential test against npm:mqtt-packet: seeded random packets of every type and level,
 * encoded by one codec and decoded by the other, both ways. Zero mismatches allowed. Every
 * frame either codec produced is also dissected, and must be covered byte for byte.
 */
import assert from "node:assert/strict";
import { SeededRandom } from "../../sim/mod.ts";
import { coverageProblems } from "./_coverage.ts";
import { PACKET_TYPES, randomPacket } from "./_generate.ts";
import { fromMqttPacket, mqttGenerate, mqttParse, normalize } from "./_mqtt_packet.ts";
import { decodeFrame, dissect, encode, type ProtocolLevel } from "./mod.ts";

/** Packets per (type, level). */
const PER_TYPE = 2000;

for (const level of [3, 4, 5] as ProtocolLevel[]) {
  for (const type of PACKET_TYPES) {
    if (type === "AUTH" && level !== 5) continue;
    Deno.test(`differential: ${PER_TYPE} ${type} packets at level ${level} agree with mqtt-packet both ways`, () => {
      const r = new SeededRandom(0xc0dec + level * 100 + PACKET_TYPES.indexOf(type));
      for (let i = 0; i < PER_TYPE; i++) {
        const packet = randomPacket(r, type, level);
        const expected = normalize(packet, level);
        const context = () => `${type} #${i} at level ${level}: ${JSON.stringify(packet)}`;

        // ours -> theirs
        const ours = encode(packet, level);
        const parsed = mqttParse(ours, level);
        assert.equal(parsed.error, undefined, `mqtt-packet refused our bytes: ${context()}`);
        assert.equal(parsed.packets.length, 1, context());
        assert.deepEqual(fromMqttPacket(parsed.packets[0], level), expected, context());

        // theirs -> ours
        const theirs = mqttGenerate(packet, level);
        assert.deepEqual(normalize(decodeFrame(theirs, level), level), expected, context());

        // without properties there is one encoding: the bytes must match too
        if (level !== 5) assert.deepEqual(ours, theirs, `bytes differ: ${context()}`);

        for (const frame of [ours, theirs]) {
          const problems = coverageProblems(dissect(frame, level), frame.length);
          assert.deepEqual(problems, [], context());
        }
      }
    });
  }
}
