/**
 * Byte vectors for tests: (name, level, packet, bytes) with the bytes commented field by
 * field, as mqtt-packet's tests do. Includes the frames umqtt.simple sends in the textbook
 * (seeds/textbook-ch26-mqtt.md) and the blog (seeds/blog-esp32-emqx.md).
 */
import type { Packet, ProtocolLevel } from "./packet.ts";

export interface Vector {
  name: string;
  level: ProtocolLevel;
  packet: Packet;
  bytes: number[];
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const u8 = (s: string) => new TextEncoder().encode(s);
/** A length-prefixed string: 2-byte length, then the bytes. */
const str = (s: string) => [u8(s).length >> 8, u8(s).length & 0xff, ...u8(s)];
/** A 2-byte big-endian integer. */
const u16 = (n: number) => [n >> 8, n & 0xff];
/** A 4-byte big-endian integer. */
const u32 = (n: number) => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

export const VECTORS: Vector[] = [
  {
    name: "textbook CONNECT: umqtt.simple, client id PZ-ESP32, keepalive 0",
    level: 4,
    packet: {
      type: "CONNECT",
      protocolName: "MQTT",
      protocolLevel: 4,
      cleanStart: true,
      keepaliveS: 0,
      clientId: "PZ-ESP32",
    },
    bytes: [
      0x10, // CONNECT, flags 0000
      20, // remaining length
      ...str("MQTT"), // protocol name
      4, // protocol level 3.1.1
      0b0000_0010, // connect flags: clean session
      ...u16(0), // keep alive 0 s (off)
      ...str("PZ-ESP32"), // client identifier
    ],
  },
  {
    name: "textbook PUBLISH: umqtt.simple, 'Hello PRECHIN' to /public/pz_esp32/1",
    level: 4,
    packet: {
      type: "PUBLISH",
      dup: false,
      qos: 0,
      retain: false,
      topic: "/public/pz_esp32/1",
      payload: u8("Hello PRECHIN"),
    },
    bytes: [
      0x30, // PUBLISH, dup 0, qos 0, retain 0
      33, // remaining length
      ...str("/public/pz_esp32/1"), // topic name
      ...ascii("Hello PRECHIN"), // payload, 13 bytes
    ],
  },
  {
    name: "textbook SUBSCRIBE: umqtt.simple, /public/pz_esp32/1 at qos 0, first packet id",
    level: 4,
    packet: {
      type: "SUBSCRIBE",
      packetId: 1,
      subscriptions: [{ topicFilter: "/public/pz_esp32/1", qos: 0 }],
    },
    bytes: [
      0x82, // SUBSCRIBE, flags 0010
      23, // remaining length
      ...u16(1), // packet identifier
      ...str("/public/pz_esp32/1"), // topic filter
      0, // options: qos 0
    ],
  },
  {
    name: "blog CONNECT: umqtt.simple with user name and password",
    level: 4,
    packet: {
      type: "CONNECT",
      protocolName: "MQTT",
      protocolLevel: 4,
      cleanStart: true,
      keepaliveS: 0,
      clientId: "esp32_client_001",
      username: "esp32_client_001",
      password: u8("xxxxxx"),
    },
    bytes: [
      0x10, // CONNECT
      54, // remaining length
      ...str("MQTT"), // protocol name
      4, // protocol level 3.1.1
      0b1100_0010, // connect flags: user name, password, clean session
      ...u16(0), // keep alive 0 s
      ...str("esp32_client_001"), // client identifier
      ...str("esp32_client_001"), // user name
      ...str("xxxxxx"), // password
    ],
  },
  {
    name: "blog SUBSCRIBE: esp32/publish",
    level: 4,
    packet: {
      type: "SUBSCRIBE",
      packetId: 1,
      subscriptions: [{ topicFilter: "esp32/publish", qos: 0 }],
    },
    bytes: [
      0x82, // SUBSCRIBE
      18, // remaining length
      ...u16(1), // packet identifier
      ...str("esp32/publish"), // topic filter
      0, // options: qos 0
    ],
  },
  {
    name: "MQTT 3.1 CONNECT (MQIsdp) with a will",
    level: 3,
    packet: {
      type: "CONNECT",
      protocolName: "MQIsdp",
      protocolLevel: 3,
      cleanStart: false,
      keepaliveS: 60,
      clientId: "old",
      will: { topic: "w", payload: u8("bye"), qos: 1, retain: true },
    },
    bytes: [
      0x10, // CONNECT
      25, // remaining length
      ...str("MQIsdp"), // protocol name
      3, // protocol level 3.1
      0b0010_1100, // will retain, will qos 1, will flag
      ...u16(60), // keep alive 60 s
      ...str("old"), // client identifier
      ...str("w"), // will topic
      ...str("bye"), // will payload
    ],
  },
  {
    name: "CONNACK 3.1.1 accepted, session present",
    level: 4,
    packet: { type: "CONNACK", sessionPresent: true, reasonCode: 0 },
    bytes: [
      0x20, // CONNACK
      2, // remaining length
      0x01, // session present
      0, // return code 0: accepted
    ],
  },
  {
    name: "CONNACK 3.1.1 bad user name or password",
    level: 4,
    packet: { type: "CONNACK", sessionPresent: false, reasonCode: 4 },
    bytes: [0x20, 2, 0, 4], // CONNACK, length 2, flags 0, return code 4
  },
  {
    name: "PUBLISH qos 1 retained, 3.1.1",
    level: 4,
    packet: {
      type: "PUBLISH",
      dup: true,
      qos: 1,
      retain: true,
      topic: "a/b",
      packetId: 10,
      payload: u8("on"),
    },
    bytes: [
      0x3b, // PUBLISH, dup 1, qos 01, retain 1
      9, // remaining length
      ...str("a/b"), // topic name
      ...u16(10), // packet identifier
      ...ascii("on"), // payload
    ],
  },
  {
    name: "PUBACK 3.1.1",
    level: 4,
    packet: { type: "PUBACK", packetId: 10 },
    bytes: [0x40, 2, ...u16(10)], // PUBACK, length 2, packet identifier 10
  },
  {
    name: "PUBREC 3.1.1",
    level: 4,
    packet: { type: "PUBREC", packetId: 0x1234 },
    bytes: [0x50, 2, ...u16(0x1234)], // PUBREC, length 2, packet identifier
  },
  {
    name: "PUBREL 3.1.1 (flags 0010)",
    level: 4,
    packet: { type: "PUBREL", packetId: 0x1234 },
    bytes: [0x62, 2, ...u16(0x1234)], // PUBREL (flags 0010), length 2, packet identifier
  },
  {
    name: "PUBCOMP 3.1.1",
    level: 4,
    packet: { type: "PUBCOMP", packetId: 0x1234 },
    bytes: [0x70, 2, ...u16(0x1234)], // PUBCOMP, length 2, packet identifier
  },
  {
    name: "SUBACK 3.1.1 granted qos 0 and failure",
    level: 4,
    packet: { type: "SUBACK", packetId: 1, reasonCodes: [0, 0x80] },
    bytes: [
      0x90, // SUBACK
      4, // remaining length
      ...u16(1), // packet identifier
      0, // granted qos 0
      0x80, // failure
    ],
  },
  {
    name: "UNSUBSCRIBE 3.1.1 two filters",
    level: 4,
    packet: { type: "UNSUBSCRIBE", packetId: 2, topicFilters: ["a/#", "b/+"] },
    bytes: [
      0xa2, // UNSUBSCRIBE, flags 0010
      12, // remaining length
      ...u16(2), // packet identifier
      ...str("a/#"), // topic filter
      ...str("b/+"), // topic filter
    ],
  },
  {
    name: "UNSUBACK 3.1.1",
    level: 4,
    packet: { type: "UNSUBACK", packetId: 2 },
    bytes: [0xb0, 2, ...u16(2)], // UNSUBACK, length 2, packet identifier 2
  },
  { name: "PINGREQ", level: 4, packet: { type: "PINGREQ" }, bytes: [0xc0, 0] }, // PINGREQ, length 0
  { name: "PINGRESP", level: 4, packet: { type: "PINGRESP" }, bytes: [0xd0, 0] }, // PINGRESP, length 0
  { name: "DISCONNECT 3.1.1", level: 4, packet: { type: "DISCONNECT" }, bytes: [0xe0, 0] }, // length 0
  {
    name: "CONNECT 5.0 with properties, will properties and password only",
    level: 5,
    packet: {
      type: "CONNECT",
      protocolName: "MQTT",
      protocolLevel: 5,
      cleanStart: true,
      keepaliveS: 30,
      clientId: "c5",
      properties: { sessionExpiryIntervalS: 3600, receiveMaximum: 20 },
      will: {
        topic: "st",
        payload: u8("off"),
        qos: 0,
        retain: false,
        properties: { willDelayIntervalS: 5 },
      },
      password: u8("pw"),
    },
    bytes: [
      0x10, // CONNECT
      42, // remaining length
      ...str("MQTT"), // protocol name
      5, // protocol level 5.0
      0b0100_0110, // password, will flag, clean start
      ...u16(30), // keep alive 30 s
      8, // property length
      ...[0x11, ...u32(3600)], // session expiry interval 3600 s
      ...[0x21, ...u16(20)], // receive maximum 20
      ...str("c5"), // client identifier
      5, // will property length
      ...[0x18, ...u32(5)], // will delay interval 5 s
      ...str("st"), // will topic
      ...str("off"), // will payload
      ...str("pw"), // password
    ],
  },
  {
    name: "CONNACK 5.0 with assigned client id and maximum QoS",
    level: 5,
    packet: {
      type: "CONNACK",
      sessionPresent: false,
      reasonCode: 0,
      properties: { assignedClientIdentifier: "auto-1", maximumQoS: 1, retainAvailable: true },
    },
    bytes: [
      0x20, // CONNACK
      16, // remaining length
      0, // acknowledge flags
      0, // reason code: success
      13, // property length
      ...[0x12, ...str("auto-1")], // assigned client identifier
      ...[0x24, 1], // maximum QoS 1
      ...[0x25, 1], // retain available
    ],
  },
  {
    name: "CONNACK 5.0 not authorized",
    level: 5,
    packet: { type: "CONNACK", sessionPresent: false, reasonCode: 0x87 },
    bytes: [
      0x20, // CONNACK
      3, // remaining length
      0, // acknowledge flags
      0x87, // reason code: not authorized
      0, // property length
    ],
  },
  {
    name: "PUBLISH 5.0 qos 2 with properties (user properties keep order, repeated ids)",
    level: 5,
    packet: {
      type: "PUBLISH",
      dup: false,
      qos: 2,
      retain: false,
      topic: "t",
      packetId: 7,
      payload: u8("{}"),
      properties: {
        payloadFormatIndicator: 1,
        contentType: "json",
        subscriptionIdentifiers: [1, 200],
        userProperties: [["k", "1"], ["k", "2"]],
      },
    },
    bytes: [
      0x34, // PUBLISH, qos 2
      36, // remaining length
      ...str("t"), // topic name
      ...u16(7), // packet identifier
      28, // property length
      ...[0x01, 1], // payload format indicator: UTF-8
      ...[0x03, ...str("json")], // content type
      ...[0x0b, 1], // subscription identifier 1
      ...[0x0b, 0xc8, 0x01], // subscription identifier 200 (2-byte varint)
      ...[0x26, ...str("k"), ...str("1")], // user property k=1
      ...[0x26, ...str("k"), ...str("2")], // user property k=2
      ...ascii("{}"), // payload
    ],
  },
  {
    name: "PUBLISH 5.0 with a topic alias and an empty topic",
    level: 5,
    packet: {
      type: "PUBLISH",
      dup: false,
      qos: 0,
      retain: false,
      topic: "",
      payload: u8("x"),
      properties: { topicAlias: 3 },
    },
    bytes: [
      0x30, // PUBLISH, qos 0
      7, // remaining length
      ...str(""), // topic name: empty, the alias stands for it
      3, // property length
      ...[0x23, ...u16(3)], // topic alias 3
      ...ascii("x"), // payload
    ],
  },
  {
    name: "PUBLISH 5.0 qos 0 without properties",
    level: 5,
    packet: {
      type: "PUBLISH",
      dup: false,
      qos: 0,
      retain: false,
      topic: "a",
      payload: new Uint8Array(0),
    },
    bytes: [
      0x30, // PUBLISH, qos 0
      4, // remaining length
      ...str("a"), // topic name
      0, // property length; the payload is empty
    ],
  },
  {
    name: "PUBACK 5.0 short form (success, no properties)",
    level: 5,
    packet: { type: "PUBACK", packetId: 5 },
    bytes: [0x40, 2, ...u16(5)], // PUBACK, length 2, packet identifier: reason 0 implied
  },
  {
    name: "PUBACK 5.0 no matching subscribers, property length omitted",
    level: 5,
    packet: { type: "PUBACK", packetId: 5, reasonCode: 0x10 },
    bytes: [
      0x40, // PUBACK
      3, // remaining length
      ...u16(5), // packet identifier
      0x10, // reason code: no matching subscribers
    ],
  },
  {
    name: "PUBREC 5.0 with a reason string",
    level: 5,
    packet: { type: "PUBREC", packetId: 5, reasonCode: 0x80, properties: { reasonString: "no" } },
    bytes: [
      0x50, // PUBREC
      9, // remaining length
      ...u16(5), // packet identifier
      0x80, // reason code: unspecified error
      5, // property length
      ...[0x1f, ...str("no")], // reason string
    ],
  },
  {
    name: "PUBREL 5.0 packet identifier not found",
    level: 5,
    packet: { type: "PUBREL", packetId: 5, reasonCode: 0x92 },
    bytes: [
      0x62, // PUBREL, flags 0010
      3, // remaining length
      ...u16(5), // packet identifier
      0x92, // reason code: packet identifier not found
    ],
  },
  {
    name: "PUBCOMP 5.0",
    level: 5,
    packet: { type: "PUBCOMP", packetId: 5 },
    bytes: [0x70, 2, ...u16(5)], // PUBCOMP, length 2, packet identifier
  },
  {
    name: "SUBSCRIBE 5.0 with options and a subscription identifier",
    level: 5,
    packet: {
      type: "SUBSCRIBE",
      packetId: 9,
      subscriptions: [
        { topicFilter: "a/+", qos: 1, noLocal: true, retainAsPublished: false, retainHandling: 2 },
        {
          topicFilter: "$share/g/b",
          qos: 2,
          noLocal: false,
          retainAsPublished: true,
          retainHandling: 0,
        },
      ],
      properties: { subscriptionIdentifiers: [42] },
    },
    bytes: [
      0x82, // SUBSCRIBE
      24, // remaining length
      ...u16(9), // packet identifier
      2, // property length
      ...[0x0b, 42], // subscription identifier 42
      ...str("a/+"), // topic filter
      0b0010_0101, // retain handling 2, no local, qos 1
      ...str("$share/g/b"), // topic filter
      0b0000_1010, // retain as published, qos 2
    ],
  },
  {
    name: "SUBACK 5.0",
    level: 5,
    packet: { type: "SUBACK", packetId: 9, reasonCodes: [1, 0x9e] },
    bytes: [
      0x90, // SUBACK
      5, // remaining length
      ...u16(9), // packet identifier
      0, // property length
      1, // granted QoS 1
      0x9e, // shared subscriptions not supported
    ],
  },
  {
    name: "UNSUBSCRIBE 5.0",
    level: 5,
    packet: { type: "UNSUBSCRIBE", packetId: 3, topicFilters: ["a"] },
    bytes: [
      0xa2, // UNSUBSCRIBE, flags 0010
      6, // remaining length
      ...u16(3), // packet identifier
      0, // property length
      ...str("a"), // topic filter
    ],
  },
  {
    name: "UNSUBACK 5.0",
    level: 5,
    packet: { type: "UNSUBACK", packetId: 3, reasonCodes: [0x11] },
    bytes: [
      0xb0, // UNSUBACK
      4, // remaining length
      ...u16(3), // packet identifier
      0, // property length
      0x11, // no subscription existed
    ],
  },
  {
    name: "DISCONNECT 5.0 short form",
    level: 5,
    packet: { type: "DISCONNECT" },
    bytes: [0xe0, 0], // DISCONNECT, length 0: normal disconnection
  },
  {
    name: "DISCONNECT 5.0 with will and session expiry",
    level: 5,
    packet: { type: "DISCONNECT", reasonCode: 0x04, properties: { sessionExpiryIntervalS: 0 } },
    bytes: [
      0xe0, // DISCONNECT
      7, // remaining length
      0x04, // reason code: disconnect with will message
      5, // property length
      ...[0x11, ...u32(0)], // session expiry interval 0 s
    ],
  },
  {
    name: "AUTH 5.0 continue authentication",
    level: 5,
    packet: {
      type: "AUTH",
      reasonCode: 0x18,
      properties: { authenticationMethod: "X", authenticationData: new Uint8Array([1, 2]) },
    },
    bytes: [
      0xf0, // AUTH
      11, // remaining length
      0x18, // reason code: continue authentication
      9, // property length
      ...[0x15, ...str("X")], // authentication method
      ...[0x16, ...u16(2), 1, 2], // authentication data
    ],
  },
];
