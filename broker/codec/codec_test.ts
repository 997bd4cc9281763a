import assert from "node:assert/strict";
import { coverageProblems } from "./_coverage.ts";
import { VECTORS } from "./_vectors.ts";
import { decodeFrame, Decoder, dissect, encode, summarize } from "./mod.ts";

for (const v of VECTORS) {
  const bytes = new Uint8Array(v.bytes);
  Deno.test(`decode() reads the vector: ${v.name}`, () => {
    assert.equal(bytes[1] + 2, bytes.length, "vector's remaining length matches its bytes");
    assert.deepEqual(decodeFrame(bytes, v.level), v.packet);
  });
  Deno.test(`encode() writes the vector: ${v.name}`, () => {
    assert.deepEqual(encode(v.packet, v.level), bytes);
  });
  Deno.test(`round trip decode(encode()) keeps the packet: ${v.name}`, () => {
    const d = new Decoder({ level: v.level });
    const frames = d.push(encode(v.packet, v.level));
    assert.equal(frames.length, 1);
    assert.deepEqual(frames[0].packet, v.packet);
    assert.deepEqual(frames[0].bytes, bytes);
  });
  Deno.test(`dissect() covers every byte once: ${v.name}`, () => {
    const fields = dissect(bytes, v.level);
    assert.deepEqual(coverageProblems(fields, bytes.length), []);
    assert.ok(
      !fields.some((f) => f.name === "error" || f.name === "unparsed" || f.name === "trailing"),
    );
  });
}

Deno.test("summarize() writes the textbook's PUBLISH as in the inspector", () => {
  const v = VECTORS.find((v) => v.name.startsWith("textbook PUBLISH"))!;
  assert.equal(summarize(v.packet), `PUBLISH qos0 /public/pz_esp32/1 "Hello PRECHIN" (13 B)`);
});

Deno.test("summarize() writes one line for every vector", () => {
  for (const v of VECTORS) {
    const s = summarize(v.packet);
    assert.ok(s.startsWith(v.packet.type), s);
    assert.ok(!s.includes("\n"), s);
  }
  const connect = VECTORS.find((v) => v.name.startsWith("blog CONNECT"))!;
  assert.equal(
    summarize(connect.packet),
    `CONNECT MQTT 3.1.1 client "esp32_client_001" clean keepalive 0s user "esp32_client_001" password ***`,
  );
});
