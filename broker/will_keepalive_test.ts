import assert from "node:assert/strict";
import { VirtualClock } from "../sim/mod.ts";
import { Broker } from "./broker.ts";
import type { BrokerEvent } from "./events.ts";
import type { ConnectPacket } from "./codec/mod.ts";
import { str, TestPeer, text } from "./_test_peer.ts";

const S = 1_000_000;

function setup() {
  const clock = new VirtualClock();
  const broker = new Broker({ clock, config: { sysIntervalS: 0 } });
  const events: BrokerEvent[] = [];
  broker.onEvent((e) => events.push(e));
  const watcher = new TestPeer(broker, 4, "virtual", "watcher");
  watcher.connect("watcher");
  watcher.send({
    type: "SUBSCRIBE",
    packetId: 1,
    subscriptions: [{ topicFilter: "will/#", qos: 1 }],
  });
  watcher.take();
  const wills = () => watcher.takeType("PUBLISH").map((m) => `${m.topic}=${str(m.payload)}`);
  return { clock, broker, events, wills };
}

const WILL: ConnectPacket["will"] = {
  topic: "will/x",
  payload: text("gone"),
  qos: 1,
  retain: false,
};

Deno.test("will: published when the socket is lost, not after DISCONNECT", () => {
  const { broker, wills } = setup();
  const a = new TestPeer(broker, 4);
  a.connect("a", { will: WILL });
  a.drop();
  assert.deepEqual(wills(), ["will/x=gone"]);
  const b = new TestPeer(broker, 4);
  b.connect("b", { will: WILL });
  b.send({ type: "DISCONNECT" });
  assert.deepEqual(wills(), []); // [MQTT-3.14.4-3]
});

Deno.test("will: published on a protocol error, and on v5 DISCONNECT 0x04", () => {
  const { broker, wills } = setup();
  const a = new TestPeer(broker, 4);
  a.connect("a", { will: WILL });
  a.connect("a"); // second CONNECT
  assert.deepEqual(wills(), ["will/x=gone"]);
  const b = new TestPeer(broker, 5);
  b.connect("b", { will: WILL });
  b.send({ type: "DISCONNECT", reasonCode: 0x04 });
  assert.deepEqual(wills(), ["will/x=gone"]);
});

Deno.test("keep-alive: closed after 1.5x the interval without packets, will published", () => {
  const { broker, clock, wills, events } = setup();
  const a = new TestPeer(broker, 4);
  a.connect("a", { keepaliveS: 10, will: WILL });
  clock.advanceBy(14 * S);
  a.send({ type: "PINGREQ" }); // resets the deadline to 14 + 15 s
  clock.advanceBy(14 * S);
  assert.equal(a.closedByBroker, false);
  clock.advanceBy(1 * S);
  assert.equal(a.closedByBroker, true);
  assert.deepEqual(wills(), ["will/x=gone"]);
  assert.ok(
    events.some((e) => e.type === "connection-closed" && e.reason === "keep-alive timeout"),
  );
});

Deno.test("keep-alive: v5 gets DISCONNECT 0x8D first", () => {
  const { broker, clock } = setup();
  const a = new TestPeer(broker, 5);
  a.connect("a", { keepaliveS: 2 });
  clock.advanceBy(3 * S);
  assert.deepEqual(a.take().map((p) => [p.type, (p as { reasonCode?: number }).reasonCode]), [
    ["DISCONNECT", 0x8d],
  ]);
});

Deno.test("will delay (v5): published after the delay, not when the client is back in time", () => {
  const { broker, clock, wills } = setup();
  const delayed = { ...WILL, properties: { willDelayIntervalS: 5 } };
  const persistent = { cleanStart: false, properties: { sessionExpiryIntervalS: 60 } };
  const a = new TestPeer(broker, 5);
  a.connect("a", { will: delayed, ...persistent });
  a.drop();
  clock.advanceBy(4 * S);
  assert.deepEqual(wills(), []);
  clock.advanceBy(1 * S);
  assert.deepEqual(wills(), ["will/x=gone"]);
  const b = new TestPeer(broker, 5);
  b.connect("b", { will: delayed, ...persistent });
  b.drop();
  clock.advanceBy(3 * S);
  new TestPeer(broker, 5).connect("b", persistent); // back within the delay [MQTT-3.1.3-9]
  clock.advanceBy(10 * S);
  assert.deepEqual(wills(), []);
});

Deno.test("will delay longer than the session: the will goes when the session ends", () => {
  const { broker, clock, wills } = setup();
  const a = new TestPeer(broker, 5);
  a.connect("a", {
    will: { ...WILL, properties: { willDelayIntervalS: 100 } },
    properties: { sessionExpiryIntervalS: 2 },
  });
  a.drop();
  clock.advanceBy(2 * S);
  assert.deepEqual(wills(), ["will/x=gone"]);
});

Deno.test("session expiry (v5): the session is gone after the interval", () => {
  const { broker, clock, events } = setup();
  const a = new TestPeer(broker, 5);
  a.connect("a", { cleanStart: false, properties: { sessionExpiryIntervalS: 30 } });
  a.send({ type: "SUBSCRIBE", packetId: 1, subscriptions: [{ topicFilter: "t", qos: 1 }] });
  a.send({ type: "DISCONNECT" });
  clock.advanceBy(29 * S);
  assert.equal(broker.snapshot().clients.some((c) => c.clientId === "a"), true);
  clock.advanceBy(1 * S);
  assert.equal(broker.snapshot().clients.some((c) => c.clientId === "a"), false);
  assert.ok(events.some((e) => e.type === "session-expired" && e.clientId === "a"));
  const b = new TestPeer(broker, 5);
  assert.equal(
    (b.connect("a", { cleanStart: false }) as { sessionPresent: boolean }).sessionPresent,
    false,
  );
});

Deno.test("session expiry: DISCONNECT may shorten it but not raise it from 0 [MQTT-3.14.2-2]", () => {
  const { broker } = setup();
  const a = new TestPeer(broker, 5);
  a.connect("a");
  a.send({ type: "DISCONNECT", properties: { sessionExpiryIntervalS: 10 } });
  assert.deepEqual(a.take().map((p) => [p.type, (p as { reasonCode?: number }).reasonCode]), [
    ["DISCONNECT", 0x82],
  ]);
  const b = new TestPeer(broker, 5);
  b.connect("b", { properties: { sessionExpiryIntervalS: 10 } });
  b.send({ type: "DISCONNECT", properties: { sessionExpiryIntervalS: 0 } });
  assert.equal(broker.snapshot().clients.some((c) => c.clientId === "b"), false);
});

Deno.test("snapshot: clients, subscriptions, wills, retained and metrics", () => {
  const { broker } = setup();
  const a = new TestPeer(broker, 4);
  a.connect("a", { will: WILL, keepaliveS: 30 });
  a.send({
    type: "PUBLISH",
    dup: false,
    qos: 0,
    retain: true,
    topic: "r",
    payload: text("x"),
  });
  const snap = broker.snapshot();
  const ca = snap.clients.find((c) => c.clientId === "a")!;
  assert.equal(ca.connected, true);
  assert.equal(ca.keepaliveS, 30);
  assert.equal(ca.transport, "virtual");
  assert.deepEqual(snap.wills, [{
    clientId: "a",
    topic: "will/x",
    qos: 1,
    retain: false,
    delayS: 0,
  }]);
  assert.deepEqual(snap.retained.map((r) => r.topic), ["r"]);
  assert.equal(snap.metrics["clients/connected"], "2");
  assert.equal(
    snap.clients.find((c) => c.clientId === "watcher")!.subscriptions[0].filter,
    "will/#",
  );
});

Deno.test("close(): v5 clients get DISCONNECT 0x8B and no timers are left", () => {
  const { broker, clock } = setup();
  const a = new TestPeer(broker, 5);
  a.connect("a", { keepaliveS: 5 });
  broker.close();
  assert.deepEqual(a.take().map((p) => [p.type, (p as { reasonCode?: number }).reasonCode]), [
    ["DISCONNECT", 0x8b],
  ]);
  clock.runUntilIdle();
  assert.equal(clock.nextEventAt(), undefined);
});

Deno.test("will: not published to a $-topic or where the ACL denies it", () => {
  const clock = new VirtualClock();
  const broker = new Broker({
    clock,
    config: {
      acl: { rules: [{ permission: "deny", action: "publish", topics: ["will/secret"] }] },
    },
  });
  const events: BrokerEvent[] = [];
  broker.onEvent((e) => events.push(e));
  const watcher = new TestPeer(broker, 4);
  watcher.connect("watcher");
  watcher.send({ type: "SUBSCRIBE", packetId: 1, subscriptions: [{ topicFilter: "#", qos: 0 }] });
  watcher.take();
  for (const topic of ["will/secret", "$SYS/fake"]) {
    const a = new TestPeer(broker, 4);
    a.connect(`a-${topic}`, { will: { ...WILL!, topic } });
    a.drop();
  }
  assert.deepEqual(watcher.takeType("PUBLISH"), []);
  assert.equal(events.filter((e) => e.type === "acl-refused").length, 2);
});

Deno.test("will delay: a clean start ends the old session, so its delayed will goes at once", () => {
  const { broker, wills } = setup();
  const a = new TestPeer(broker, 5);
  a.connect("a", {
    cleanStart: false,
    will: { ...WILL!, properties: { willDelayIntervalS: 30 } },
    properties: { sessionExpiryIntervalS: 60 },
  });
  a.drop();
  assert.deepEqual(wills(), []);
  new TestPeer(broker, 5).connect("a", { cleanStart: true });
  assert.deepEqual(wills(), ["will/x=gone"]);
});
