import assert from "node:assert/strict";
import { SeededRandom } from "../../sim/mod.ts";
import { VECTORS } from "./_vectors.ts";
import {
  CodecError,
  type DecodedFrame,
  Decoder,
  type Packet,
  type ProtocolLevel,
  ReasonCode,
} from "./mod.ts";

/** The vectors of one level as one byte stream, starting with a CONNECT that sets the level. */
function stream(
  level: ProtocolLevel,
): { bytes: Uint8Array; packets: Packet[]; frames: Uint8Array[] } {
  const vs = VECTORS.filter((v) =>
    v.level === level || (level === 4 && v.level === 3 && v.packet.type !== "CONNECT")
  );
  const frames = vs.map((v) => new Uint8Array(v.bytes));
  const bytes = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
  let pos = 0;
  for (const f of frames) {
    bytes.set(f, pos);
    pos += f.length;
  }
  return { bytes, packets: vs.map((v) => v.packet), frames };
}

function pushAll(d: Decoder, chunks: Uint8Array[]): DecodedFrame[] {
  return chunks.flatMap((c) => d.push(c));
}

for (const level of [4, 5] as ProtocolLevel[]) {
  const s = stream(level);

  Deno.test(`Decoder reads glued frames from one chunk (level ${level})`, () => {
    const out = new Decoder({ level }).push(s.bytes);
    assert.deepEqual(out.map((f) => f.packet), s.packets);
    assert.deepEqual(out.map((f) => f.bytes), s.frames);
  });

  Deno.test(`Decoder reads frames split at every byte boundary (level ${level})`, () => {
    for (let cut = 0; cut <= s.bytes.length; cut++) {
      const d = new Decoder({ level });
      const out = pushAll(d, [s.bytes.slice(0, cut), s.bytes.slice(cut)]);
      assert.deepEqual(out.map((f) => f.packet), s.packets, `cut at ${cut}`);
      assert.equal(d.buffered, 0);
    }
  });

  Deno.test(`Decoder reads frames fed one byte at a time (level ${level})`, () => {
    const d = new Decoder({ level });
    const out = pushAll(d, [...s.bytes].map((b) => new Uint8Array([b])));
    assert.deepEqual(out.map((f) => f.packet), s.packets);
    assert.deepEqual(out.map((f) => f.bytes), s.frames);
  });

  Deno.test(`Decoder reads frames in seeded random chunks (level ${level})`, () => {
    const r = new SeededRandom(level);
    for (let round = 0; round < 200; round++) {
      const chunks: Uint8Array[] = [];
      for (let pos = 0; pos < s.bytes.length;) {
        const n = r.int(0, 40);
        chunks.push(s.bytes.slice(pos, pos + n));
        pos += n;
      }
      const out = pushAll(new Decoder({ level }), chunks);
      assert.deepEqual(out.map((f) => f.packet), s.packets, `round ${round}`);
    }
  });
}

Deno.test("Decoder learns the protocol level from the CONNECT it decodes", () => {
  const s = stream(5);
  const d = new Decoder(); // a server: starts at 4
  assert.equal(d.level, 4);
  const out = d.push(s.bytes);
  assert.equal(d.level, 5);
  assert.deepEqual(out.map((f) => f.packet), s.packets);
});

Deno.test("Decoder hands out frames as views of the chunk, without copying", () => {
  const chunk = new Uint8Array([0xc0, 0, 0xd0, 0]);
  const out = new Decoder().push(chunk);
  assert.equal(out.length, 2);
  assert.equal(out[1].bytes.buffer, chunk.buffer);
  assert.equal(out[1].bytes.byteOffset, 2);
});

Deno.test("Decoder refuses a frame over maxPacketSize from its header, before buffering the body", () => {
  const d = new Decoder({ maxPacketSize: 100 });
  // PUBLISH announcing 1000 bytes: 0xe8 0x07 = 1000
  assert.throws(() => d.push(new Uint8Array([0x30, 0xe8, 0x07])), (e: unknown) => {
    assert.ok(e instanceof CodecError);
    assert.equal(e.reasonCode, ReasonCode.PacketTooLarge);
    assert.match(e.message, /exceeds the maximum of 100/);
    return true;
  });
  assert.equal(d.buffered, 0);
});

Deno.test("Decoder refuses a remaining length of more than 4 bytes as soon as the 5th byte arrives", () => {
  const d = new Decoder();
  for (const b of [0x30, 0xff, 0xff, 0xff]) assert.deepEqual(d.push(new Uint8Array([b])), []);
  assert.throws(() => d.push(new Uint8Array([0xff])), (e: unknown) => {
    assert.ok(e instanceof CodecError);
    assert.equal(e.rule, "MQTT-1.5.5");
    assert.equal(e.reasonCode, ReasonCode.MalformedPacket);
    return true;
  });
});

Deno.test("Decoder refuses reserved flags from the first byte alone", () => {
  assert.throws(() => new Decoder().push(new Uint8Array([0x41])), /MQTT-2\.2\.2-1/);
});

Deno.test("Decoder stays failed after an error: every later push() throws the same CodecError", () => {
  const d = new Decoder();
  let first: unknown;
  try {
    d.push(new Uint8Array([0x00, 0x00]));
  } catch (e) {
    first = e;
  }
  assert.ok(first instanceof CodecError);
  assert.throws(() => d.push(new Uint8Array([0xc0, 0])), (e: unknown) => e === first);
});

Deno.test("Decoder buffers a partial body only up to the frame's size", () => {
  const d = new Decoder();
  const payload = new Uint8Array(10_000).fill(7);
  const frame = new Uint8Array([0x30, 0x93, 0x4e, 0, 1, 0x61, ...payload]); // remaining 10003
  assert.deepEqual(d.push(frame.subarray(0, 5000)), []);
  assert.equal(d.buffered, 5000);
  const out = d.push(frame.subarray(5000));
  assert.equal(out.length, 1);
  assert.equal((out[0].packet as { payload: Uint8Array }).payload.length, 10_000);
  assert.equal(d.buffered, 0);
});

Deno.test("Decoder adopts the level of a CONNECT that fails after its level byte, to answer in kind", () => {
  const d = new Decoder();
  // CONNECT 5.0 whose properties hold an unknown identifier 0x05
  const frame = new Uint8Array([0x10, 14, 0, 4, 0x4d, 0x51, 0x54, 0x54, 5, 2, 0, 0, 2, 0x05, 0, 0]);
  assert.throws(() => d.push(frame), (e: unknown) => {
    assert.ok(e instanceof CodecError);
    assert.equal(e.protocolLevel, 5);
    assert.equal(e.rule, "MQTT-2.2.2.2");
    return true;
  });
  assert.equal(d.level, 5);
});

Deno.test("Decoder.push() hands the good frames before bad bytes to the error, and stays failed", () => {
  const decoder = new Decoder({ level: 4 });
  const chunk = new Uint8Array([0xc0, 0x00, 0xd0, 0x00, 0x00, 0x00]); // PINGREQ, PINGRESP, type 0
  let error: CodecError | undefined;
  try {
    decoder.push(chunk);
  } catch (e) {
    error = e as CodecError;
  }
  assert.ok(error instanceof CodecError);
  assert.deepEqual(error.framesBefore?.map((f) => f.packet.type), ["PINGREQ", "PINGRESP"]);
  assert.throws(() => decoder.push(new Uint8Array([0xc0, 0x00])), CodecError);
});
