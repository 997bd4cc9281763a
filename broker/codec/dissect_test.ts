import assert from "node:assert/strict";
import { coverageProblems } from "./_coverage.ts";
import { VECTORS } from "./_vectors.ts";
import { dissect, type Field } from "./mod.ts";

/** Leaves in order, as "name [start,end) value". */
function leaves(fields: Field[]): Field[] {
  return fields.flatMap((f) => f.children ? leaves(f.children) : [f]);
}

function find(fields: Field[], name: string): Field | undefined {
  for (const f of fields) {
    if (f.name === name) return f;
    const c = f.children && find(f.children, name);
    if (c) return c;
  }
  return undefined;
}

const bytesOf = (prefix: string) =>
  new Uint8Array(VECTORS.find((v) => v.name.startsWith(prefix))!.bytes);

Deno.test("dissect() lays out the textbook PUBLISH field by field", () => {
  const fields = dissect(bytesOf("textbook PUBLISH"), 4);
  const got = leaves(fields).map((f) => [f.name, f.start, f.end, f.bits, f.value]);
  assert.deepEqual(got, [
    ["fixedHeader.packetType", 0, 1, [7, 4], "PUBLISH"],
    ["fixedHeader.dup", 0, 1, [3, 3], false],
    ["fixedHeader.qos", 0, 1, [2, 1], 0],
    ["fixedHeader.retain", 0, 1, [0, 0], false],
    ["fixedHeader.remainingLength", 1, 2, undefined, 33],
    ["variableHeader.topic.length", 2, 4, undefined, 18],
    ["variableHeader.topic.value", 4, 22, undefined, "/public/pz_esp32/1"],
    ["payload", 22, 35, undefined, "Hello PRECHIN"],
  ]);
  assert.equal(find(fields, "variableHeader.topic")?.value, "/public/pz_esp32/1");
  assert.equal(find(fields, "payload")?.spec, "3.3.3");
});

Deno.test("dissect() splits the CONNECT flags byte into its bits", () => {
  const fields = dissect(bytesOf("blog CONNECT"), 4);
  const flags = find(fields, "variableHeader.connectFlags")!;
  assert.equal(flags.value, "0b11000010");
  assert.deepEqual(
    flags.children!.map((f) => [f.name.split(".").pop(), f.bits, f.value]),
    [
      ["username", [7, 7], true],
      ["password", [6, 6], true],
      ["willRetain", [5, 5], false],
      ["willQos", [4, 3], 0],
      ["will", [2, 2], false],
      ["cleanStart", [1, 1], true],
      ["reserved", [0, 0], 0],
    ],
  );
  assert.equal(find(fields, "payload.username")?.value, "esp32_client_001");
  assert.equal(find(fields, "payload.password.value")?.value, "xxxxxx");
});

Deno.test("dissect() names each MQTT 5 property with its identifier byte", () => {
  const v = VECTORS.find((v) => v.name.startsWith("PUBLISH 5.0 qos 2"))!;
  const fields = dissect(new Uint8Array(v.bytes), 5);
  const props = find(fields, "variableHeader.properties")!;
  assert.deepEqual(
    props.children!.map((f) => [f.label, f.value]),
    [
      ["Property Length", 28],
      ["Payload Format Indicator", 1],
      ["Content Type", "json"],
      ["Subscription Identifier", 1],
      ["Subscription Identifier", 200],
      ["User Property", ["k", "1"]],
      ["User Property", ["k", "2"]],
    ],
  );
  const sid = props.children![4];
  assert.deepEqual([sid.start, sid.end], [19, 22]); // 0x0b 0xc8 0x01
});

Deno.test("dissect() of a frame cut short ends in an 'unparsed' field and still covers every byte", () => {
  const full = bytesOf("blog CONNECT");
  for (let n = 1; n < full.length; n++) {
    const cut = full.subarray(0, n);
    const fields = dissect(cut, 4);
    assert.deepEqual(coverageProblems(fields, n), [], `cut at ${n}`);
  }
  const fields = dissect(full.subarray(0, 20), 4);
  const last = fields[fields.length - 1];
  assert.equal(last.name, "unparsed");
  assert.equal(last.end, 20);
});

Deno.test("dissect() reports a rule the frame breaks as a zero-width 'error' field with its spec", () => {
  // PUBLISH to a/+ : dissectable, but a topic name may not hold a wildcard
  const frame = new Uint8Array([0x30, 6, 0, 3, 0x61, 0x2f, 0x2b, 0x78]);
  const fields = dissect(frame, 4);
  assert.deepEqual(coverageProblems(fields, frame.length), []);
  const error = fields.find((f) => f.name === "error")!;
  assert.equal(error.spec, "MQTT-3.3.2-2");
  assert.equal(error.start, error.end);
  assert.match(error.note!, /wildcard '\+'/);
});

Deno.test("dissect() marks bytes after the packet's end as 'trailing'", () => {
  const frame = new Uint8Array([0x40, 3, 0, 1, 9]); // 3.1.1 PUBACK with one byte too many
  const fields = dissect(frame, 4);
  assert.deepEqual(coverageProblems(fields, frame.length), []);
  const t = fields.find((f) => f.name === "trailing")!;
  assert.deepEqual([t.start, t.end], [4, 5]);
});

Deno.test("dissect() of an empty frame is empty, and of any single byte covers it", () => {
  assert.deepEqual(dissect(new Uint8Array(), 4), []);
  for (let b = 0; b < 256; b++) {
    assert.deepEqual(coverageProblems(dissect(new Uint8Array([b]), 5), 1), [], `byte ${b}`);
  }
});
