import assert from "node:assert/strict";
import {
  CodecError,
  decodeFrame,
  encode,
  type Packet,
  type ProtocolLevel,
  ReasonCode,
} from "./mod.ts";

const ascii = (s: string) => [...new TextEncoder().encode(s)];
const str = (s: string) => [0, s.length, ...ascii(s)];
/** A frame with a one-byte remaining length computed from the body. */
const frame = (first: number, ...body: number[]) => new Uint8Array([first, body.length, ...body]);

const MALFORMED = ReasonCode.MalformedPacket;
const PROTOCOL = ReasonCode.ProtocolError;

interface Case {
  name: string;
  level: ProtocolLevel;
  bytes: Uint8Array;
  rule: string;
  reasonCode: number;
  message?: string;
}

const CASES: Case[] = [
  {
    name: "packet type 0",
    level: 4,
    bytes: frame(0x00),
    rule: "MQTT-2.1.2",
    reasonCode: MALFORMED,
  },
  {
    name: "reserved flags on PUBACK",
    level: 4,
    bytes: frame(0x41, 0, 1),
    rule: "MQTT-2.2.2-1",
    reasonCode: MALFORMED,
  },
  {
    name: "SUBSCRIBE without its 0010 flags",
    level: 4,
    bytes: frame(0x80, 0, 1, ...str("a"), 0),
    rule: "MQTT-2.2.2-1",
    reasonCode: MALFORMED,
  },
  {
    name: "PUBLISH with QoS 3",
    level: 4,
    bytes: frame(0x36, ...str("a"), 0, 1),
    rule: "MQTT-3.3.1-4",
    reasonCode: MALFORMED,
  },
  {
    name: "DUP on QoS 0",
    level: 4,
    bytes: frame(0x38, ...str("a")),
    rule: "MQTT-3.3.1-2",
    reasonCode: MALFORMED,
  },
  {
    name: "a non-minimal remaining length",
    level: 4,
    bytes: new Uint8Array([0xc0, 0x80, 0x00]),
    rule: "MQTT-1.5.5-1",
    reasonCode: MALFORMED,
  },
  {
    name: "a 5-byte remaining length",
    level: 4,
    bytes: new Uint8Array([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]),
    rule: "MQTT-1.5.5",
    reasonCode: MALFORMED,
  },
  {
    name: "invalid UTF-8 in a topic",
    level: 4,
    bytes: frame(0x30, 0, 2, 0xc3, 0x28),
    rule: "MQTT-1.5.4-1",
    reasonCode: MALFORMED,
  },
  {
    name: "an encoded surrogate (U+D800) in a topic",
    level: 4,
    bytes: frame(0x30, 0, 3, 0xed, 0xa0, 0x80),
    rule: "MQTT-1.5.4-1",
    reasonCode: MALFORMED,
  },
  {
    name: "U+0000 in a topic",
    level: 4,
    bytes: frame(0x30, 0, 3, 0x61, 0, 0x62),
    rule: "MQTT-1.5.4-2",
    reasonCode: MALFORMED,
  },
  {
    name: "U+0000 in a client identifier",
    level: 4,
    bytes: frame(0x10, ...str("MQTT"), 4, 2, 0, 0, 0, 1, 0),
    rule: "MQTT-1.5.4-2",
    reasonCode: MALFORMED,
  },
  {
    name: "wildcard '+' in a PUBLISH topic",
    level: 4,
    bytes: frame(0x30, ...str("a/+"), ...ascii("x")),
    rule: "MQTT-3.3.2-2",
    reasonCode: MALFORMED,
    message: "Cannot decode PUBLISH: topic contains wildcard '+' [MQTT-3.3.2-2]",
  },
  {
    name: "wildcard '#' in a long non-ASCII PUBLISH topic",
    level: 4,
    bytes: frame(0x30, 0, 52, ...ascii("é".repeat(25) + "/#")),
    rule: "MQTT-3.3.2-2",
    reasonCode: MALFORMED,
  },
  {
    name: "an empty PUBLISH topic (3.1.1)",
    level: 4,
    bytes: frame(0x30, 0, 0),
    rule: "MQTT-4.7.3-1",
    reasonCode: MALFORMED,
  },
  {
    name: "an empty topic without a Topic Alias (5.0)",
    level: 5,
    bytes: frame(0x30, 0, 0, 0),
    rule: "MQTT-3.3.2-1",
    reasonCode: PROTOCOL,
  },
  {
    name: "packet id 0 on PUBLISH QoS 1",
    level: 4,
    bytes: frame(0x32, ...str("a"), 0, 0),
    rule: "MQTT-2.2.1-3",
    reasonCode: PROTOCOL,
  },
  {
    name: "packet id 0 on SUBSCRIBE",
    level: 4,
    bytes: frame(0x82, 0, 0, ...str("a"), 0),
    rule: "MQTT-2.2.1-3",
    reasonCode: PROTOCOL,
  },
  {
    name: "packet id 0 on PUBACK",
    level: 4,
    bytes: frame(0x40, 0, 0),
    rule: "MQTT-2.2.1-3",
    reasonCode: PROTOCOL,
  },
  {
    name: "subscription QoS 3",
    level: 4,
    bytes: frame(0x82, 0, 1, ...str("a"), 3),
    rule: "MQTT-3.8.3-4",
    reasonCode: MALFORMED,
  },
  {
    name: "reserved subscription option bits (3.1.1)",
    level: 4,
    bytes: frame(0x82, 0, 1, ...str("a"), 0x04),
    rule: "MQTT-3.8.3-5",
    reasonCode: MALFORMED,
  },
  {
    name: "SUBSCRIBE without subscriptions",
    level: 4,
    bytes: frame(0x82, 0, 1),
    rule: "MQTT-3.8.3-2",
    reasonCode: PROTOCOL,
  },
  {
    name: "UNSUBSCRIBE without topic filters",
    level: 4,
    bytes: frame(0xa2, 0, 1),
    rule: "MQTT-3.10.3-2",
    reasonCode: PROTOCOL,
  },
  {
    name: "a duplicate Topic Alias",
    level: 5,
    bytes: frame(0x30, ...str("a"), 6, 0x23, 0, 1, 0x23, 0, 2),
    rule: "MQTT-3.3.2.3.4",
    reasonCode: PROTOCOL,
  },
  {
    name: "two Subscription Identifiers on SUBSCRIBE",
    level: 5,
    bytes: frame(0x82, 0, 1, 4, 0x0b, 1, 0x0b, 2, ...str("a"), 0),
    rule: "MQTT-3.8.2.1.2",
    reasonCode: PROTOCOL,
  },
  {
    name: "Session Expiry Interval on PUBLISH (not allowed there)",
    level: 5,
    bytes: frame(0x30, ...str("a"), 5, 0x11, 0, 0, 0, 1),
    rule: "MQTT-2.2.2.2",
    reasonCode: MALFORMED,
  },
  {
    name: "an unknown property identifier",
    level: 5,
    bytes: frame(0x30, ...str("a"), 2, 0x05, 0),
    rule: "MQTT-2.2.2.2",
    reasonCode: MALFORMED,
  },
  {
    name: "a property length past the end",
    level: 5,
    bytes: frame(0x30, ...str("a"), 9, 0x23, 0, 1),
    rule: "MQTT-2.2.2.1",
    reasonCode: MALFORMED,
  },
  {
    name: "Request Problem Information = 2",
    level: 5,
    bytes: frame(0x10, ...str("MQTT"), 5, 2, 0, 0, 2, 0x17, 2, ...str("c")),
    rule: "MQTT-3.1.2.11.7",
    reasonCode: PROTOCOL,
  },
  {
    name: "Receive Maximum = 0",
    level: 5,
    bytes: frame(0x10, ...str("MQTT"), 5, 2, 0, 0, 3, 0x21, 0, 0, ...str("c")),
    rule: "MQTT-3.1.2.11.3",
    reasonCode: PROTOCOL,
  },
  {
    name: "a PUBACK reason code PUBACK may not carry",
    level: 5,
    bytes: frame(0x40, 0, 1, 0x05),
    rule: "MQTT-2.4",
    reasonCode: PROTOCOL,
  },
  {
    name: "a truncated topic",
    level: 4,
    bytes: frame(0x30, 0, 9, 0x61),
    rule: "MQTT-3.3.2.1",
    reasonCode: MALFORMED,
  },
  {
    name: "a truncated CONNECT",
    level: 4,
    bytes: frame(0x10, ...str("MQTT"), 4, 2, 0),
    rule: "MQTT-3.1.2",
    reasonCode: MALFORMED,
  },
  {
    name: "a truncated client identifier",
    level: 4,
    bytes: frame(0x10, ...str("MQTT"), 4, 2, 0, 0, 0, 5, 0x61),
    rule: "MQTT-1.5.4",
    reasonCode: MALFORMED,
  },
  {
    name: "trailing bytes after PINGREQ",
    level: 4,
    bytes: frame(0xc0, 0),
    rule: "MQTT-2.1.4",
    reasonCode: MALFORMED,
  },
  {
    name: "trailing bytes after a 3.1.1 PUBACK",
    level: 4,
    bytes: frame(0x40, 0, 1, 0),
    rule: "MQTT-2.1.4",
    reasonCode: MALFORMED,
  },
  {
    name: "trailing bytes after a CONNECT",
    level: 4,
    bytes: frame(0x10, ...str("MQTT"), 4, 2, 0, 0, ...str("c"), 9),
    rule: "MQTT-2.1.4",
    reasonCode: MALFORMED,
  },
  {
    name: "a remaining length that disagrees with the frame",
    level: 4,
    bytes: new Uint8Array([0xc0, 1]),
    rule: "MQTT-2.1.4",
    reasonCode: MALFORMED,
  },
  {
    name: "protocol name 'MQTT' with level 3",
    level: 4,
    bytes: frame(0x10, ...str("MQTT"), 3, 2, 0, 0, ...str("c")),
    rule: "MQTT-3.1.2-2",
    reasonCode: ReasonCode.UnsupportedProtocolVersion,
    message: "Cannot decode CONNECT: protocol name is 'MQTT' but level is 3 [MQTT-3.1.2-2]",
  },
  {
    name: "protocol name 'MQIsdp' with level 4",
    level: 4,
    bytes: frame(0x10, ...str("MQIsdp"), 4, 2, 0, 0, ...str("c")),
    rule: "MQTT-3.1.2-2",
    reasonCode: ReasonCode.UnsupportedProtocolVersion,
    message: "Cannot decode CONNECT: protocol name is 'MQIsdp' but level is 4 [MQTT-3.1.2-2]",
  },
  {
    name: "an unknown protocol name",
    level: 4,
    bytes: frame(0x10, ...str("HTTP"), 4, 2, 0, 0, ...str("c")),
    rule: "MQTT-3.1.2-1",
    reasonCode: ReasonCode.UnsupportedProtocolVersion,
  },
  {
    name: "protocol level 6",
    level: 4,
    bytes: frame(0x10, ...str("MQTT"), 6, 2, 0, 0, ...str("c")),
    rule: "MQTT-3.1.2-2",
    reasonCode: ReasonCode.UnsupportedProtocolVersion,
  },
  {
    name: "the reserved CONNECT flag",
    level: 4,
    bytes: frame(0x10, ...str("MQTT"), 4, 3, 0, 0, ...str("c")),
    rule: "MQTT-3.1.2-3",
    reasonCode: MALFORMED,
  },
  {
    name: "will QoS without a will",
    level: 4,
    bytes: frame(0x10, ...str("MQTT"), 4, 0x0a, 0, 0, ...str("c")),
    rule: "MQTT-3.1.2-11",
    reasonCode: MALFORMED,
  },
  {
    name: "will QoS 3",
    level: 4,
    bytes: frame(0x10, ...str("MQTT"), 4, 0x1e, 0, 0, ...str("c"), ...str("w"), 0, 0),
    rule: "MQTT-3.1.2-12",
    reasonCode: MALFORMED,
  },
  {
    name: "a password without a user name (3.1.1)",
    level: 4,
    bytes: frame(0x10, ...str("MQTT"), 4, 0x42, 0, 0, ...str("c"), 0, 0),
    rule: "MQTT-3.1.2-22",
    reasonCode: MALFORMED,
  },
  {
    name: "reserved CONNACK flags",
    level: 4,
    bytes: frame(0x20, 2, 0),
    rule: "MQTT-3.2.2-1",
    reasonCode: MALFORMED,
  },
  {
    name: "a reserved CONNACK return code",
    level: 4,
    bytes: frame(0x20, 0, 6),
    rule: "MQTT-3.2.2.3",
    reasonCode: MALFORMED,
  },
  {
    name: "a reserved SUBACK return code",
    level: 4,
    bytes: frame(0x90, 0, 1, 3),
    rule: "MQTT-3.9.3-2",
    reasonCode: MALFORMED,
  },
  {
    name: "AUTH before MQTT 5",
    level: 4,
    bytes: frame(0xf0),
    rule: "MQTT-2.1.2",
    reasonCode: MALFORMED,
  },
];

for (const c of CASES) {
  Deno.test(`decodeFrame() refuses ${c.name} [${c.rule}]`, () => {
    assert.throws(() => decodeFrame(c.bytes, c.level), (e: unknown) => {
      assert.ok(e instanceof CodecError, `not a CodecError: ${e}`);
      assert.equal(e.rule, c.rule, e.message);
      assert.equal(e.reasonCode, c.reasonCode, e.message);
      if (c.message) assert.equal(e.message, c.message);
      return true;
    });
  });
}

const ENCODE_CASES: [string, Packet, ProtocolLevel, string][] = [
  [
    "a wildcard in a PUBLISH topic",
    { type: "PUBLISH", dup: false, qos: 0, retain: false, topic: "a/#", payload: new Uint8Array() },
    4,
    "MQTT-3.3.2-2",
  ],
  [
    "QoS 1 without a packet id",
    { type: "PUBLISH", dup: false, qos: 1, retain: false, topic: "a", payload: new Uint8Array() },
    4,
    "MQTT-2.2.1-3",
  ],
  [
    "U+0000 in a client id",
    {
      type: "CONNECT",
      protocolName: "MQTT",
      protocolLevel: 4,
      cleanStart: true,
      keepaliveS: 0,
      clientId: "a\0",
    },
    4,
    "MQTT-1.5.4-2",
  ],
  [
    "a lone surrogate in a topic",
    {
      type: "PUBLISH",
      dup: false,
      qos: 0,
      retain: false,
      topic: "\ud800",
      payload: new Uint8Array(),
    },
    4,
    "MQTT-1.5.4-2",
  ],
  [
    "a SUBSCRIBE without subscriptions",
    { type: "SUBSCRIBE", packetId: 1, subscriptions: [] },
    4,
    "MQTT-3.8.3-2",
  ],
  ["AUTH before MQTT 5", { type: "AUTH" }, 4, "MQTT-3.15"],
  [
    "a property not allowed on the packet",
    { type: "PUBACK", packetId: 1, properties: { topicAlias: 1 } },
    5,
    "MQTT-2.2.2.2",
  ],
];

for (const [name, packet, level, rule] of ENCODE_CASES) {
  Deno.test(`encode() refuses ${name} [${rule}]`, () => {
    assert.throws(() => encode(packet, level), (e: unknown) => {
      assert.ok(e instanceof CodecError, `not a CodecError: ${e}`);
      assert.equal(e.rule, rule, e.message);
      assert.match(e.message, /^Cannot encode /);
      return true;
    });
  });
}
