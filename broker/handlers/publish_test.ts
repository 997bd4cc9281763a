import assert from "node:assert/strict";
import { VirtualClock } from "../../sim/mod.ts";
import { Broker } from "../broker.ts";
import { dissectEvent } from "../tap.ts";
import { encode } from "../_codec.ts";
import type { BrokerConfig } from "../config.ts";
import type { BrokerEvent } from "../events.ts";
import type { Packet, ProtocolLevel, QoS } from "../codec/mod.ts";
import { str, TestPeer, text } from "../_test_peer.ts";

function setup(config: BrokerConfig = {}) {
  const clock = new VirtualClock();
  const broker = new Broker({ clock, config });
  const events: BrokerEvent[] = [];
  broker.onEvent((e) => events.push(e));
  return { clock, broker, events };
}

function peer(broker: Broker, id: string, level: ProtocolLevel = 4, extra = {}) {
  const p = new TestPeer(broker, level, "virtual", id);
  const ack = p.connect(id, extra);
  assert.equal(ack?.type, "CONNACK");
  return p;
}

function subscribe(p: TestPeer, topicFilter: string, qos: QoS = 0, opts = {}, properties?: object) {
  p.send({
    type: "SUBSCRIBE",
    packetId: 1,
    subscriptions: [{ topicFilter, qos, ...opts }],
    ...(properties ? { properties } : {}),
  });
  return p.takeType("SUBACK")[0];
}

function publish(p: TestPeer, topic: string, payload: string, qos: QoS = 0, extra = {}) {
  p.send({
    type: "PUBLISH",
    dup: false,
    qos,
    retain: false,
    topic,
    payload: text(payload),
    ...(qos > 0 ? { packetId: 7 } : {}),
    ...extra,
  } as Packet);
}

const pubs = (p: TestPeer) => p.takeType("PUBLISH");

Deno.test("QoS 1 both ways: PUBACK to the publisher, PUBLISH with a packet id to the subscriber", () => {
  const { broker } = setup();
  const sub = peer(broker, "sub");
  assert.deepEqual(subscribe(sub, "t", 1).reasonCodes, [1]);
  const pub = peer(broker, "pub");
  publish(pub, "t", "one", 1);
  assert.deepEqual(pub.take(), [{ type: "PUBACK", packetId: 7 }]);
  const [m] = pubs(sub);
  assert.equal(m.qos, 1);
  assert.equal(m.packetId, 1);
  sub.send({ type: "PUBACK", packetId: 1 });
  assert.equal(broker.snapshot().clients.find((c) => c.clientId === "sub")!.inflight, 0);
});

Deno.test("QoS 2 inbound: PUBREC, a resent PUBLISH is not delivered twice, PUBREL gets PUBCOMP", () => {
  const { broker } = setup();
  const sub = peer(broker, "sub");
  subscribe(sub, "t", 2);
  const pub = peer(broker, "pub");
  publish(pub, "t", "x", 2);
  publish(pub, "t", "x", 2, { dup: true });
  assert.deepEqual(pub.take(), [
    { type: "PUBREC", packetId: 7 },
    { type: "PUBREC", packetId: 7 },
  ]);
  assert.equal(pubs(sub).length, 1);
  pub.send({ type: "PUBREL", packetId: 7 });
  assert.deepEqual(pub.take(), [{ type: "PUBCOMP", packetId: 7 }]);
});

Deno.test("QoS 2 outbound: PUBREC gets PUBREL, PUBCOMP frees the id", () => {
  const { broker } = setup();
  const sub = peer(broker, "sub");
  subscribe(sub, "t", 2);
  const pub = peer(broker, "pub");
  publish(pub, "t", "x", 2);
  const [m] = pubs(sub);
  assert.equal(m.qos, 2);
  sub.send({ type: "PUBREC", packetId: m.packetId! });
  assert.deepEqual(sub.take(), [{ type: "PUBREL", packetId: m.packetId }]);
  sub.send({ type: "PUBCOMP", packetId: m.packetId! });
  assert.equal(broker.snapshot().clients.find((c) => c.clientId === "sub")!.inflight, 0);
});

Deno.test("QoS is downgraded to the subscription's; overlapping subscriptions give one copy at the highest", () => {
  const { broker } = setup();
  const sub = peer(broker, "sub");
  subscribe(sub, "a/+", 0);
  subscribe(sub, "a/#", 1);
  const pub = peer(broker, "pub");
  publish(pub, "a/b", "x", 2);
  const got = pubs(sub);
  assert.equal(got.length, 1);
  assert.equal(got[0].qos, 1);
  const low = peer(broker, "low");
  subscribe(low, "a/b", 0);
  pub.send({ type: "PUBREL", packetId: 7 });
  publish(pub, "a/b", "y", 2);
  assert.equal(pubs(low)[0].qos, 0);
});

Deno.test("a persistent session queues QoS 1 while offline and redelivers in-flight with DUP", () => {
  const { broker } = setup();
  const sub = peer(broker, "sub", 4, { cleanStart: false });
  subscribe(sub, "t", 1);
  const pub = peer(broker, "pub");
  publish(pub, "t", "in-flight", 1);
  assert.equal(pubs(sub).length, 1); // not acknowledged
  sub.drop();
  publish(pub, "t", "queued", 1);
  publish(pub, "t", "qos0-not-queued", 0);
  const again = new TestPeer(broker, 4, "virtual", "sub2");
  assert.deepEqual(again.connect("sub", { cleanStart: false }), {
    type: "CONNACK",
    sessionPresent: true,
    reasonCode: 0,
  });
  const got = pubs(again);
  assert.deepEqual(got.map((m) => [str(m.payload), m.dup]), [["in-flight", true], [
    "queued",
    false,
  ]]);
});

Deno.test("the in-flight window holds back messages until PUBACKs come", () => {
  const { broker } = setup({ limits: { maxInflight: 2 } });
  const sub = peer(broker, "sub");
  subscribe(sub, "t", 1);
  const pub = peer(broker, "pub");
  for (let i = 0; i < 5; i++) publish(pub, "t", `m${i}`, 1);
  let got = pubs(sub);
  assert.deepEqual(got.map((m) => str(m.payload)), ["m0", "m1"]);
  sub.send({ type: "PUBACK", packetId: got[0].packetId! });
  got = pubs(sub);
  assert.deepEqual(got.map((m) => str(m.payload)), ["m2"]);
  assert.equal(broker.snapshot().clients.find((c) => c.clientId === "sub")!.queued, 2);
});

Deno.test("the offline queue is bounded and counts drops in $SYS", () => {
  const { broker } = setup({ limits: { maxQueuedMessages: 3 } });
  const sub = peer(broker, "sub", 4, { cleanStart: false });
  subscribe(sub, "t", 1);
  sub.send({ type: "DISCONNECT" });
  const pub = peer(broker, "pub");
  for (let i = 0; i < 10; i++) publish(pub, "t", `m${i}`, 1);
  const snap = broker.snapshot();
  assert.equal(snap.clients.find((c) => c.clientId === "sub")!.queued, 3);
  assert.equal(snap.metrics["publish/messages/dropped"], "7");
});

Deno.test("retained messages: set, replace, clear with an empty payload, RETAIN set on subscribe", () => {
  const { broker } = setup();
  const pub = peer(broker, "pub");
  publish(pub, "r", "first", 0, { retain: true });
  publish(pub, "r", "second", 1, { retain: true });
  const s1 = peer(broker, "s1");
  subscribe(s1, "#", 1);
  const [m] = pubs(s1);
  assert.equal(str(m.payload), "second");
  assert.equal(m.retain, true); // [MQTT-3.3.1-8]
  publish(pub, "r", "live", 0, { retain: true });
  assert.equal(pubs(s1)[0].retain, false); // [MQTT-3.3.1-9]
  publish(pub, "r", "", 0, { retain: true });
  const s2 = peer(broker, "s2");
  subscribe(s2, "r", 1);
  assert.deepEqual(pubs(s2), []);
});

Deno.test("$-topics: clients cannot publish there, and # does not see $SYS [MQTT-4.7.2-1]", () => {
  const { broker, events } = setup();
  const all = peer(broker, "all");
  subscribe(all, "#");
  const sys = peer(broker, "sys");
  subscribe(sys, "$SYS/broker/clients/+");
  const got = pubs(sys);
  assert.ok(got.some((m) => m.topic === "$SYS/broker/clients/connected" && str(m.payload) === "2"));
  assert.deepEqual(pubs(all), []);
  const v5 = peer(broker, "v5", 5);
  publish(v5, "$SYS/broker/uptime", "0", 1);
  assert.deepEqual(v5.take(), [{
    type: "PUBACK",
    packetId: 7,
    reasonCode: 0x87,
    properties: { reasonString: "topics starting with $ are the broker's own" },
  }]);
  assert.ok(events.some((e) => e.type === "acl-refused" && e.action === "publish"));
});

Deno.test("$SYS is republished every sysIntervalS while clients are connected", () => {
  const { broker, clock } = setup({ sysIntervalS: 10 });
  const sys = peer(broker, "sys");
  subscribe(sys, "$SYS/broker/uptime");
  assert.equal(str(pubs(sys)[0].payload), "0 seconds");
  clock.advanceBy(10_000_000);
  assert.equal(str(pubs(sys)[0].payload), "10 seconds");
  sys.send({ type: "DISCONNECT" });
  assert.equal(clock.nextEventAt(), undefined); // an idle broker leaves the clock idle
});

Deno.test("ACL: denied publish and subscribe are refused with the rule named", () => {
  const { broker, events } = setup({
    acl: {
      default: "allow",
      rules: [{ permission: "deny", action: "all", topics: ["secret/#"] }],
    },
  });
  const v4 = peer(broker, "v4");
  assert.deepEqual(subscribe(v4, "secret/x", 1).reasonCodes, [0x80]);
  const v5 = peer(broker, "v5", 5);
  assert.deepEqual(subscribe(v5, "secret/#", 1).reasonCodes, [0x87]);
  subscribe(v4, "#", 0);
  publish(v5, "secret/x", "no", 1);
  assert.deepEqual(v5.take(), [{
    type: "PUBACK",
    packetId: 7,
    reasonCode: 0x87,
    properties: { reasonString: "not authorized (rule 1: deny all all secret/#)" },
  }]);
  assert.deepEqual(pubs(v4), []);
  const refusal = events.find((e) => e.type === "acl-refused");
  assert.equal(refusal?.type === "acl-refused" && refusal.rule, "rule 1: deny all all secret/#");
});

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

Deno.test("shared subscriptions: one member of a group gets each message, in turn", () => {
  const { broker } = setup();
  const a = peer(broker, "a", 5);
  const b = peer(broker, "b", 5);
  const plain = peer(broker, "plain", 4);
  subscribe(a, "$share/g/jobs/+", 1);
  subscribe(b, "$share/g/jobs/+", 1);
  subscribe(plain, "jobs/#");
  const p = peer(broker, "p", 4);
  for (let i = 0; i < 4; i++) publish(p, `jobs/${i}`, `${i}`, 0);
  assert.deepEqual(pubs(a).map((m) => str(m.payload)), ["0", "2"]);
  assert.deepEqual(pubs(b).map((m) => str(m.payload)), ["1", "3"]);
  assert.equal(pubs(plain).length, 4);
  a.send({
    type: "SUBSCRIBE",
    packetId: 2,
    subscriptions: [{ topicFilter: "$share/g/x", qos: 0, noLocal: true }],
  });
  assert.equal((a.take()[0] as { reasonCode?: number }).reasonCode, 0x82); // [MQTT-3.8.3-4]
});

Deno.test("UNSUBSCRIBE stops deliveries; v5 UNSUBACK says which existed", () => {
  const { broker } = setup();
  const s = peer(broker, "s", 5);
  subscribe(s, "t");
  s.send({ type: "UNSUBSCRIBE", packetId: 3, topicFilters: ["t", "nope"] });
  assert.deepEqual(s.take(), [{ type: "UNSUBACK", packetId: 3, reasonCodes: [0, 0x11] }]);
  const p = peer(broker, "p");
  publish(p, "t", "x");
  assert.deepEqual(pubs(s), []);
});

Deno.test("PINGREQ gets PINGRESP", () => {
  const { broker } = setup();
  const p = peer(broker, "p");
  p.send({ type: "PINGREQ" });
  assert.deepEqual(p.take(), [{ type: "PINGRESP" }]);
});

Deno.test("the tap records every packet both ways, bounded, with listeners", () => {
  const clock = new VirtualClock();
  const broker = new Broker({ clock, tapCapacity: 3 });
  const seen: string[] = [];
  const stop = broker.tap.listen((e) => seen.push(`${e.direction} ${e.packet.type}`));
  const p = peer(broker, "p");
  p.send({ type: "PINGREQ" });
  stop();
  p.send({ type: "PINGREQ" });
  assert.deepEqual(seen, ["in CONNECT", "out CONNACK", "in PINGREQ", "out PINGRESP"]);
  const recent = broker.tap.recent();
  assert.deepEqual(recent.map((e) => e.seq), [4, 5, 6]);
  assert.equal(broker.tap.get(1), undefined);
  assert.equal(broker.tap.get(6)?.packet.type, "PINGRESP");
  assert.equal(recent[0].clientId, "p");
  assert.deepEqual([...broker.tap.get(6)!.bytes], [0xd0, 0x00]);
  const fields = dissectEvent(broker.tap.get(6)!);
  assert.ok(fields.length > 0 && fields[0].start === 0);
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

Deno.test("a slow consumer's QoS 0 messages are dropped once its link holds too many bytes", () => {
  const clock = new VirtualClock();
  const broker = new Broker({ clock, config: { limits: { maxBufferedBytes: 100 } } });
  let buffered = 0;
  const sentToSlow: Uint8Array[] = [];
  const slow = broker.attach({
    transport: "tcp",
    remoteAddress: "slow",
    send: (bytes) => {
      sentToSlow.push(bytes);
      buffered += bytes.length; // never drains
    },
    close: () => {},
    get bufferedAmount() {
      return buffered;
    },
  });
  const enc = (p: Packet) => encode(p, 4);
  slow.receive(
    enc({
      type: "CONNECT",
      protocolName: "MQTT",
      protocolLevel: 4,
      cleanStart: true,
      keepaliveS: 0,
      clientId: "slow",
    }),
  );
  slow.receive(
    enc({ type: "SUBSCRIBE", packetId: 1, subscriptions: [{ topicFilter: "t", qos: 0 }] }),
  );
  const p = peer(broker, "p");
  for (let i = 0; i < 50; i++) publish(p, "t", "0123456789");
  const publishes = sentToSlow.filter((b) => b[0] >> 4 === 3).length;
  assert.ok(publishes < 10, `only what fits in 100 bytes, got ${publishes}`);
  assert.equal(broker.snapshot().metrics["publish/messages/dropped"], String(50 - publishes));
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
