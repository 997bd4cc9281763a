import assert from "node:assert/strict";
import { VirtualClock } from "../../sim/mod.ts";
import { Broker } from "../broker.ts";
import type { BrokerConfig } from "../config.ts";
import type { BrokerEvent } from "../events.ts";
import { TestPeer, text } from "../_test_peer.ts";
import { hashPassword } from "../auth/mod.ts";

function setup(config: BrokerConfig = {}) {
  const clock = new VirtualClock();
  const broker = new Broker({ clock, config });
  const events: BrokerEvent[] = [];
  broker.onEvent((e) => events.push(e));
  return { clock, broker, events };
}

Deno.test("CONNECT: an empty client id is assigned under v5 and with clean session under 3.1.1", () => {
  const { broker } = setup();
  const v5 = new TestPeer(broker, 5);
  const ack5 = v5.connect("");
  assert.equal(ack5?.type, "CONNACK");
  assert.match(
    String(
      (ack5 as { properties: { assignedClientIdentifier: string } }).properties
        .assignedClientIdentifier,
    ),
    /^auto-/,
  );
  const v4 = new TestPeer(broker, 4);
  assert.deepEqual(v4.connect(""), { type: "CONNACK", sessionPresent: false, reasonCode: 0 });
  const v4persistent = new TestPeer(broker, 4);
  // [MQTT-3.1.3-8] identifier rejected, then closed
  assert.deepEqual(v4persistent.connect("", { cleanStart: false }), {
    type: "CONNACK",
    sessionPresent: false,
    reasonCode: 2,
  });
  assert.equal(v4persistent.closedByBroker, true);
  const v3 = new TestPeer(broker, 3);
  assert.equal((v3.connect("") as { reasonCode: number }).reasonCode, 2);
});

Deno.test("CONNECT: a second CONNECT is a protocol error that closes the connection", () => {
  const { broker, events } = setup();
  const p = new TestPeer(broker, 5);
  p.connect("twice");
  assert.deepEqual(p.connect("twice"), {
    type: "DISCONNECT",
    reasonCode: 0x82,
    properties: { reasonString: "a second CONNECT" },
  });
  assert.equal(p.closedByBroker, true);
  assert.ok(events.some((e) => e.type === "connection-closed" && e.reason === "a second CONNECT"));
});

Deno.test("CONNECT: a packet before CONNECT closes the connection without a reply", () => {
  const { broker } = setup();
  const p = new TestPeer(broker, 4);
  p.send({ type: "PINGREQ" });
  assert.deepEqual(p.take(), []);
  assert.equal(p.closedByBroker, true);
});

Deno.test("CONNECT: a socket that never sends CONNECT is closed after the connect timeout", () => {
  const { broker, clock } = setup({ limits: { connectTimeoutS: 5 } });
  const p = new TestPeer(broker, 4);
  clock.advanceBy(4_999_999);
  assert.equal(p.closedByBroker, false);
  clock.advanceBy(1);
  assert.equal(p.closedByBroker, true);
});

Deno.test("CONNECT: the same client id takes over; v5 gets DISCONNECT 0x8E", () => {
  const { broker, events } = setup();
  const a = new TestPeer(broker, 5);
  a.connect("dup");
  const b = new TestPeer(broker, 4);
  assert.equal(b.connect("dup")?.type, "CONNACK");
  assert.deepEqual(a.take(), [{ type: "DISCONNECT", reasonCode: 0x8e }]);
  assert.equal(a.closedByBroker, true);
  assert.equal(b.closedByBroker, false);
  assert.equal(broker.snapshot().clients.length, 1);
  assert.ok(events.some((e) => e.type === "connection-closed" && /taken over/.test(e.reason)));
});

Deno.test("CONNECT: session present after a persistent session, not after clean session", () => {
  const { broker } = setup();
  const a = new TestPeer(broker, 4);
  a.connect("p", { cleanStart: false });
  a.send({ type: "DISCONNECT" });
  const b = new TestPeer(broker, 4);
  assert.deepEqual(b.connect("p", { cleanStart: false }), {
    type: "CONNACK",
    sessionPresent: true,
    reasonCode: 0,
  });
  b.send({ type: "DISCONNECT" });
  const c = new TestPeer(broker, 4);
  assert.deepEqual(c.connect("p", { cleanStart: true }), {
    type: "CONNACK",
    sessionPresent: false,
    reasonCode: 0,
  });
});

Deno.test("CONNECT: passwords are checked; refusals answer 4/5 under 3.1.1 and 0x86/0x87 under v5", async () => {
  const hash = await hashPassword("secret", new Uint8Array(8), 1000);
  const { broker, events } = setup({
    allowAnonymous: false,
    users: [{ username: "esp32", passwordHash: hash }],
  });
  const anon4 = new TestPeer(broker, 4);
  assert.deepEqual(anon4.connect("a"), { type: "CONNACK", sessionPresent: false, reasonCode: 5 });
  const anon5 = new TestPeer(broker, 5);
  assert.equal((anon5.connect("b") as { reasonCode: number }).reasonCode, 0x87);
  const wrong = new TestPeer(broker, 4);
  wrong.connect("c", { username: "esp32", password: text("nope") });
  await new Promise((r) => queueMicrotask(() => r(null)));
  await waitFor(() => wrong.received.length > 0);
  assert.deepEqual(wrong.take(), [{ type: "CONNACK", sessionPresent: false, reasonCode: 4 }]);
  const right = new TestPeer(broker, 5);
  right.connect("d", { username: "esp32", password: text("secret") });
  right.send({ type: "PINGREQ" }); // queued while the hash is checked
  await waitFor(() => right.received.length >= 2);
  assert.deepEqual(right.take().map((p) => p.type), ["CONNACK", "PINGRESP"]);
  assert.ok(events.some((e) => e.type === "connect-refused" && e.reasonCode === 4));
});

/** Waits for WebCrypto's promise, not for time: polls the microtask/macrotask queue. */
async function waitFor(cond: () => boolean) {
  for (let i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setTimeout(r, 1));
  assert.ok(cond());
}

Deno.test("CONNECT: v5 CONNACK announces the broker's limits and server keep-alive", () => {
  const { broker } = setup({
    limits: { maxKeepaliveS: 60, maxInflight: 10, topicAliasMaximum: 5 },
  });
  const p = new TestPeer(broker, 5);
  const ack = p.connect("k", { keepaliveS: 0, properties: { requestResponseInformation: true } });
  assert.deepEqual(ack, {
    type: "CONNACK",
    sessionPresent: false,
    reasonCode: 0,
    properties: {
      serverKeepAliveS: 60,
      receiveMaximum: 10,
      maximumPacketSize: 1_048_576,
      topicAliasMaximum: 5,
      retainAvailable: true,
      wildcardSubscriptionAvailable: true,
      subscriptionIdentifiersAvailable: true,
      sharedSubscriptionAvailable: true,
      responseInformation: "response/k",
    },
  });
});

Deno.test("CONNECT: too many connections are refused with server unavailable", () => {
  const { broker } = setup({ limits: { maxConnections: 1 } });
  new TestPeer(broker, 4).connect("one");
  const two = new TestPeer(broker, 4);
  assert.deepEqual(two.connect("two"), { type: "CONNACK", sessionPresent: false, reasonCode: 3 });
});

Deno.test("CONNECT: MQTT 3.1 (MQIsdp) clients connect and get 3.1 CONNACKs", () => {
  const { broker } = setup();
  const p = new TestPeer(broker, 3);
  assert.deepEqual(p.connect("old-client"), {
    type: "CONNACK",
    sessionPresent: false,
    reasonCode: 0,
  });
  p.send({ type: "PINGREQ" });
  assert.deepEqual(p.take(), [{ type: "PINGRESP" }]);
});

Deno.test("CONNECT: v5 enhanced authentication is refused with 0x8C", () => {
  const { broker } = setup();
  const p = new TestPeer(broker, 5);
  const ack = p.connect("scram", { properties: { authenticationMethod: "SCRAM-SHA-1" } });
  assert.equal((ack as { reasonCode: number }).reasonCode, 0x8c);
  assert.equal(p.closedByBroker, true);
});

Deno.test("CONNECT: a password check is off-clock work, entered before it starts and left once answered", async () => {
  const hash = await hashPassword("secret", new Uint8Array(8), 1000);
  const clock = new VirtualClock();
  const log: string[] = [];
  const peers: TestPeer[] = [];
  const broker = new Broker({
    clock,
    config: { users: [{ username: "esp32", passwordHash: hash }] },
    offClockWork: {
      enter: () => log.push("enter"),
      leave: () => log.push(`leave after ${peers[0].received.length} packet(s)`),
    },
  });
  const peer = new TestPeer(broker, 4);
  peers.push(peer);
  peer.connect("c", { username: "esp32", password: text("secret") });
  assert.deepEqual(log, ["enter"]);
  await waitFor(() => log.length === 2);
  assert.deepEqual(log, ["enter", "leave after 1 packet(s)"]);
  assert.deepEqual(peer.take(), [{ type: "CONNACK", sessionPresent: false, reasonCode: 0 }]);
  // Anonymous logins need no hash: nothing runs off the clock.
  new TestPeer(broker, 4).connect("anon");
  assert.equal(log.length, 2);
});
