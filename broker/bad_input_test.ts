/**
 * Bad input, byte by byte: each case asserts the exact reply bytes (or none)
 * and that only the offending connection closes.
 */
import assert from "node:assert/strict";
import { SeededRandom, VirtualClock } from "../sim/mod.ts";
import { Broker } from "./broker.ts";
import { TestPeer } from "./_test_peer.ts";

function setup() {
  const clock = new VirtualClock();
  const broker = new Broker({ clock, config: { limits: { maxPacketSize: 1024 } } });
  const bystander = new TestPeer(broker, 4);
  bystander.connect("bystander");
  return { broker, bystander };
}

/** Connected at `level`; v5 without problem information so replies are exact. */
function connected(broker: Broker, level: 4 | 5, id = "bad") {
  const p = new TestPeer(broker, level);
  p.connect(id, level === 5 ? { properties: { requestProblemInformation: false } } : {});
  p.rawReceived.length = 0;
  p.take();
  return p;
}

const replies = (p: TestPeer) => p.rawReceived.map((b) => [...b]);

const CASES: { name: string; bytes: number[]; v4: number[][]; v5: number[][] }[] = [
  {
    name: "SUBSCRIBE with reserved flags 0000 [MQTT-3.8.1-1]",
    bytes: [0x80, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x00],
    v4: [],
    v5: [[0xe0, 0x01, 0x81]],
  },
  {
    name: "PUBLISH with QoS 3 [MQTT-3.3.1-4]",
    bytes: [0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01],
    v4: [],
    v5: [[0xe0, 0x01, 0x81]],
  },
  {
    name: "remaining length of five bytes [MQTT-1.5.5]",
    bytes: [0x30, 0xff, 0xff, 0xff, 0xff, 0x01],
    v4: [],
    v5: [[0xe0, 0x01, 0x81]],
  },
  {
    name: "a packet larger than the maximum, refused from its header alone",
    bytes: [0x30, 0x80, 0x80, 0x01], // 16,384 bytes announced, none sent
    v4: [],
    v5: [[0xe0, 0x01, 0x95]],
  },
  {
    name: "CONNACK sent by a client",
    bytes: [0x20, 0x03, 0x00, 0x00, 0x00], // well formed under v5
    v4: [],
    v5: [[0xe0, 0x01, 0x82]],
  },
  {
    name: "packet type 0 [MQTT-2.1.2]",
    bytes: [0x00, 0x00],
    v4: [],
    v5: [[0xe0, 0x01, 0x81]],
  },
];

for (const c of CASES) {
  for (const level of [4, 5] as const) {
    Deno.test(`bad input (v${level}): ${c.name} closes only that connection`, () => {
      const { broker, bystander } = setup();
      const p = connected(broker, level);
      p.sendBytes(c.bytes);
      const got = replies(p);
      const expected = level === 5 ? c.v5 : c.v4;
      assert.deepEqual(got, expected);
      assert.equal(p.closedByBroker, true);
      bystander.send({ type: "PINGREQ" });
      assert.deepEqual(bystander.take(), [{ type: "PINGRESP" }]);
    });
  }
}

Deno.test("bad input: CONNECT with protocol level 6 gets return code 1 in the 3.1.1 form [MQTT-3.1.2-2]", () => {
  const { broker } = setup();
  const p = new TestPeer(broker, 4);
  p.sendBytes([
    0x10,
    0x0d,
    0x00,
    0x04,
    0x4d,
    0x51,
    0x54,
    0x54,
    0x06,
    0x02,
    0x00,
    0x3c,
    0x00,
    0x01,
    0x63,
  ]);
  assert.deepEqual(replies(p), [[0x20, 0x02, 0x00, 0x01]]);
  assert.equal(p.closedByBroker, true);
});

Deno.test("bad input: CONNECT with the reserved flag set is closed without CONNACK [MQTT-3.1.2-3]", () => {
  const { broker } = setup();
  const p = new TestPeer(broker, 4);
  p.sendBytes([
    0x10,
    0x0d,
    0x00,
    0x04,
    0x4d,
    0x51,
    0x54,
    0x54,
    0x04,
    0x03,
    0x00,
    0x3c,
    0x00,
    0x01,
    0x63,
  ]);
  assert.deepEqual(replies(p), []);
  assert.equal(p.closedByBroker, true);
});

Deno.test("bad input: a CONNECT split into single bytes still connects", () => {
  const { broker } = setup();
  const p = new TestPeer(broker, 4);
  for (
    const b of [
      0x10,
      0x0d,
      0x00,
      0x04,
      0x4d,
      0x51,
      0x54,
      0x54,
      0x04,
      0x02,
      0x00,
      0x3c,
      0x00,
      0x01,
      0x63,
    ]
  ) {
    p.sendBytes([b]);
  }
  assert.deepEqual(replies(p), [[0x20, 0x02, 0x00, 0x00]]);
});

Deno.test("bad input: PUBLISH to a wildcard topic closes (v5 DISCONNECT first) [MQTT-3.3.2-2]", () => {
  const { broker } = setup();
  const p = connected(broker, 5);
  p.sendBytes([0x30, 0x04, 0x00, 0x01, 0x23, 0x00]); // topic "#", empty properties
  const got = replies(p);
  assert.equal(got.length, 1);
  assert.equal(got[0][0], 0xe0);
  assert.ok(got[0][2] >= 0x80);
  assert.equal(p.closedByBroker, true);
});

Deno.test("bad input: seeded random bytes never throw out of the broker", () => {
  const { broker, bystander } = setup();
  const rnd = new SeededRandom(44);
  for (let i = 0; i < 300; i++) {
    const p = new TestPeer(broker, rnd.chance(0.5) ? 5 : 4);
    if (rnd.chance(0.5)) p.connect(`fuzz${i}`);
    for (let k = 0; k < 4 && !p.closedByBroker; k++) {
      p.sendBytes(rnd.fill(new Uint8Array(rnd.int(1, 40))));
    }
    p.drop();
  }
  bystander.send({ type: "PINGREQ" });
  assert.deepEqual(bystander.take(), [{ type: "PINGRESP" }]);
});

Deno.test("bad input: a malformed v5 CONNECT is answered with CONNACK 0x81 and its reason", () => {
  const { broker } = setup();
  const p = new TestPeer(broker, 5);
  // v5 CONNECT whose properties claim 9 bytes but the packet ends
  p.sendBytes([
    0x10,
    0x0d,
    0x00,
    0x04,
    0x4d,
    0x51,
    0x54,
    0x54,
    0x05,
    0x02,
    0x00,
    0x3c,
    0x09,
    0x00,
    0x01,
  ]);
  const [ack] = p.take() as {
    type: string;
    reasonCode: number;
    properties?: { reasonString?: string };
  }[];
  assert.equal(ack.type, "CONNACK");
  assert.equal(ack.reasonCode, 0x81);
  assert.match(ack.properties!.reasonString!, /CONNECT/);
  assert.equal(p.closedByBroker, true);
});

Deno.test("bad input: a good PUBLISH glued to garbage in one read is still delivered, then the connection closes", () => {
  const { broker, bystander } = setup();
  bystander.send({
    type: "SUBSCRIBE",
    packetId: 1,
    subscriptions: [{ topicFilter: "a", qos: 0 }],
  });
  bystander.take();
  const p = connected(broker, 4);
  // PUBLISH qos0 "a" "hi", then a packet of type 0 in the same read.
  p.sendBytes([0x30, 0x05, 0x00, 0x01, 0x61, 0x68, 0x69, 0x00, 0x00]);
  assert.equal(p.closedByBroker, true);
  const got = bystander.take();
  assert.equal(got.length, 1);
  assert.equal(got[0].type, "PUBLISH");
  assert.equal(new TextDecoder().decode((got[0] as { payload: Uint8Array }).payload), "hi");
});
