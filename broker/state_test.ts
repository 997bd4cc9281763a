import assert from "node:assert/strict";
import { VirtualClock } from "../sim/mod.ts";
import { Broker } from "./broker.ts";
import { str, TestPeer, text } from "./_test_peer.ts";
import type { BrokerState } from "./state.ts";

function broker() {
  return new Broker({ clock: new VirtualClock() });
}

function connect(b: Broker, id: string, cleanStart: boolean) {
  const p = new TestPeer(b, 4, "virtual", id);
  const ack = p.connect(id, { cleanStart });
  assert.equal(ack?.type, "CONNACK");
  return { peer: p, sessionPresent: ack.type === "CONNACK" && ack.sessionPresent };
}

Deno.test("exportState/importState: a persistent session's subscriptions and queued QoS 1 survive a new broker", () => {
  const before = broker();
  const keeper = connect(before, "keeper", false).peer;
  keeper.send({
    type: "SUBSCRIBE",
    packetId: 1,
    subscriptions: [{ topicFilter: "room/+/temp", qos: 1 }, {
      topicFilter: "$share/g/jobs",
      qos: 1,
    }],
  });
  assert.equal(keeper.takeType("SUBACK").length, 1);
  keeper.send({ type: "DISCONNECT" });
  const pub = connect(before, "pub", true).peer;
  for (const [i, t] of ["room/1/temp", "room/2/temp"].entries()) {
    pub.send({
      type: "PUBLISH",
      dup: false,
      qos: 1,
      retain: false,
      topic: t,
      packetId: 10 + i,
      payload: text(`${20 + i} C`),
    });
  }
  pub.send({
    type: "PUBLISH",
    dup: false,
    qos: 0,
    retain: true,
    topic: "room/1/name",
    payload: text("kitchen"),
  });
  const cleanOne = connect(before, "clean", true).peer; // not persistent: not exported
  cleanOne.send({ type: "SUBSCRIBE", packetId: 1, subscriptions: [{ topicFilter: "#", qos: 0 }] });

  const state: BrokerState = JSON.parse(JSON.stringify(before.exportState()));
  before.close();
  assert.deepEqual(state.sessions.map((s) => s.clientId), ["keeper"]);
  assert.equal(state.sessions[0].queue.length, 2);

  const after = broker();
  after.importState(state);
  const snap = after.snapshot();
  assert.deepEqual(
    snap.clients.map((c) => [c.clientId, c.connected, c.queued, c.subscriptions.length]),
    [["keeper", false, 2, 2]],
  );
  const back = connect(after, "keeper", false);
  assert.equal(back.sessionPresent, true, "CONNACK says the session is present");
  const got = back.peer.takeType("PUBLISH");
  assert.deepEqual(got.map((p) => [p.topic, str(p.payload), p.qos]), [
    ["room/1/temp", "20 C", 1],
    ["room/2/temp", "21 C", 1],
  ]);
  // the subscriptions are live again: a new message is delivered too
  const pub2 = connect(after, "pub2", true).peer;
  pub2.send({
    type: "PUBLISH",
    dup: false,
    qos: 1,
    retain: false,
    topic: "room/3/temp",
    packetId: 1,
    payload: text("22 C"),
  });
  assert.deepEqual(back.peer.takeType("PUBLISH").map((p) => p.topic), ["room/3/temp"]);
  // and the retained message is there for a new subscriber
  const late = connect(after, "late", true).peer;
  late.send({
    type: "SUBSCRIBE",
    packetId: 1,
    subscriptions: [{ topicFilter: "room/1/name", qos: 0 }],
  });
  assert.deepEqual(late.takeType("PUBLISH").map((p) => [str(p.payload), p.retain]), [[
    "kitchen",
    true,
  ]]);
});

Deno.test("exportState: unacknowledged QoS 1 is sent again with DUP after the import", () => {
  const before = broker();
  const keeper = connect(before, "keeper", false).peer;
  keeper.send({ type: "SUBSCRIBE", packetId: 1, subscriptions: [{ topicFilter: "t", qos: 1 }] });
  const pub = connect(before, "pub", true).peer;
  pub.send({
    type: "PUBLISH",
    dup: false,
    qos: 1,
    retain: false,
    topic: "t",
    packetId: 5,
    payload: text("x"),
  });
  const first = keeper.takeType("PUBLISH");
  assert.equal(first.length, 1); // never acknowledged
  const state = JSON.parse(JSON.stringify(before.exportState()));
  const after = broker();
  after.importState(state);
  const back = connect(after, "keeper", false).peer;
  const again = back.takeType("PUBLISH");
  assert.deepEqual(again.map((p) => [p.dup, p.packetId, str(p.payload)]), [[
    true,
    first[0].packetId,
    "x",
  ]]);
});

Deno.test("importState refuses another version with the reason", () => {
  assert.throws(
    () => broker().importState({ version: 2 } as unknown as BrokerState),
    /Cannot import broker state: version 2/,
  );
});
