/**
 * The encoder: a packet in, one complete frame out. Each packet is sized first, then written
 * into one exactly sized Uint8Array (no intermediate buffers). Packets the decoder would
 * refuse are refused here too, with a CodecError naming the rule.
 */
import {
  CONNACK_SESSION_PRESENT,
  CONNECT_CLEAN,
  CONNECT_PASSWORD,
  CONNECT_USERNAME,
  CONNECT_WILL,
  CONNECT_WILL_QOS_SHIFT,
  CONNECT_WILL_RETAIN,
  PacketTypeCode,
  PROTOCOL_NAME,
  PROTOCOL_NAME_V3,
  PUBLISH_DUP,
  PUBLISH_QOS_SHIFT,
  PUBLISH_RETAIN,
  REQUIRED_FLAGS,
  SUB_NO_LOCAL,
  SUB_RETAIN_AS_PUBLISHED,
  SUB_RETAIN_HANDLING_SHIFT,
  VARINT_MAX,
} from "./constants.ts";
import { cannotEncode } from "./errors.ts";
import type {
  AuthPacket,
  ConnackPacket,
  ConnectPacket,
  DisconnectPacket,
  Packet,
  ProtocolLevel,
  PubackPacket,
  PublishPacket,
  SubackPacket,
  SubscribePacket,
  UnsubackPacket,
  UnsubscribePacket,
} from "./packet.ts";
import { contextOf, propertiesSize, writeProperties } from "./properties.ts";
import { utf8Length, writeUtf8 } from "./utf8.ts";
import { varintSize, writeVarint } from "./varint.ts";

/** Encodes `packet` as one frame for protocol `level` (a CONNECT uses its own protocolLevel). */
export function encode(packet: Packet, level: ProtocolLevel): Uint8Array {
  switch (packet.type) {
    case "PUBLISH":
      return encodePublish(packet, level);
    case "CONNECT":
      return encodeConnect(packet);
    case "CONNACK":
      return encodeConnack(packet, level);
    case "PUBACK":
    case "PUBREC":
    case "PUBREL":
    case "PUBCOMP":
      return encodeAck(packet, level);
    case "SUBSCRIBE":
      return encodeSubscribe(packet, level);
    case "SUBACK":
      return encodeSuback(packet, level);
    case "UNSUBSCRIBE":
      return encodeUnsubscribe(packet, level);
    case "UNSUBACK":
      return encodeUnsuback(packet, level);
    case "PINGREQ":
    case "PINGRESP":
      return new Uint8Array([PacketTypeCode[packet.type] << 4, 0]);
    case "DISCONNECT":
    case "AUTH":
      return encodeReasonOnly(packet, level);
    default:
      throw cannotEncode(
        String((packet as { type: unknown }).type),
        "unknown packet type",
        "MQTT-2.1.2",
      );
  }
}

/** Allocates the frame and writes the fixed header; returns [frame, position after header]. */
function frame(type: Packet["type"], flags: number, remaining: number): Uint8Array {
  if (remaining > VARINT_MAX) {
    throw cannotEncode(type, `remaining length ${remaining} exceeds ${VARINT_MAX}`, "MQTT-1.5.5");
  }
  const out = new Uint8Array(1 + varintSize(remaining) + remaining);
  out[0] = (PacketTypeCode[type] << 4) | flags;
  writeVarint(out, 1, remaining);
  return out;
}

function headerSize(remaining: number): number {
  return 1 + varintSize(remaining);
}

function stringSize(what: string, label: string, s: unknown): number {
  if (typeof s !== "string") throw cannotEncode(what, `${label} is not a string`, "MQTT-1.5.4");
  const n = utf8Length(s);
  if (n < 0) {
    throw cannotEncode(what, `${label} contains U+0000 or a lone surrogate`, "MQTT-1.5.4-2");
  }
  if (n > 0xffff) throw cannotEncode(what, `${label} is longer than 65535 bytes`, "MQTT-1.5.4");
  return n;
}

function writeString(out: Uint8Array, pos: number, s: string, n: number): number {
  out[pos] = n >>> 8;
  out[pos + 1] = n & 0xff;
  return writeUtf8(out, pos + 2, s, n);
}

function writeBinary(out: Uint8Array, pos: number, b: Uint8Array): number {
  out[pos] = b.length >>> 8;
  out[pos + 1] = b.length & 0xff;
  out.set(b, pos + 2);
  return pos + 2 + b.length;
}

function checkBinary(what: string, label: string, b: unknown): Uint8Array {
  if (!(b instanceof Uint8Array)) {
    throw cannotEncode(what, `${label} is not a Uint8Array`, "MQTT-1.5.6");
  }
  if (b.length > 0xffff) {
    throw cannotEncode(what, `${label} is longer than 65535 bytes`, "MQTT-1.5.6");
  }
  return b;
}

function checkPacketId(what: string, id: unknown): number {
  if (typeof id !== "number" || !Number.isInteger(id) || id < 1 || id > 0xffff) {
    throw cannotEncode(what, `packet identifier must be 1..65535, got ${id}`, "MQTT-2.2.1-3");
  }
  return id;
}

function checkQos(what: string, qos: unknown): number {
  if (qos !== 0 && qos !== 1 && qos !== 2) {
    throw cannotEncode(what, `QoS must be 0, 1 or 2, got ${qos}`, "MQTT-3.3.1-4");
  }
  return qos;
}

function writeU16(out: Uint8Array, pos: number, n: number): number {
  out[pos] = n >>> 8;
  out[pos + 1] = n & 0xff;
  return pos + 2;
}

function encodePublish(p: PublishPacket, level: ProtocolLevel): Uint8Array {
  const qos = checkQos("PUBLISH", p.qos);
  const topic = p.topic;
  const topicLen = stringSize("PUBLISH", "topic", topic);
  // [MQTT-3.3.2-2] a topic name carries no wildcards
  if (topic.indexOf("+") !== -1 || topic.indexOf("#") !== -1) {
    throw cannotEncode("PUBLISH", `topic '${topic}' contains a wildcard`, "MQTT-3.3.2-2");
  }
  const payload = p.payload;
  if (!(payload instanceof Uint8Array)) {
    throw cannotEncode("PUBLISH", "payload is not a Uint8Array", "MQTT-3.3.3");
  }
  let remaining = 2 + topicLen + payload.length;
  if (qos > 0) {
    checkPacketId("PUBLISH", p.packetId);
    remaining += 2;
  }
  let propsSize = 0;
  if (level === 5) {
    propsSize = propertiesSize("PUBLISH", p.properties, contextOf("PUBLISH"));
    remaining += varintSize(propsSize) + propsSize;
    if (topicLen === 0 && p.properties?.topicAlias === undefined) {
      throw cannotEncode("PUBLISH", "empty topic without a Topic Alias", "MQTT-3.3.2-1");
    }
  } else if (topicLen === 0) {
    throw cannotEncode("PUBLISH", "empty topic", "MQTT-4.7.3-1");
  }
  const flags = (p.dup ? PUBLISH_DUP : 0) | (qos << PUBLISH_QOS_SHIFT) |
    (p.retain ? PUBLISH_RETAIN : 0);
  const out = frame("PUBLISH", flags, remaining);
  let pos = writeString(out, headerSize(remaining), topic, topicLen);
  if (qos > 0) pos = writeU16(out, pos, p.packetId!);
  if (level === 5) pos = writeProperties(out, pos, p.properties, propsSize);
  out.set(payload, pos);
  return out;
}

function encodeConnect(p: ConnectPacket): Uint8Array {
  const what = "CONNECT";
  const level = p.protocolLevel;
  if (level !== 3 && level !== 4 && level !== 5) {
    throw cannotEncode(what, `protocol level must be 3, 4 or 5, got ${level}`, "MQTT-3.1.2-2");
  }
  const name = p.protocolName ?? (level === 3 ? PROTOCOL_NAME_V3 : PROTOCOL_NAME);
  const nameLen = stringSize(what, "protocol name", name);
  const keepalive = p.keepaliveS;
  if (!Number.isInteger(keepalive) || keepalive < 0 || keepalive > 0xffff) {
    throw cannotEncode(what, `keep alive must be 0..65535 s, got ${keepalive}`, "MQTT-3.1.2.10");
  }
  const idLen = stringSize(what, "client identifier", p.clientId);
  let remaining = 2 + nameLen + 1 + 1 + 2 + 2 + idLen;
  let propsSize = 0;
  if (level === 5) {
    propsSize = propertiesSize(what, p.properties, contextOf("CONNECT"));
    remaining += varintSize(propsSize) + propsSize;
  }
  let flags = p.cleanStart ? CONNECT_CLEAN : 0;
  const will = p.will;
  let willTopicLen = 0;
  let willPropsSize = 0;
  if (will !== undefined) {
    flags |= CONNECT_WILL | (checkQos(what, will.qos) << CONNECT_WILL_QOS_SHIFT) |
      (will.retain ? CONNECT_WILL_RETAIN : 0);
    willTopicLen = stringSize(what, "will topic", will.topic);
    remaining += 2 + willTopicLen + 2 + checkBinary(what, "will payload", will.payload).length;
    if (level === 5) {
      willPropsSize = propertiesSize(what, will.properties, contextOf("WILL"));
      remaining += varintSize(willPropsSize) + willPropsSize;
    }
  }
  let userLen = 0;
  if (p.username !== undefined) {
    flags |= CONNECT_USERNAME;
    userLen = stringSize(what, "user name", p.username);
    remaining += 2 + userLen;
  }
  if (p.password !== undefined) {
    // [MQTT-3.1.2-22] in 3.1.1, no password without a user name
    if (p.username === undefined && level !== 5) {
      throw cannotEncode(what, "a password needs a user name before MQTT 5", "MQTT-3.1.2-22");
    }
    flags |= CONNECT_PASSWORD;
    remaining += 2 + checkBinary(what, "password", p.password).length;
  }
  const out = frame("CONNECT", 0, remaining);
  let pos = writeString(out, headerSize(remaining), name, nameLen);
  out[pos++] = level;
  out[pos++] = flags;
  pos = writeU16(out, pos, keepalive);
  if (level === 5) pos = writeProperties(out, pos, p.properties, propsSize);
  pos = writeString(out, pos, p.clientId, idLen);
  if (will !== undefined) {
    if (level === 5) pos = writeProperties(out, pos, will.properties, willPropsSize);
    pos = writeString(out, pos, will.topic, willTopicLen);
    pos = writeBinary(out, pos, will.payload);
  }
  if (p.username !== undefined) pos = writeString(out, pos, p.username, userLen);
  if (p.password !== undefined) pos = writeBinary(out, pos, p.password);
  return out;
}

function checkReasonCode(what: string, rc: unknown): number {
  if (typeof rc !== "number" || !Number.isInteger(rc) || rc < 0 || rc > 0xff) {
    throw cannotEncode(what, `reason code must be a byte, got ${rc}`, "MQTT-2.4");
  }
  return rc;
}

function encodeConnack(p: ConnackPacket, level: ProtocolLevel): Uint8Array {
  const rc = checkReasonCode("CONNACK", p.reasonCode);
  let remaining = 2;
  let propsSize = 0;
  if (level === 5) {
    propsSize = propertiesSize("CONNACK", p.properties, contextOf("CONNACK"));
    remaining += varintSize(propsSize) + propsSize;
  }
  const out = frame("CONNACK", 0, remaining);
  const pos = headerSize(remaining);
  out[pos] = p.sessionPresent ? CONNACK_SESSION_PRESENT : 0;
  out[pos + 1] = rc;
  if (level === 5) writeProperties(out, pos + 2, p.properties, propsSize);
  return out;
}

function encodeAck(
  p: PubackPacket | { type: "PUBREC" | "PUBREL" | "PUBCOMP" } & Omit<PubackPacket, "type">,
  level: ProtocolLevel,
): Uint8Array {
  const id = checkPacketId(p.type, p.packetId);
  const flags = REQUIRED_FLAGS[PacketTypeCode[p.type]];
  if (level !== 5) {
    const out = frame(p.type, flags, 2);
    writeU16(out, 2, id);
    return out;
  }
  const rc = checkReasonCode(p.type, p.reasonCode ?? 0);
  const propsSize = propertiesSize(p.type, p.properties, contextOf(p.type));
  // 3.4.2.1: reason code 0 without properties may be omitted; property length may be
  // omitted when there are no properties
  const remaining = propsSize > 0 ? 3 + varintSize(propsSize) + propsSize : rc !== 0 ? 3 : 2;
  const out = frame(p.type, flags, remaining);
  const pos = writeU16(out, headerSize(remaining), id);
  if (remaining > 2) out[pos] = rc;
  if (propsSize > 0) writeProperties(out, pos + 1, p.properties, propsSize);
  return out;
}

function encodeSubscribe(p: SubscribePacket, level: ProtocolLevel): Uint8Array {
  const what = "SUBSCRIBE";
  const id = checkPacketId(what, p.packetId);
  const subs = p.subscriptions;
  // [MQTT-3.8.3-2] at least one topic filter
  if (!Array.isArray(subs) || subs.length === 0) {
    throw cannotEncode(what, "no subscriptions", "MQTT-3.8.3-2");
  }
  let remaining = 2;
  let propsSize = 0;
  if (level === 5) {
    propsSize = propertiesSize(what, p.properties, contextOf(what));
    remaining += varintSize(propsSize) + propsSize;
  }
  const lens = new Array<number>(subs.length);
  for (let i = 0; i < subs.length; i++) {
    lens[i] = stringSize(what, "topic filter", subs[i].topicFilter);
    checkQos(what, subs[i].qos);
    remaining += 3 + lens[i];
  }
  const out = frame(what, REQUIRED_FLAGS[PacketTypeCode.SUBSCRIBE], remaining);
  let pos = writeU16(out, headerSize(remaining), id);
  if (level === 5) pos = writeProperties(out, pos, p.properties, propsSize);
  for (let i = 0; i < subs.length; i++) {
    const s = subs[i];
    pos = writeString(out, pos, s.topicFilter, lens[i]);
    let options = s.qos;
    if (level === 5) {
      const rh = s.retainHandling ?? 0;
      if (rh !== 0 && rh !== 1 && rh !== 2) {
        throw cannotEncode(what, `retain handling must be 0, 1 or 2, got ${rh}`, "MQTT-3.8.3-5");
      }
      options |= (s.noLocal ? SUB_NO_LOCAL : 0) |
        (s.retainAsPublished ? SUB_RETAIN_AS_PUBLISHED : 0) |
        (rh << SUB_RETAIN_HANDLING_SHIFT);
    }
    out[pos++] = options;
  }
  return out;
}

function encodeCodes(
  what: "SUBACK" | "UNSUBACK",
  id: number,
  codes: number[],
  properties: SubackPacket["properties"],
  level: ProtocolLevel,
): Uint8Array {
  let remaining = 2 + codes.length;
  let propsSize = 0;
  if (level === 5) {
    propsSize = propertiesSize(what, properties, contextOf(what));
    remaining += varintSize(propsSize) + propsSize;
  }
  const out = frame(what, 0, remaining);
  let pos = writeU16(out, headerSize(remaining), id);
  if (level === 5) pos = writeProperties(out, pos, properties, propsSize);
  for (const c of codes) out[pos++] = checkReasonCode(what, c);
  return out;
}

function encodeSuback(p: SubackPacket, level: ProtocolLevel): Uint8Array {
  const id = checkPacketId("SUBACK", p.packetId);
  if (!Array.isArray(p.reasonCodes) || p.reasonCodes.length === 0) {
    throw cannotEncode("SUBACK", "no reason codes", "MQTT-3.9.3-1");
  }
  return encodeCodes("SUBACK", id, p.reasonCodes, p.properties, level);
}

function encodeUnsuback(p: UnsubackPacket, level: ProtocolLevel): Uint8Array {
  const id = checkPacketId("UNSUBACK", p.packetId);
  if (level !== 5) return encodeCodes("UNSUBACK", id, [], undefined, level);
  if (!Array.isArray(p.reasonCodes) || p.reasonCodes.length === 0) {
    throw cannotEncode("UNSUBACK", "no reason codes", "MQTT-3.11.3-1");
  }
  return encodeCodes("UNSUBACK", id, p.reasonCodes, p.properties, level);
}

function encodeUnsubscribe(p: UnsubscribePacket, level: ProtocolLevel): Uint8Array {
  const what = "UNSUBSCRIBE";
  const id = checkPacketId(what, p.packetId);
  const filters = p.topicFilters;
  if (!Array.isArray(filters) || filters.length === 0) {
    throw cannotEncode(what, "no topic filters", "MQTT-3.10.3-2");
  }
  let remaining = 2;
  let propsSize = 0;
  if (level === 5) {
    propsSize = propertiesSize(what, p.properties, contextOf(what));
    remaining += varintSize(propsSize) + propsSize;
  }
  const lens = filters.map((f) => stringSize(what, "topic filter", f));
  for (const n of lens) remaining += 2 + n;
  const out = frame(what, REQUIRED_FLAGS[PacketTypeCode.UNSUBSCRIBE], remaining);
  let pos = writeU16(out, headerSize(remaining), id);
  if (level === 5) pos = writeProperties(out, pos, p.properties, propsSize);
  for (let i = 0; i < filters.length; i++) pos = writeString(out, pos, filters[i], lens[i]);
  return out;
}

function encodeReasonOnly(p: DisconnectPacket | AuthPacket, level: ProtocolLevel): Uint8Array {
  if (level !== 5) {
    if (p.type === "AUTH") throw cannotEncode("AUTH", "AUTH exists only in MQTT 5", "MQTT-3.15");
    return new Uint8Array([PacketTypeCode.DISCONNECT << 4, 0]);
  }
  const rc = checkReasonCode(p.type, p.reasonCode ?? 0);
  const propsSize = propertiesSize(p.type, p.properties, contextOf(p.type));
  // 3.14.2.1 / 3.15.2.1: reason 0 without properties may be omitted entirely
  const remaining = propsSize > 0 ? 1 + varintSize(propsSize) + propsSize : rc !== 0 ? 1 : 0;
  const out = frame(p.type, 0, remaining);
  const pos = headerSize(remaining);
  if (remaining > 0) out[pos] = rc;
  if (propsSize > 0) writeProperties(out, pos + 1, p.properties, propsSize);
  return out;
}
