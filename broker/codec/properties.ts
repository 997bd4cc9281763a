/**
 * MQTT 5 properties (2.2.2): the table of every property (identifier, key, wire type, the
 * packets that may carry it), and their encoding and decoding.
 */
import { PacketTypeCode } from "./constants.ts";
import { cannotEncode, malformed, protocolError } from "./errors.ts";
import type { PacketType, Properties } from "./packet.ts";
import { decodeUtf8, utf8Length, utf8Problem, writeUtf8 } from "./utf8.ts";
import { readVarint, varintSize, writeVarint } from "./varint.ts";

/** Wire types (1.5). `bool` is a Byte that must be 0 or 1. */
export type PropertyKind =
  | "byte"
  | "bool"
  | "u16"
  | "u32"
  | "varint"
  | "string"
  | "binary"
  | "pair";

/** Where a property may appear: a bit per packet type code, plus one for will properties. */
export const WILL_CONTEXT = 16;
const bit = (t: PacketType) => 1 << PacketTypeCode[t];
const WILL = 1 << WILL_CONTEXT;
const ACKS = bit("PUBACK") | bit("PUBREC") | bit("PUBREL") | bit("PUBCOMP");

export interface PropertyDef {
  id: number;
  key: keyof Properties;
  kind: PropertyKind;
  label: string;
  /** Bit mask of contexts (1 << type code, or 1 << WILL_CONTEXT). */
  contexts: number;
  /** Spec section defining it (for CONNECT's copy; the property table is 2.2.2.2). */
  spec: string;
  /** A value the spec calls a Protocol Error, if any (e.g. 0 for Receive Maximum). */
  forbidZero?: boolean;
}

const defs: PropertyDef[] = [
  {
    id: 0x01,
    key: "payloadFormatIndicator",
    kind: "byte",
    label: "Payload Format Indicator",
    contexts: bit("PUBLISH") | WILL,
    spec: "3.3.2.3.2",
  },
  {
    id: 0x02,
    key: "messageExpiryIntervalS",
    kind: "u32",
    label: "Message Expiry Interval (s)",
    contexts: bit("PUBLISH") | WILL,
    spec: "3.3.2.3.3",
  },
  {
    id: 0x03,
    key: "contentType",
    kind: "string",
    label: "Content Type",
    contexts: bit("PUBLISH") | WILL,
    spec: "3.3.2.3.9",
  },
  {
    id: 0x08,
    key: "responseTopic",
    kind: "string",
    label: "Response Topic",
    contexts: bit("PUBLISH") | WILL,
    spec: "3.3.2.3.5",
  },
  {
    id: 0x09,
    key: "correlationData",
    kind: "binary",
    label: "Correlation Data",
    contexts: bit("PUBLISH") | WILL,
    spec: "3.3.2.3.6",
  },
  {
    id: 0x0b,
    key: "subscriptionIdentifiers",
    kind: "varint",
    label: "Subscription Identifier",
    contexts: bit("PUBLISH") | bit("SUBSCRIBE"),
    spec: "3.8.2.1.2",
    forbidZero: true,
  },
  {
    id: 0x11,
    key: "sessionExpiryIntervalS",
    kind: "u32",
    label: "Session Expiry Interval (s)",
    contexts: bit("CONNECT") | bit("CONNACK") | bit("DISCONNECT"),
    spec: "3.1.2.11.2",
  },
  {
    id: 0x12,
    key: "assignedClientIdentifier",
    kind: "string",
    label: "Assigned Client Identifier",
    contexts: bit("CONNACK"),
    spec: "3.2.2.3.7",
  },
  {
    id: 0x13,
    key: "serverKeepAliveS",
    kind: "u16",
    label: "Server Keep Alive (s)",
    contexts: bit("CONNACK"),
    spec: "3.2.2.3.14",
  },
  {
    id: 0x15,
    key: "authenticationMethod",
    kind: "string",
    label: "Authentication Method",
    contexts: bit("CONNECT") | bit("CONNACK") | bit("AUTH"),
    spec: "3.1.2.11.9",
  },
  {
    id: 0x16,
    key: "authenticationData",
    kind: "binary",
    label: "Authentication Data",
    contexts: bit("CONNECT") | bit("CONNACK") | bit("AUTH"),
    spec: "3.1.2.11.10",
  },
  {
    id: 0x17,
    key: "requestProblemInformation",
    kind: "bool",
    label: "Request Problem Information",
    contexts: bit("CONNECT"),
    spec: "3.1.2.11.7",
  },
  {
    id: 0x18,
    key: "willDelayIntervalS",
    kind: "u32",
    label: "Will Delay Interval (s)",
    contexts: WILL,
    spec: "3.1.3.2.2",
  },
  {
    id: 0x19,
    key: "requestResponseInformation",
    kind: "bool",
    label: "Request Response Information",
    contexts: bit("CONNECT"),
    spec: "3.1.2.11.6",
  },
  {
    id: 0x1a,
    key: "responseInformation",
    kind: "string",
    label: "Response Information",
    contexts: bit("CONNACK"),
    spec: "3.2.2.3.15",
  },
  {
    id: 0x1c,
    key: "serverReference",
    kind: "string",
    label: "Server Reference",
    contexts: bit("CONNACK") | bit("DISCONNECT"),
    spec: "3.2.2.3.16",
  },
  {
    id: 0x1f,
    key: "reasonString",
    kind: "string",
    label: "Reason String",
    contexts: bit("CONNACK") | ACKS | bit("SUBACK") | bit("UNSUBACK") | bit("DISCONNECT") |
      bit("AUTH"),
    spec: "3.4.2.2.2",
  },
  {
    id: 0x21,
    key: "receiveMaximum",
    kind: "u16",
    label: "Receive Maximum",
    contexts: bit("CONNECT") | bit("CONNACK"),
    spec: "3.1.2.11.3",
    forbidZero: true,
  },
  {
    id: 0x22,
    key: "topicAliasMaximum",
    kind: "u16",
    label: "Topic Alias Maximum",
    contexts: bit("CONNECT") | bit("CONNACK"),
    spec: "3.1.2.11.5",
  },
  {
    id: 0x23,
    key: "topicAlias",
    kind: "u16",
    label: "Topic Alias",
    contexts: bit("PUBLISH"),
    spec: "3.3.2.3.4",
    forbidZero: true,
  },
  {
    id: 0x24,
    key: "maximumQoS",
    kind: "byte",
    label: "Maximum QoS",
    contexts: bit("CONNACK"),
    spec: "3.2.2.3.4",
  },
  {
    id: 0x25,
    key: "retainAvailable",
    kind: "bool",
    label: "Retain Available",
    contexts: bit("CONNACK"),
    spec: "3.2.2.3.5",
  },
  {
    id: 0x26,
    key: "userProperties",
    kind: "pair",
    label: "User Property",
    contexts: 0x1fffe | WILL,
    spec: "3.1.2.11.8",
  },
  {
    id: 0x27,
    key: "maximumPacketSize",
    kind: "u32",
    label: "Maximum Packet Size",
    contexts: bit("CONNECT") | bit("CONNACK"),
    spec: "3.1.2.11.4",
    forbidZero: true,
  },
  {
    id: 0x28,
    key: "wildcardSubscriptionAvailable",
    kind: "bool",
    label: "Wildcard Subscription Available",
    contexts: bit("CONNACK"),
    spec: "3.2.2.3.11",
  },
  {
    id: 0x29,
    key: "subscriptionIdentifiersAvailable",
    kind: "bool",
    label: "Subscription Identifiers Available",
    contexts: bit("CONNACK"),
    spec: "3.2.2.3.12",
  },
  {
    id: 0x2a,
    key: "sharedSubscriptionAvailable",
    kind: "bool",
    label: "Shared Subscription Available",
    contexts: bit("CONNACK"),
    spec: "3.2.2.3.13",
  },
];

/** Property definitions by identifier. */
export const PROPERTY_BY_ID: ReadonlyMap<number, PropertyDef> = new Map(defs.map((d) => [d.id, d]));
/** Property definitions by key. */
export const PROPERTY_BY_KEY: ReadonlyMap<string, PropertyDef> = new Map(
  defs.map((d) => [d.key, d]),
);
export const PROPERTY_DEFS: readonly PropertyDef[] = defs;

/** The context bit for a packet type, or for will properties. */
export function contextOf(type: PacketType | "WILL"): number {
  return type === "WILL" ? WILL : bit(type);
}

/** The upper bound of each fixed-size kind. */
const MAX_BY_KIND: Partial<Record<PropertyKind, number>> = {
  byte: 0xff,
  u16: 0xffff,
  u32: 0xffff_ffff,
  varint: 268_435_455,
};

function checkString(what: string, def: PropertyDef, s: unknown): number {
  if (typeof s !== "string") throw cannotEncode(what, `${def.key} is not a string`, "MQTT-1.5.4");
  const n = utf8Length(s);
  if (n < 0) {
    throw cannotEncode(what, `${def.key} contains U+0000 or a lone surrogate`, "MQTT-1.5.4-2");
  }
  if (n > 0xffff) throw cannotEncode(what, `${def.key} is longer than 65535 bytes`, "MQTT-1.5.4");
  return n;
}

function checkNumber(what: string, def: PropertyDef, v: unknown): number {
  const max = MAX_BY_KIND[def.kind]!;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) {
    throw cannotEncode(what, `${def.key} must be an integer 0..${max}, got ${v}`, "MQTT-2.2.2.2");
  }
  if (def.forbidZero && v === 0) {
    throw cannotEncode(what, `${def.key} must not be 0`, `MQTT-${def.spec}`);
  }
  return v;
}

function valueSize(what: string, def: PropertyDef, v: unknown): number {
  switch (def.kind) {
    case "byte":
    case "bool":
      if (def.kind === "byte") checkNumber(what, def, v);
      return 2;
    case "u16":
      checkNumber(what, def, v);
      return 3;
    case "u32":
      checkNumber(what, def, v);
      return 5;
    case "varint":
      return 1 + varintSize(checkNumber(what, def, v));
    case "string":
      return 3 + checkString(what, def, v);
    case "binary": {
      if (!(v instanceof Uint8Array) || v.length > 0xffff) {
        throw cannotEncode(
          what,
          `${def.key} must be a Uint8Array of at most 65535 bytes`,
          "MQTT-1.5.6",
        );
      }
      return 3 + v.length;
    }
    case "pair": {
      const [k, val] = v as [string, string];
      return 5 + checkString(what, def, k) + checkString(what, def, val);
    }
  }
}

/**
 * Size of the property block's content (without its length prefix), validating every value
 * and that each property is allowed in `context` (a bit from contextOf).
 */
export function propertiesSize(
  what: string,
  props: Properties | undefined,
  context: number,
): number {
  if (props === undefined) return 0;
  let size = 0;
  for (const key in props) {
    const v = (props as Record<string, unknown>)[key];
    if (v === undefined) continue;
    const def = PROPERTY_BY_KEY.get(key);
    if (def === undefined) throw cannotEncode(what, `unknown property '${key}'`, "MQTT-2.2.2.2");
    if ((def.contexts & context) === 0) {
      throw cannotEncode(what, `property ${def.label} is not allowed here`, "MQTT-2.2.2.2");
    }
    if (def.kind === "pair" || def.key === "subscriptionIdentifiers") {
      if (!Array.isArray(v)) throw cannotEncode(what, `${key} must be an array`, "MQTT-2.2.2.2");
      if (
        def.key === "subscriptionIdentifiers" && v.length > 1 && context !== contextOf("PUBLISH")
      ) {
        throw cannotEncode(what, "more than one Subscription Identifier", "MQTT-3.8.2.1.2");
      }
      for (const item of v) size += valueSize(what, def, item);
    } else {
      size += valueSize(what, def, v);
    }
  }
  return size;
}

function writeString(out: Uint8Array, pos: number, s: string): number {
  const n = utf8Length(s);
  out[pos] = n >>> 8;
  out[pos + 1] = n & 0xff;
  return writeUtf8(out, pos + 2, s, n);
}

function writeValue(out: Uint8Array, pos: number, def: PropertyDef, v: unknown): number {
  out[pos++] = def.id;
  switch (def.kind) {
    case "byte":
      out[pos] = v as number;
      return pos + 1;
    case "bool":
      out[pos] = v ? 1 : 0;
      return pos + 1;
    case "u16":
      out[pos] = (v as number) >>> 8;
      out[pos + 1] = (v as number) & 0xff;
      return pos + 2;
    case "u32": {
      const n = v as number;
      out[pos] = n >>> 24;
      out[pos + 1] = (n >>> 16) & 0xff;
      out[pos + 2] = (n >>> 8) & 0xff;
      out[pos + 3] = n & 0xff;
      return pos + 4;
    }
    case "varint":
      return writeVarint(out, pos, v as number);
    case "string":
      return writeString(out, pos, v as string);
    case "binary": {
      const b = v as Uint8Array;
      out[pos] = b.length >>> 8;
      out[pos + 1] = b.length & 0xff;
      out.set(b, pos + 2);
      return pos + 2 + b.length;
    }
    case "pair": {
      const [k, val] = v as [string, string];
      return writeString(out, writeString(out, pos, k), val);
    }
  }
}

/** Writes the property block (length prefix + content of `size` bytes); returns the next position. */
export function writeProperties(
  out: Uint8Array,
  pos: number,
  props: Properties | undefined,
  size: number,
): number {
  pos = writeVarint(out, pos, size);
  if (props === undefined || size === 0) return pos;
  for (const key in props) {
    const v = (props as Record<string, unknown>)[key];
    if (v === undefined) continue;
    const def = PROPERTY_BY_KEY.get(key)!;
    if (def.kind === "pair" || def.key === "subscriptionIdentifiers") {
      for (const item of v as unknown[]) pos = writeValue(out, pos, def, item);
    } else {
      pos = writeValue(out, pos, def, v);
    }
  }
  return pos;
}

/** The decoder's cursor result: where the property block ended. */
export interface PropertiesResult {
  properties: Properties | undefined;
  end: number;
}

const scratch = [0];

/**
 * Reads a property block (length prefix + properties) at `pos`, which must end by `limit`.
 * `what` names the packet in errors; `context` is a bit from contextOf.
 */
export function readProperties(
  bytes: Uint8Array,
  pos: number,
  limit: number,
  what: string,
  context: number,
): PropertiesResult {
  const n = readVarint(bytes, pos, limit, scratch);
  if (n <= 0) {
    if (n === 0) throw malformed(what, "property length is truncated", "MQTT-2.2.2.1");
    throw malformed(what, "property length is not a valid variable byte integer", "MQTT-1.5.5-1");
  }
  pos += n;
  const end = pos + scratch[0];
  if (end > limit) {
    throw malformed(
      what,
      `property length ${scratch[0]} runs past the packet's end`,
      "MQTT-2.2.2.1",
    );
  }
  if (pos === end) return { properties: undefined, end };
  const props: Record<string, unknown> = {};
  while (pos < end) {
    const id = bytes[pos++];
    const def = PROPERTY_BY_ID.get(id);
    if (def === undefined) {
      throw malformed(what, `unknown property identifier 0x${hex2(id)}`, "MQTT-2.2.2.2");
    }
    if ((def.contexts & context) === 0) {
      throw malformed(
        what,
        `property ${def.label} (0x${hex2(id)}) is not allowed here`,
        "MQTT-2.2.2.2",
      );
    }
    let value: unknown;
    switch (def.kind) {
      case "byte":
      case "bool": {
        if (pos + 1 > end) throw truncated(what, def);
        const b = bytes[pos++];
        const max = def.key === "payloadFormatIndicator" || def.kind === "bool" ||
            def.key === "maximumQoS"
          ? 1
          : 0xff;
        if (b > max) {
          throw protocolError(what, `${def.label} is ${b}, must be 0 or 1`, `MQTT-${def.spec}`);
        }
        value = def.kind === "bool" ? b === 1 : b;
        break;
      }
      case "u16":
        if (pos + 2 > end) throw truncated(what, def);
        value = (bytes[pos] << 8) | bytes[pos + 1];
        pos += 2;
        break;
      case "u32":
        if (pos + 4 > end) throw truncated(what, def);
        value =
          ((bytes[pos] << 24) | (bytes[pos + 1] << 16) | (bytes[pos + 2] << 8) | bytes[pos + 3]) >>>
          0;
        pos += 4;
        break;
      case "varint": {
        const m = readVarint(bytes, pos, end, scratch);
        if (m === 0) throw truncated(what, def);
        if (m < 0) {
          throw malformed(
            what,
            `${def.label} is not a valid variable byte integer`,
            "MQTT-1.5.5-1",
          );
        }
        value = scratch[0];
        pos += m;
        break;
      }
      case "string": {
        const r = readString(bytes, pos, end, what, def.label);
        value = r.value;
        pos = r.end;
        break;
      }
      case "binary": {
        if (pos + 2 > end) throw truncated(what, def);
        const len = (bytes[pos] << 8) | bytes[pos + 1];
        if (pos + 2 + len > end) throw truncated(what, def);
        value = bytes.subarray(pos + 2, pos + 2 + len);
        pos += 2 + len;
        break;
      }
      case "pair": {
        const k = readString(bytes, pos, end, what, `${def.label} name`);
        const v = readString(bytes, k.end, end, what, `${def.label} value`);
        value = [k.value, v.value];
        pos = v.end;
        break;
      }
    }
    if (def.forbidZero && value === 0) {
      throw protocolError(what, `${def.label} is 0`, `MQTT-${def.spec}`);
    }
    const existing = props[def.key];
    if (def.kind === "pair" || def.key === "subscriptionIdentifiers") {
      if (existing === undefined) {
        props[def.key] = [value];
      } else if (def.kind === "pair" || context === contextOf("PUBLISH")) {
        (existing as unknown[]).push(value);
      } else {
        throw protocolError(what, `${def.label} appears more than once`, "MQTT-3.8.2.1.2");
      }
    } else if (existing !== undefined) {
      throw protocolError(what, `${def.label} appears more than once`, `MQTT-${def.spec}`);
    } else {
      props[def.key] = value;
    }
  }
  return { properties: props as Properties, end };
}

function truncated(what: string, def: PropertyDef) {
  return malformed(what, `${def.label} is truncated`, "MQTT-2.2.2.2");
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}

/** Reads a length-prefixed MQTT string at `pos`, ending by `limit`. */
export function readString(
  bytes: Uint8Array,
  pos: number,
  limit: number,
  what: string,
  label: string,
): { value: string; end: number } {
  if (pos + 2 > limit) throw malformed(what, `${label} length is truncated`, "MQTT-1.5.4");
  const len = (bytes[pos] << 8) | bytes[pos + 1];
  const start = pos + 2;
  const end = start + len;
  if (end > limit) {
    throw malformed(what, `${label} is truncated (${len} bytes announced)`, "MQTT-1.5.4");
  }
  const value = decodeUtf8(bytes, start, end);
  if (value === undefined) {
    const p = utf8Problem(bytes, start, end)!;
    throw malformed(what, `${label} ${p.why}`, p.rule);
  }
  return { value, end };
}
