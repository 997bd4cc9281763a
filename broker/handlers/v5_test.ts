import assert from "node:assert/strict";
import { peer, publish, pubs, setup, subscribe } from "./_test_helpers.ts";
import { str, TestPeer, text } from "../_test_peer.ts";

Deno.test("v5: no-local, retain-as-published, retain handling and subscription ids", () => {
  const { broker } = setup();
  const me = peer(broker, "me", 5);
  subscribe(me, "t", 0, { noLocal: true });
  publish(me, "t", "mine", 0);
  assert.deepEqual(pubs(me), []); // [MQTT-3.8.3-3]
  const pub = peer(broker, "pub", 5);
  publish(pub, "kept", "r", 0, { retain: true });
  const s = peer(broker, "s", 5);
  subscribe(s, "kept", 0, { retainAsPublished: true }, { subscriptionIdentifiers: [42] });
  let got = pubs(s);
  assert.equal(got.length, 1);
  assert.deepEqual(got[0].properties?.subscriptionIdentifiers, [42]);
  publish(pub, "kept", "live", 0, { retain: true });
  assert.equal(pubs(s)[0].retain, true); // retain as published
  subscribe(s, "kept", 0, { retainHandling: 1 }); // exists: no retained again
  assert.deepEqual(pubs(s), []);
  subscribe(s, "kept/#", 0, { retainHandling: 2 });
  got = pubs(s);
  assert.deepEqual(got, []);
});

Deno.test("v5: topic aliases both ways, and an unknown alias is a protocol error", () => {
  const { broker } = setup();
  const s = peer(broker, "s", 5, { properties: { topicAliasMaximum: 4 } });
  subscribe(s, "long/topic/name");
  const p = peer(broker, "p", 5);
  publish(p, "long/topic/name", "1", 0, { properties: { topicAlias: 1 } });
  publish(p, "", "2", 0, { properties: { topicAlias: 1 } });
  const got = pubs(s);
  assert.deepEqual(got.map((m) => [m.topic, m.properties?.topicAlias, str(m.payload)]), [
    ["long/topic/name", 1, "1"],
    ["", 1, "2"],
  ]);
  publish(p, "", "3", 0, { properties: { topicAlias: 2 } });
  assert.deepEqual(p.take().map((x) => [x.type, (x as { reasonCode?: number }).reasonCode]), [
    ["DISCONNECT", 0x82],
  ]);
  const q = peer(broker, "q", 5);
  publish(q, "x", "y", 0, { properties: { topicAlias: 11 } }); // above our maximum of 10
  assert.equal((q.take()[0] as { reasonCode?: number }).reasonCode, 0x94);
});

Deno.test("v5: user properties and response topic are forwarded; message expiry counts down", () => {
  const { broker, clock } = setup();
  const s = peer(broker, "s", 5, {
    cleanStart: false,
    properties: { sessionExpiryIntervalS: 3600 },
  });
  subscribe(s, "q", 1);
  s.drop();
  const p = peer(broker, "p", 5);
  const properties = {
    userProperties: [["k", "v"]] as [string, string][],
    responseTopic: "reply/here",
    correlationData: text("c1"),
    messageExpiryIntervalS: 10,
  };
  publish(p, "q", "soon", 1, { properties });
  publish(p, "q", "later", 1, { properties: { messageExpiryIntervalS: 3 } });
  clock.advanceBy(4_000_000);
  const back = new TestPeer(broker, 5);
  back.connect("s", { cleanStart: false, properties: { sessionExpiryIntervalS: 3600 } });
  const got = pubs(back);
  assert.equal(got.length, 1); // "later" expired in the queue
  assert.deepEqual(got[0].properties, {
    userProperties: [["k", "v"]],
    responseTopic: "reply/here",
    correlationData: text("c1"),
    messageExpiryIntervalS: 6,
  });
});

Deno.test("v5: maximum packet size: a message too large for the client is not sent", () => {
  const { broker } = setup();
  const s = peer(broker, "s", 5, { properties: { maximumPacketSize: 64 } });
  subscribe(s, "t", 1);
  const p = peer(broker, "p", 5);
  publish(p, "t", "x".repeat(100), 1);
  publish(p, "t", "small", 1);
  assert.deepEqual(pubs(s).map((m) => str(m.payload)), ["small"]);
});

Deno.test("v5: the client's Receive Maximum bounds what the broker keeps in flight to it", () => {
  const { broker } = setup();
  const s = peer(broker, "s", 5, { properties: { receiveMaximum: 1 } });
  subscribe(s, "t", 1);
  const p = peer(broker, "p", 5);
  publish(p, "t", "a", 1);
  publish(p, "t", "b", 1);
  let got = pubs(s);
  assert.deepEqual(got.map((m) => str(m.payload)), ["a"]);
  s.send({ type: "PUBACK", packetId: got[0].packetId! });
  got = pubs(s);
  assert.deepEqual(got.map((m) => str(m.payload)), ["b"]);
});

Deno.test("v5: more unacknowledged QoS 2 than our Receive Maximum is DISCONNECT 0x93", () => {
  const { broker } = setup({ limits: { maxInflight: 2 } });
  const p = peer(broker, "p", 5);
  for (let id = 1; id <= 3; id++) {
    p.send({
      type: "PUBLISH",
      dup: false,
      qos: 2,
      retain: false,
      topic: "t",
      packetId: id,
      payload: text("x"),
    });
  }
  const last = p.take().at(-1) as { type: string; reasonCode?: number };
  assert.deepEqual([last.type, last.reasonCode], ["DISCONNECT", 0x93]);
});

Deno.test("v5: overlapping subscriptions give one copy carrying every subscription identifier", () => {
  const { broker } = setup();
  const s = peer(broker, "s", 5);
  subscribe(s, "a/+", 0, {}, { subscriptionIdentifiers: [1] });
  subscribe(s, "a/#", 1, {}, { subscriptionIdentifiers: [2] });
  const p = peer(broker, "p", 5);
  publish(p, "a/b", "x", 1);
  const got = pubs(s);
  assert.equal(got.length, 1);
  assert.equal(got[0].qos, 1);
  assert.deepEqual([...got[0].properties!.subscriptionIdentifiers!].sort(), [1, 2]);
});

Deno.test("v5: a reason string that would exceed the client's Maximum Packet Size is left out", () => {
  const { broker } = setup({
    acl: { rules: [{ permission: "deny", action: "subscribe", topics: ["secret/#"] }] },
  });
  const s = peer(broker, "s", 5, { properties: { maximumPacketSize: 16 } });
  const suback = subscribe(s, "secret/x", 1);
  assert.deepEqual(suback.reasonCodes, [0x87]);
  assert.equal(suback.properties, undefined);
});
