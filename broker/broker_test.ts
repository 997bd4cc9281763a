import assert from "node:assert/strict";
import { VirtualClock } from "../sim/mod.ts";
import { Broker } from "./broker.ts";
import { str, TestPeer, text } from "./_test_peer.ts";
import { dissectEvent } from "./tap.ts";
import type { PublishPacket } from "./codec/mod.ts";

function setup(config = {}) {
  const clock = new VirtualClock();
  const broker = new Broker({ clock, config });
  return { clock, broker };
}

Deno.test("CONNECT gets CONNACK 0 and QoS 0 flows from publisher to subscriber", () => {
  const { broker } = setup();
  const sub = new TestPeer(broker, 4);
  assert.deepEqual(sub.connect("sub"), { type: "CONNACK", sessionPresent: false, reasonCode: 0 });
  sub.send({ type: "SUBSCRIBE", packetId: 1, subscriptions: [{ topicFilter: "a/+", qos: 0 }] });
  assert.deepEqual(sub.take(), [{ type: "SUBACK", packetId: 1, reasonCodes: [0] }]);
  const pub = new TestPeer(broker, 4);
  pub.connect("pub");
  pub.send({
    type: "PUBLISH",
    dup: false,
    qos: 0,
    retain: false,
    topic: "a/b",
    payload: text("hi"),
  });
  const [msg] = sub.take() as PublishPacket[];
  assert.equal(msg.topic, "a/b");
  assert.equal(str(msg.payload), "hi");
  assert.equal(broker.tap.recent().length, 8);
});

Deno.test("a listener that throws does not close the client it watched", () => {
  const { broker } = setup();
  const errors: unknown[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args);
  try {
    broker.tap.listen(() => {
      throw new Error("UI bug");
    });
    broker.onEvent(() => {
      throw new Error("UI bug");
    });
    const p = new TestPeer(broker, 4);
    p.connect("c");
    p.send({ type: "PINGREQ" });
    assert.deepEqual(p.take(), [{ type: "PINGRESP" }]);
    assert.equal(p.closedByBroker, false);
  } finally {
    console.error = original;
  }
});

Deno.test("the same inputs on the virtual clock give a byte-identical packet log", () => {
  const run = () => {
    const clock = new VirtualClock();
    const broker = new Broker({ clock, config: { sysIntervalS: 5 } });
    const log: string[] = [];
    broker.tap.listen((e) =>
      log.push(`${e.seq} ${e.atUs} ${e.connectionId} ${e.clientId} ${e.direction} ${[...e.bytes]}`)
    );
    const sub = new TestPeer(broker, 5);
    sub.connect("", { keepaliveS: 3 }); // assigned id
    sub.send({
      type: "SUBSCRIBE",
      packetId: 1,
      subscriptions: [{ topicFilter: "#", qos: 2 }, { topicFilter: "$SYS/broker/uptime", qos: 0 }],
    });
    const pub = new TestPeer(broker, 4);
    pub.connect("pub", { will: { topic: "w", payload: text("bye"), qos: 1, retain: false } });
    for (let i = 0; i < 3; i++) {
      clock.advanceBy(1_000_000);
      pub.send({
        type: "PUBLISH",
        dup: false,
        qos: 1,
        retain: i === 0,
        topic: `t/${i}`,
        packetId: i + 1,
        payload: text(`${i}`),
      });
    }
    pub.drop();
    clock.advanceBy(10_000_000); // keep-alive expiry and a $SYS round
    return log;
  };
  const a = run();
  assert.ok(a.length > 10);
  assert.deepEqual(run(), a);
});

Deno.test("the tap records every packet both ways, bounded, with listeners", () => {
  const clock = new VirtualClock();
  const broker = new Broker({ clock, tapCapacity: 3 });
  const seen: string[] = [];
  const stop = broker.tap.listen((e) => seen.push(`${e.direction} ${e.packet.type}`));
  const p = connectedPeer(broker, "p");
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

function connectedPeer(broker: Broker, id: string) {
  const p = new TestPeer(broker, 4, "virtual", id);
  p.connect(id);
  return p;
}
