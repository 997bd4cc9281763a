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

Deno.test("a seat filter keeps the rows the resolver gives that seat, and re-filters when told", () => {
  const model = createPacketsModel(1_000);
  model.enqueue([
    row(1, "CONNECT", undefined, "s1-board"),
    row(2, "PUBLISH", "class/seat01/led", "s1-board"),
    row(3, "PUBLISH", "class/seat02/led", "s2-board"),
    row(4, "PUBLISH", "class/seat01/led", "teacher"),
  ]);
  const known = new Map([["s1-board", "seat01"]]);
  const seatOf = (abs: number) => {
    const client = model.store.clients.values[model.store.clientIdIndex(abs)];
    const topic = model.store.topics.values[model.store.topicId(abs)] ?? "";
    return known.get(client) ?? /^class\/(seat\d+)\//.exec(topic)?.[1];
  };
  model.setSeatResolver(seatOf);
  model.setFilter({ seat: "seat01" });
  const seqs = () =>
    Array.from({ length: model.viewLength() }, (_, k) => model.store.seq(model.viewAt(k)));
  assert.deepEqual(seqs(), [1, 2, 4]);
  model.enqueue([row(5, "PINGREQ", undefined, "s2-board")]);
  assert.deepEqual(seqs(), [1, 2, 4]);
  known.set("s2-board", "seat01"); // learned late: the resolver re-filters the view
  model.setSeatResolver(seatOf);
  assert.deepEqual(seqs(), [1, 2, 3, 4, 5]);
  model.setFilter({ seat: "" });
  assert.equal(model.viewLength(), 5);
});
