import assert from "node:assert/strict";
import { peer, publish, pubs, setup, subscribe } from "./_test_helpers.ts";
import { str, TestPeer } from "../_test_peer.ts";
import { VirtualClock } from "../../sim/mod.ts";
import { Broker } from "../broker.ts";
import { encode } from "../_codec.ts";
import type { Packet } from "../codec/mod.ts";

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

Deno.test("PINGREQ gets PINGRESP", () => {
  const { broker } = setup();
  const p = peer(broker, "p");
  p.send({ type: "PINGREQ" });
  assert.deepEqual(p.take(), [{ type: "PINGRESP" }]);
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
