import assert from "node:assert/strict";
import { dissect, encode } from "../../broker/codec/mod.ts";
import type { PacketRow } from "../protocol.ts";
import { createPacketsModel, fieldAt, fieldPathAtByte } from "./packets_model.ts";

// The model applies rows once per animation frame; Deno has no frames, so run them now.
const g = globalThis as unknown as { requestAnimationFrame: (cb: () => void) => number };
g.requestAnimationFrame ??= (cb) => (cb(), 0);

const publish = encode({
  type: "PUBLISH",
  dup: false,
  qos: 1,
  retain: false,
  topic: "/public/pz_esp32/1",
  packetId: 7,
  payload: new TextEncoder().encode("Hello PRECHIN"),
}, 4);

Deno.test("a click on a byte selects the narrowest field there", () => {
  const fields = dissect(publish, 4);
  const at = (offset: number) => fieldAt(fields, fieldPathAtByte(fields, offset)!)!.name;
  assert.equal(at(0), "fixedHeader.packetType", "the first byte: its packet type bits");
  assert.equal(at(1), "fixedHeader.remainingLength");
  assert.equal(at(2), "variableHeader.topic.length");
  assert.equal(at(5), "variableHeader.topic.value");
  assert.equal(at(22), "variableHeader.packetId");
  assert.equal(at(publish.length - 1), "payload");
});

function row(seq: number, type: PacketRow["type"], topic?: string, clientId = "a"): PacketRow {
  return {
    seq,
    atUs: seq,
    connectionId: 1,
    clientId,
    transport: "virtual",
    direction: "in",
    peer: `board:${clientId}`,
    type,
    summary: type,
    topic,
    size: 2,
    level: 4,
  };
}

Deno.test("filters narrow the view by type, client and topic, and keep up with new rows", () => {
  const model = createPacketsModel(1_000);
  model.enqueue([
    row(1, "CONNECT"),
    row(2, "PUBLISH", "esp32/publish"),
    row(3, "PUBLISH", "/public/pz_esp32/1", "b"),
  ]);
  assert.equal(model.viewLength(), 3);
  model.setFilter({ type: "PUBLISH" });
  assert.equal(model.viewLength(), 2);
  model.setFilter({ topic: "/public/+/1" });
  assert.equal(model.viewLength(), 1);
  assert.equal(model.store.seq(model.viewAt(0)), 3);
  model.enqueue([row(4, "PUBLISH", "/public/x/1"), row(5, "PUBACK")]);
  assert.equal(model.viewLength(), 2);
  model.setFilter({ type: "", topic: "", client: "b" });
  assert.equal(model.viewLength(), 1);
  assert.deepEqual(model.knownClients.value.includes("board:b"), true);
  assert.deepEqual(model.publishers.value.sort(), ["board:a", "board:b"]);
});
