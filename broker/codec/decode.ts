/**
 * The decoder: `decodeFrame` turns one complete frame into a packet, validating as it goes;
 * `Decoder` cuts a byte stream into frames, whether they arrive split at any byte or glued
 * together, and refuses an oversized frame from its header, before buffering its body.
 */
import {
  CONNACK_RESERVED,
  CONNACK_SESSION_PRESENT,
  CONNECT_CLEAN,
  CONNECT_PASSWORD,
  CONNECT_RESERVED,
  CONNECT_USERNAME,
  CONNECT_WILL,
  CONNECT_WILL_QOS_MASK,
  CONNECT_WILL_QOS_SHIFT,
  CONNECT_WILL_RETAIN,
  DEFAULT_MAX_PACKET_SIZE,
  FLAGS_MASK,
  PACKET_TYPE_NAMES,
  PROTOCOL_NAME,
  PROTOCOL_NAME_V3,
  PUBLISH_DUP,
  PUBLISH_QOS_MASK,
  PUBLISH_QOS_SHIFT,
  PUBLISH_RETAIN,
  ReasonCode,
  REQUIRED_FLAGS,
  SUB_NO_LOCAL,
  SUB_QOS_MASK,
  SUB_RESERVED_V4,
  SUB_RESERVED_V5,
  SUB_RETAIN_AS_PUBLISHED,
  SUB_RETAIN_HANDLING_MASK,
  SUB_RETAIN_HANDLING_SHIFT,
  SUBACK_FAILURE_V4,
  VALID_REASON_CODES,
  VARINT_MAX_BYTES,
} from "./constants.ts";
import { CodecError, malformed, protocolError } from "./errors.ts";
import type {
  ConnectPacket,
  DecodedFrame,
  Packet,
  PacketType,
  Properties,
  ProtocolLevel,
  QoS,
  Subscription,
  Will,
} from "./packet.ts";
import { contextOf, readProperties, readString } from "./properties.ts";
import { decodeUtf8, utf8Problem } from "./utf8.ts";
import { readVarint, VARINT_INCOMPLETE, VARINT_NOT_MINIMAL, VARINT_TOO_LONG } from "./varint.ts";

const scratch = [0];

/**
 * Checks the first byte (type and fixed flags) of a frame. Exported for the Decoder and the
 * dissector; throws CodecError.
 */
export function checkFirstByte(first: number, level: ProtocolLevel): PacketType {
  const code = first >>> 4;
  const type = PACKET_TYPE_NAMES[code];
  if (type === undefined) throw malformed("packet", "packet type 0 is reserved", "MQTT-2.1.2");
  if (type === "AUTH" && level !== 5) {
    throw malformed(
      "AUTH",
      `AUTH exists only in MQTT 5, this connection is level ${level}`,
      "MQTT-2.1.2",
    );
  }
  const flags = first & FLAGS_MASK;
  if (type === "PUBLISH") {
    // [MQTT-3.3.1-4] both QoS bits set
    if ((flags & PUBLISH_QOS_MASK) === PUBLISH_QOS_MASK) {
      throw malformed("PUBLISH", "QoS is 3", "MQTT-3.3.1-4");
    }
  } else if (flags !== REQUIRED_FLAGS[code]) {
    // [MQTT-2.2.2-1] reserved flag bits must hold the values of Table 2-2
    throw malformed(
      type,
      `reserved flags are 0b${flags.toString(2).padStart(4, "0")}, must be 0b${
        REQUIRED_FLAGS[code].toString(2).padStart(4, "0")
      }`,
      "MQTT-2.2.2-1",
    );
  }
  return type;
}

/**
 * Reads the fixed header at `pos`: returns the header size (2..5) and puts the remaining
 * length in `out[0]`, or 0 when the bytes end before the header does.
 */
export function readFixedHeader(
  bytes: Uint8Array,
  pos: number,
  end: number,
  out: number[],
): number {
  const n = readVarint(bytes, pos + 1, end, out);
  if (n > 0) return n + 1;
  if (n === VARINT_INCOMPLETE) return 0;
  const type = PACKET_TYPE_NAMES[bytes[pos] >>> 4] ?? "packet";
  if (n === VARINT_TOO_LONG) {
    throw malformed(
      type,
      `remaining length is longer than ${VARINT_MAX_BYTES} bytes`,
      "MQTT-1.5.5",
    );
  }
  if (n === VARINT_NOT_MINIMAL) {
    throw malformed(type, "remaining length does not use the fewest bytes", "MQTT-1.5.5-1");
  }
  return 0;
}

/** Decodes one complete frame (fixed header included) for protocol `level`. */
export function decodeFrame(frame: Uint8Array, level: ProtocolLevel): Packet {
  if (frame.length < 2) throw malformed("packet", "frame is shorter than 2 bytes", "MQTT-2.1.1");
  const type = checkFirstByte(frame[0], level);
  const h = readFixedHeader(frame, 0, frame.length, scratch);
  if (h === 0) throw malformed(type, "remaining length is truncated", "MQTT-2.1.4");
  if (h + scratch[0] !== frame.length) {
    throw malformed(
      type,
      `remaining length says ${scratch[0]} bytes but the frame has ${frame.length - h}`,
      "MQTT-2.1.4",
    );
  }
  return decodeBody(type, frame, h, frame.length, level);
}

function u16(b: Uint8Array, pos: number): number {
  return (b[pos] << 8) | b[pos + 1];
}

function packetId(what: string, b: Uint8Array, pos: number, end: number): number {
  if (pos + 2 > end) throw malformed(what, "packet identifier is truncated", "MQTT-2.2.1");
  const id = u16(b, pos);
  // [MQTT-2.2.1-3] packet identifiers are non-zero
  if (id === 0) throw protocolError(what, "packet identifier is 0", "MQTT-2.2.1-3");
  return id;
}

function trailing(what: string, pos: number, end: number): void {
  if (pos !== end) throw malformed(what, `${end - pos} unexpected trailing bytes`, "MQTT-2.1.4");
}

function checkReason(type: PacketType, rc: number): number {
  if (!VALID_REASON_CODES[type]!.has(rc)) {
    throw protocolError(
      type,
      `reason code 0x${rc.toString(16).padStart(2, "0")} is not one ${type} may carry`,
      "MQTT-2.4",
    );
  }
  return rc;
}

/** Decodes the body bytes[pos, end) of a frame of `type` that starts at bytes[0]. */
function decodeBody(
  type: PacketType,
  b: Uint8Array,
  pos: number,
  end: number,
  level: ProtocolLevel,
): Packet {
  const flags = b[0] & FLAGS_MASK; // frames always start at index 0
  switch (type) {
    case "PUBLISH":
      return decodePublish(b, flags, pos, end, level);
    case "CONNECT":
      return decodeConnect(b, pos, end);
    case "CONNACK": {
      if (pos + 2 > end) {
        throw malformed(type, "acknowledge flags or return code missing", "MQTT-3.2.2");
      }
      const ack = b[pos];
      if ((ack & CONNACK_RESERVED) !== 0) {
        throw malformed(type, "reserved acknowledge flag bits are set", "MQTT-3.2.2-1");
      }
      const reasonCode = b[pos + 1];
      const sessionPresent = (ack & CONNACK_SESSION_PRESENT) !== 0;
      if (level === 5) {
        checkReason(type, reasonCode);
        const r = readProperties(b, pos + 2, end, type, contextOf(type));
        trailing(type, r.end, end);
        if (sessionPresent && reasonCode >= 0x80) {
          throw protocolError(type, "session present with a failure reason code", "MQTT-3.2.2-6");
        }
        return r.properties === undefined
          ? { type, sessionPresent, reasonCode }
          : { type, sessionPresent, reasonCode, properties: r.properties };
      }
      trailing(type, pos + 2, end);
      if (reasonCode > 5) {
        throw malformed(type, `return code ${reasonCode} is reserved`, "MQTT-3.2.2.3");
      }
      if (sessionPresent && reasonCode !== 0) {
        throw protocolError(type, "session present with a non-zero return code", "MQTT-3.2.2-4");
      }
      return { type, sessionPresent, reasonCode };
    }
    case "PUBACK":
    case "PUBREC":
    case "PUBREL":
    case "PUBCOMP": {
      const packetIdValue = packetId(type, b, pos, end);
      if (level !== 5) {
        trailing(type, pos + 2, end);
        return { type, packetId: packetIdValue };
      }
      // 3.4.2.1: the reason code, then the property length, may be left out
      if (end - pos === 2) return { type, packetId: packetIdValue };
      const reasonCode = checkReason(type, b[pos + 2]);
      if (end - pos === 3) return { type, packetId: packetIdValue, reasonCode };
      const r = readProperties(b, pos + 3, end, type, contextOf(type));
      trailing(type, r.end, end);
      return r.properties === undefined
        ? { type, packetId: packetIdValue, reasonCode }
        : { type, packetId: packetIdValue, reasonCode, properties: r.properties };
    }
    case "SUBSCRIBE":
      return decodeSubscribe(b, pos, end, level);
    case "SUBACK":
    case "UNSUBACK": {
      const id = packetId(type, b, pos, end);
      pos += 2;
      if (type === "UNSUBACK" && level !== 5) {
        trailing(type, pos, end);
        return { type, packetId: id };
      }
      let properties: Properties | undefined;
      if (level === 5) {
        const r = readProperties(b, pos, end, type, contextOf(type));
        properties = r.properties;
        pos = r.end;
      }
      if (pos === end) {
        throw protocolError(
          type,
          "no reason codes",
          type === "SUBACK" ? "MQTT-3.9.3-1" : "MQTT-3.11.3-1",
        );
      }
      const reasonCodes: number[] = [];
      for (; pos < end; pos++) {
        const c = b[pos];
        if (level === 5) {
          checkReason(type, c);
        } else if (c > 2 && c !== SUBACK_FAILURE_V4) {
          throw malformed(type, `return code 0x${c.toString(16)} is reserved`, "MQTT-3.9.3-2");
        }
        reasonCodes.push(c);
      }
      return properties === undefined
        ? { type, packetId: id, reasonCodes }
        : { type, packetId: id, reasonCodes, properties };
    }
    case "UNSUBSCRIBE": {
      const id = packetId(type, b, pos, end);
      pos += 2;
      let properties: Properties | undefined;
      if (level === 5) {
        const r = readProperties(b, pos, end, type, contextOf(type));
        properties = r.properties;
        pos = r.end;
      }
      // [MQTT-3.10.3-2] at least one topic filter
      if (pos === end) throw protocolError(type, "no topic filters", "MQTT-3.10.3-2");
      const topicFilters: string[] = [];
      while (pos < end) {
        const s = readString(b, pos, end, type, "topic filter");
        topicFilters.push(s.value);
        pos = s.end;
      }
      return properties === undefined
        ? { type, packetId: id, topicFilters }
        : { type, packetId: id, topicFilters, properties };
    }
    case "PINGREQ":
    case "PINGRESP":
      trailing(type, pos, end);
      return { type };
    case "DISCONNECT":
    case "AUTH": {
      if (level !== 5) {
        trailing(type, pos, end);
        return { type: "DISCONNECT" };
      }
      // 3.14.2.1 / 3.15.2.1: a remaining length of 0 means reason 0x00, no properties
      if (pos === end) return { type };
      const reasonCode = checkReason(type, b[pos]);
      if (end - pos === 1) return { type, reasonCode };
      const r = readProperties(b, pos + 1, end, type, contextOf(type));
      trailing(type, r.end, end);
      return r.properties === undefined
        ? { type, reasonCode }
        : { type, reasonCode, properties: r.properties };
    }
  }
}

function decodePublish(
  b: Uint8Array,
  flags: number,
  pos: number,
  end: number,
  level: ProtocolLevel,
): Packet {
  const qos = ((flags & PUBLISH_QOS_MASK) >>> PUBLISH_QOS_SHIFT) as QoS;
  const dup = (flags & PUBLISH_DUP) !== 0;
  // [MQTT-3.3.1-2] DUP must be 0 for QoS 0
  if (dup && qos === 0) throw malformed("PUBLISH", "DUP is set on a QoS 0 message", "MQTT-3.3.1-2");
  if (pos + 2 > end) throw malformed("PUBLISH", "topic length is truncated", "MQTT-3.3.2.1");
  const topicLen = u16(b, pos);
  const topicStart = pos + 2;
  pos = topicStart + topicLen;
  if (pos > end) {
    throw malformed("PUBLISH", `topic is truncated (${topicLen} bytes announced)`, "MQTT-3.3.2.1");
  }
  // inline of readString with the wildcard check, the hot path
  let topic = "";
  let i = topicStart;
  if (topicLen <= 48) {
    for (; i < pos; i++) {
      const c = b[i];
      if (c === 0 || c >= 0x80 || c === 0x23 /* # */ || c === 0x2b /* + */) break;
      topic += String.fromCharCode(c);
    }
  }
  if (i !== pos) {
    const s = decodeUtf8(b, topicStart, pos);
    if (s === undefined) {
      const p = utf8Problem(b, topicStart, pos)!;
      throw malformed("PUBLISH", `topic ${p.why}`, p.rule);
    }
    // [MQTT-3.3.2-2] no wildcards in a topic name
    const w = s.indexOf("+") !== -1 ? "+" : s.indexOf("#") !== -1 ? "#" : "";
    if (w !== "") throw malformed("PUBLISH", `topic contains wildcard '${w}'`, "MQTT-3.3.2-2");
    topic = s;
  }
  let packetIdValue: number | undefined;
  if (qos > 0) {
    packetIdValue = packetId("PUBLISH", b, pos, end);
    pos += 2;
  }
  let properties: Properties | undefined;
  if (level === 5) {
    if (pos < end && b[pos] === 0) {
      pos++; // no properties: the common case, skip the general reader
    } else {
      const r = readProperties(b, pos, end, "PUBLISH", contextOf("PUBLISH"));
      properties = r.properties;
      pos = r.end;
    }
    if (topicLen === 0 && properties?.topicAlias === undefined) {
      throw protocolError("PUBLISH", "topic is empty and there is no Topic Alias", "MQTT-3.3.2-1");
    }
  } else if (topicLen === 0) {
    throw malformed("PUBLISH", "topic is empty", "MQTT-4.7.3-1");
  }
  const payload = b.subarray(pos, end);
  const retain = (flags & PUBLISH_RETAIN) !== 0;
  if (properties !== undefined) {
    return qos === 0
      ? { type: "PUBLISH", dup, qos, retain, topic, payload, properties }
      : { type: "PUBLISH", dup, qos, retain, topic, packetId: packetIdValue, payload, properties };
  }
  return qos === 0
    ? { type: "PUBLISH", dup, qos, retain, topic, payload }
    : { type: "PUBLISH", dup, qos, retain, topic, packetId: packetIdValue, payload };
}

function decodeConnect(b: Uint8Array, pos: number, end: number): ConnectPacket {
  const what = "CONNECT";
  const name = readString(b, pos, end, what, "protocol name");
  pos = name.end;
  if (pos >= end) throw malformed(what, "protocol level is missing", "MQTT-3.1.2.2");
  const level = b[pos++];
  // [MQTT-3.1.2-1] / [MQTT-3.1.2-2] the protocol name and level go together
  if (name.value !== PROTOCOL_NAME && name.value !== PROTOCOL_NAME_V3) {
    throw new CodecError(
      `Cannot decode CONNECT: protocol name is '${name.value}', not 'MQTT' or 'MQIsdp'`,
      "MQTT-3.1.2-1",
      ReasonCode.UnsupportedProtocolVersion,
    );
  }
  const expected = level === 3 ? PROTOCOL_NAME_V3 : PROTOCOL_NAME;
  if ((level !== 3 && level !== 4 && level !== 5) || name.value !== expected) {
    throw new CodecError(
      `Cannot decode CONNECT: protocol name is '${name.value}' but level is ${level}`,
      "MQTT-3.1.2-2",
      ReasonCode.UnsupportedProtocolVersion,
    );
  }
  try {
    return decodeConnectRest(b, pos, end, level, name.value);
  } catch (e) {
    // the level is known: a server can answer in that level's CONNACK
    if (e instanceof CodecError) e.protocolLevel = level;
    throw e;
  }
}

function decodeConnectRest(
  b: Uint8Array,
  pos: number,
  end: number,
  level: ProtocolLevel,
  protocolName: string,
): ConnectPacket {
  const what = "CONNECT";
  if (pos + 3 > end) {
    throw malformed(what, "connect flags or keep alive are truncated", "MQTT-3.1.2");
  }
  const flags = b[pos++];
  // [MQTT-3.1.2-3] the reserved flag is 0
  if ((flags & CONNECT_RESERVED) !== 0) {
    throw malformed(what, "reserved connect flag is set", "MQTT-3.1.2-3");
  }
  const hasWill = (flags & CONNECT_WILL) !== 0;
  const willQos = (flags & CONNECT_WILL_QOS_MASK) >>> CONNECT_WILL_QOS_SHIFT;
  const willRetain = (flags & CONNECT_WILL_RETAIN) !== 0;
  if (!hasWill && willQos !== 0) {
    throw malformed(what, "will QoS is set without a will", "MQTT-3.1.2-11");
  }
  if (!hasWill && willRetain) {
    throw malformed(what, "will retain is set without a will", "MQTT-3.1.2-13");
  }
  if (willQos === 3) throw malformed(what, "will QoS is 3", "MQTT-3.1.2-12");
  const hasUser = (flags & CONNECT_USERNAME) !== 0;
  const hasPassword = (flags & CONNECT_PASSWORD) !== 0;
  // [MQTT-3.1.2-22] before MQTT 5, no password without a user name
  if (hasPassword && !hasUser && level !== 5) {
    throw malformed(what, "password flag is set without the user name flag", "MQTT-3.1.2-22");
  }
  const keepaliveS = u16(b, pos);
  pos += 2;
  let properties: Properties | undefined;
  if (level === 5) {
    const r = readProperties(b, pos, end, what, contextOf("CONNECT"));
    properties = r.properties;
    pos = r.end;
  }
  const id = readString(b, pos, end, what, "client identifier");
  pos = id.end;
  const packet: ConnectPacket = {
    type: "CONNECT",
    protocolName,
    protocolLevel: level,
    cleanStart: (flags & CONNECT_CLEAN) !== 0,
    keepaliveS,
    clientId: id.value,
  };
  if (properties !== undefined) packet.properties = properties;
  if (hasWill) {
    let willProps: Properties | undefined;
    if (level === 5) {
      const r = readProperties(b, pos, end, what, contextOf("WILL"));
      willProps = r.properties;
      pos = r.end;
    }
    const topic = readString(b, pos, end, what, "will topic");
    pos = topic.end;
    const payload = readBinary(b, pos, end, what, "will payload");
    pos += 2 + payload.length;
    const will: Will = { topic: topic.value, payload, qos: willQos as QoS, retain: willRetain };
    if (willProps !== undefined) will.properties = willProps;
    packet.will = will;
  }
  if (hasUser) {
    const u = readString(b, pos, end, what, "user name");
    packet.username = u.value;
    pos = u.end;
  }
  if (hasPassword) {
    packet.password = readBinary(b, pos, end, what, "password");
    pos += 2 + packet.password.length;
  }
  trailing(what, pos, end);
  return packet;
}

function readBinary(
  b: Uint8Array,
  pos: number,
  end: number,
  what: string,
  label: string,
): Uint8Array {
  if (pos + 2 > end) throw malformed(what, `${label} length is truncated`, "MQTT-1.5.6");
  const len = u16(b, pos);
  if (pos + 2 + len > end) {
    throw malformed(what, `${label} is truncated (${len} bytes announced)`, "MQTT-1.5.6");
  }
  return b.subarray(pos + 2, pos + 2 + len);
}

function decodeSubscribe(b: Uint8Array, pos: number, end: number, level: ProtocolLevel): Packet {
  const what = "SUBSCRIBE";
  const id = packetId(what, b, pos, end);
  pos += 2;
  let properties: Properties | undefined;
  if (level === 5) {
    const r = readProperties(b, pos, end, what, contextOf(what));
    properties = r.properties;
    pos = r.end;
  }
  // [MQTT-3.8.3-2] at least one subscription
  if (pos === end) throw protocolError(what, "no subscriptions", "MQTT-3.8.3-2");
  const subscriptions: Subscription[] = [];
  while (pos < end) {
    const f = readString(b, pos, end, what, "topic filter");
    pos = f.end;
    if (pos >= end) {
      throw malformed(what, `subscription options for '${f.value}' are missing`, "MQTT-3.8.3.1");
    }
    const options = b[pos++];
    const reserved = level === 5 ? SUB_RESERVED_V5 : SUB_RESERVED_V4;
    // [MQTT-3.8.3-5] reserved option bits are 0
    if ((options & reserved) !== 0) {
      throw malformed(
        what,
        `reserved subscription option bits are set (0x${options.toString(16)})`,
        "MQTT-3.8.3-5",
      );
    }
    const qos = options & SUB_QOS_MASK;
    if (qos === 3) throw malformed(what, `QoS for '${f.value}' is 3`, "MQTT-3.8.3-4");
    if (level === 5) {
      const rh = (options & SUB_RETAIN_HANDLING_MASK) >>> SUB_RETAIN_HANDLING_SHIFT;
      if (rh === 3) throw protocolError(what, "retain handling is 3", "MQTT-3.8.3.1");
      subscriptions.push({
        topicFilter: f.value,
        qos: qos as QoS,
        noLocal: (options & SUB_NO_LOCAL) !== 0,
        retainAsPublished: (options & SUB_RETAIN_AS_PUBLISHED) !== 0,
        retainHandling: rh as 0 | 1 | 2,
      });
    } else {
      subscriptions.push({ topicFilter: f.value, qos: qos as QoS });
    }
  }
  return properties === undefined
    ? { type: "SUBSCRIBE", packetId: id, subscriptions }
    : { type: "SUBSCRIBE", packetId: id, subscriptions, properties };
}

export interface DecoderOptions {
  /** Protocol level to start with (default 4); a decoded CONNECT sets it. */
  level?: ProtocolLevel;
  /** Largest frame accepted, fixed header included (default 256 KiB). */
  maxPacketSize?: number;
}

const EMPTY = new Uint8Array(0);

/**
 * Incremental decoder for one connection. `push(chunk)` returns every frame completed by the
 * chunk. Frames that lie wholly inside a chunk are views of it (zero copy), and binary
 * fields (payloads, passwords...) are views of their frame: hand over chunks you will not
 * overwrite. After a CodecError the stream is unusable and every later push() throws the
 * same error.
 */
export class Decoder {
  level: ProtocolLevel;
  readonly maxPacketSize: number;
  /** Header bytes of a frame whose remaining length is still incomplete (at most 5). */
  #head = new Uint8Array(5);
  #headLen = 0;
  /** Body under assembly: the whole frame, filled up to #filled. */
  #frame: Uint8Array = EMPTY;
  #filled = 0;
  #error: CodecError | undefined;
  #len = [0];

  constructor(opts: DecoderOptions = {}) {
    this.level = opts.level ?? 4;
    this.maxPacketSize = opts.maxPacketSize ?? DEFAULT_MAX_PACKET_SIZE;
  }

  /** Bytes held for an incomplete frame. */
  get buffered(): number {
    return this.#headLen + this.#filled;
  }

  /**
   * Decodes what `chunk` completes. On bad input it throws a CodecError whose
   * `framesBefore` holds the good frames of this chunk before the bad bytes; every
   * later call throws the same error.
   */
  push(chunk: Uint8Array): DecodedFrame[] {
    if (this.#error !== undefined) throw this.#error;
    const out: DecodedFrame[] = [];
    try {
      return this.#push(chunk, out);
    } catch (e) {
      if (e instanceof CodecError && e.protocolLevel !== undefined) this.level = e.protocolLevel;
      this.#error = e instanceof CodecError
        ? e
        : new CodecError(`Cannot decode: ${e instanceof Error ? e.message : e}`, "MQTT-2.1");
      this.#error.framesBefore = out;
      this.#frame = EMPTY;
      this.#headLen = 0;
      this.#filled = 0;
      throw this.#error;
    }
  }

  #push(chunk: Uint8Array, out: DecodedFrame[]): DecodedFrame[] {
    const n = chunk.length;
    let pos = 0;
    // finish a frame begun in an earlier chunk
    if (this.#headLen > 0) {
      while (pos < n && this.#frame === EMPTY) {
        this.#head[this.#headLen++] = chunk[pos++];
        this.#startFrame(this.#head, 0, this.#headLen);
      }
      if (this.#frame === EMPTY) return out;
    }
    if (this.#frame !== EMPTY) {
      const take = Math.min(this.#frame.length - this.#filled, n - pos);
      this.#frame.set(chunk.subarray(pos, pos + take), this.#filled);
      this.#filled += take;
      pos += take;
      if (this.#filled < this.#frame.length) return out;
      const bytes = this.#frame;
      this.#frame = EMPTY;
      this.#filled = 0;
      out.push(this.#decode(bytes));
    }
    // whole frames inside this chunk: views, no copies
    const len = this.#len;
    while (pos < n) {
      const level = this.level;
      checkFirstByte(chunk[pos], level);
      const h = readFixedHeader(chunk, pos, n, len);
      if (h === 0) {
        this.#head.set(chunk.subarray(pos, n));
        this.#headLen = n - pos;
        return out;
      }
      const total = h + len[0];
      this.#checkSize(chunk[pos], total);
      if (pos + total <= n) {
        const bytes = chunk.subarray(pos, pos + total);
        const type = PACKET_TYPE_NAMES[chunk[pos] >>> 4]!;
        const packet = decodeBody(type, bytes, h, total, level);
        if (packet.type === "CONNECT") this.level = packet.protocolLevel;
        out.push({ packet, bytes });
        pos += total;
      } else {
        this.#frame = new Uint8Array(total);
        this.#frame.set(chunk.subarray(pos, n));
        this.#filled = n - pos;
        return out;
      }
    }
    return out;
  }

  /** With the header bytes so far, starts a frame if the remaining length is complete. */
  #startFrame(head: Uint8Array, start: number, end: number): void {
    checkFirstByte(head[start], this.level);
    const h = readFixedHeader(head, start, end, this.#len);
    if (h === 0) return;
    const total = h + this.#len[0];
    this.#checkSize(head[start], total);
    this.#frame = new Uint8Array(total);
    this.#frame.set(head.subarray(start, end));
    this.#filled = end - start;
    this.#headLen = 0;
  }

  #checkSize(first: number, total: number): void {
    if (total > this.maxPacketSize) {
      throw new CodecError(
        `Cannot decode ${
          PACKET_TYPE_NAMES[first >>> 4]
        }: frame of ${total} bytes exceeds the maximum of ${this.maxPacketSize}`,
        "MQTT-3.2.2.3.6",
        ReasonCode.PacketTooLarge,
      );
    }
  }

  #decode(bytes: Uint8Array): DecodedFrame {
    const packet = decodeFrame(bytes, this.level);
    if (packet.type === "CONNECT") this.level = packet.protocolLevel;
    return { packet, bytes };
  }
}
