/**
 * Test helper: seeded random packets that are valid for both this codec and mqtt-packet
 * (user property names never look like integers and repeats of a name are adjacent, because
 * mqtt-packet keeps user properties in an object).
 */
import { SeededRandom } from "../../sim/mod.ts";
import { VALID_REASON_CODES } from "./constants.ts";
import type { Packet, PacketType, Properties, ProtocolLevel, QoS } from "./packet.ts";
import { contextOf, PROPERTY_DEFS } from "./properties.ts";

const PIECES = ["a", "b", "z", "0", "9", "/", "-", "_", " ", ".", "é", "中", "😀", "ÿ", "$", "X"];

export function randomString(r: SeededRandom, min = 0, max = 12, extra: string[] = []): string {
  const n = r.int(min, max + 1);
  let s = "";
  const pieces = extra.length ? PIECES.concat(extra) : PIECES;
  for (let i = 0; i < n; i++) s += r.pick(pieces);
  return s;
}

function bytes(r: SeededRandom, max: number): Uint8Array {
  return r.fill(new Uint8Array(r.int(0, max + 1)));
}

const qos = (r: SeededRandom) => r.int(0, 3) as QoS;
const id = (r: SeededRandom) => r.chance(0.1) ? r.pick([1, 0xffff]) : r.int(1, 0x10000);

/** Random properties allowed in `context` (a packet type or "WILL"); may be undefined. */
export function randomProperties(
  r: SeededRandom,
  type: PacketType | "WILL",
): Properties | undefined {
  if (r.chance(0.3)) return undefined;
  const ctx = contextOf(type);
  const props: Record<string, unknown> = {};
  for (const def of PROPERTY_DEFS) {
    if ((def.contexts & ctx) === 0 || !r.chance(0.35)) continue;
    let v: unknown;
    switch (def.kind) {
      case "byte":
        v = r.int(0, 2);
        break;
      case "bool":
        v = r.chance(0.5);
        break;
      case "u16":
        v = r.chance(0.2) ? 0xffff : r.int(1, 0x10000);
        break;
      case "u32":
        v = r.chance(0.2) ? r.pick([1, 0xffff_ffff]) : r.int(1, 0x1_0000_0000);
        break;
      case "varint": {
        const n = type === "PUBLISH" ? r.int(1, 4) : 1;
        v = Array.from(
          { length: n },
          () =>
            r.chance(0.3)
              ? r.pick([1, 127, 128, 16383, 16384, 268_435_455])
              : r.int(1, 268_435_456),
        );
        break;
      }
      case "string":
        v = randomString(r);
        break;
      case "binary":
        v = bytes(r, 20);
        break;
      case "pair": {
        const pairs: [string, string][] = [];
        const names = r.int(1, 4);
        for (let k = 0; k < names; k++) {
          const name = `k${k}${randomString(r, 0, 5)}`;
          const repeats = r.int(1, 3);
          // mqtt-packet drops a repeated name's empty first value (it tests truthiness)
          for (let j = 0; j < repeats; j++) {
            pairs.push([name, randomString(r, repeats > 1 ? 1 : 0)]);
          }
        }
        v = pairs;
        break;
      }
    }
    if (def.forbidZero && v === 0) v = 1;
    props[def.key] = v;
  }
  return Object.keys(props).length > 0 ? props as Properties : undefined;
}

function reason(r: SeededRandom, type: PacketType): number {
  return r.pick([...VALID_REASON_CODES[type]!]);
}

/** Attach properties to `p` only when `level` is 5 and some were drawn. */
function withProps<T extends object>(
  p: T,
  r: SeededRandom,
  level: ProtocolLevel,
  type: PacketType,
): T {
  if (level !== 5) return p;
  const props = randomProperties(r, type);
  return props === undefined ? p : { ...p, properties: props };
}

export const PACKET_TYPES: PacketType[] = [
  "CONNECT",
  "CONNACK",
  "PUBLISH",
  "PUBACK",
  "PUBREC",
  "PUBREL",
  "PUBCOMP",
  "SUBSCRIBE",
  "SUBACK",
  "UNSUBSCRIBE",
  "UNSUBACK",
  "PINGREQ",
  "PINGRESP",
  "DISCONNECT",
  "AUTH",
];

/** A random valid packet of `type` for `level`. */
export function randomPacket(r: SeededRandom, type: PacketType, level: ProtocolLevel): Packet {
  switch (type) {
    case "CONNECT": {
      const p: Packet = {
        type,
        protocolName: level === 3 ? "MQIsdp" : "MQTT",
        protocolLevel: level,
        cleanStart: r.chance(0.5),
        keepaliveS: r.chance(0.2) ? r.pick([0, 65535]) : r.int(0, 0x10000),
        clientId: randomString(r, level === 3 ? 1 : 0, 23),
      };
      if (p.clientId === "") p.cleanStart = true; // mqtt-packet refuses an empty id otherwise
      if (level === 5) {
        const props = randomProperties(r, "CONNECT");
        if (props) p.properties = props;
      }
      if (r.chance(0.5)) {
        p.will = {
          topic: randomString(r, 1, 12),
          payload: bytes(r, 30),
          qos: qos(r),
          retain: r.chance(0.5),
        };
        if (level === 5) {
          const props = randomProperties(r, "WILL");
          if (props) p.will.properties = props;
        }
      }
      if (r.chance(0.6)) {
        p.username = randomString(r);
        if (r.chance(0.7)) p.password = bytes(r, 20);
      }
      return p;
    }
    case "CONNACK": {
      const reasonCode = level === 5 ? reason(r, type) : r.int(0, 6);
      const sessionPresent = reasonCode === 0 && r.chance(0.5);
      return withProps({ type, sessionPresent, reasonCode }, r, level, type);
    }
    case "PUBLISH": {
      const q = qos(r);
      const p: Packet = {
        type,
        dup: q > 0 && r.chance(0.3),
        qos: q,
        retain: r.chance(0.3),
        topic: randomString(r, 1, 20),
        payload: bytes(r, r.chance(0.1) ? 3000 : 60),
      };
      if (q > 0) p.packetId = id(r);
      if (level === 5) {
        const props = randomProperties(r, "PUBLISH");
        if (props) {
          p.properties = props;
          if (props.topicAlias !== undefined && r.chance(0.3)) p.topic = "";
        }
      }
      return p;
    }
    case "PUBACK":
    case "PUBREC":
    case "PUBREL":
    case "PUBCOMP": {
      const p = { type, packetId: id(r) } as Packet & { reasonCode?: number };
      if (level === 5 && r.chance(0.7)) p.reasonCode = reason(r, type);
      return withProps(p, r, level, type);
    }
    case "SUBSCRIBE": {
      const subscriptions = Array.from({ length: r.int(1, 5) }, () => {
        const s = { topicFilter: randomString(r, 1, 15, ["+", "#"]), qos: qos(r) };
        return level === 5
          ? {
            ...s,
            noLocal: r.chance(0.5),
            retainAsPublished: r.chance(0.5),
            retainHandling: r.int(0, 3) as 0 | 1 | 2,
          }
          : s;
      });
      return withProps({ type, packetId: id(r), subscriptions }, r, level, type);
    }
    case "SUBACK": {
      const reasonCodes = Array.from(
        { length: r.int(1, 6) },
        () => level === 5 ? reason(r, type) : r.pick([0, 1, 2, 0x80]),
      );
      return withProps({ type, packetId: id(r), reasonCodes }, r, level, type);
    }
    case "UNSUBSCRIBE": {
      const topicFilters = Array.from(
        { length: r.int(1, 5) },
        () => randomString(r, 1, 15, ["+", "#"]),
      );
      return withProps({ type, packetId: id(r), topicFilters }, r, level, type);
    }
    case "UNSUBACK": {
      if (level !== 5) return { type, packetId: id(r) };
      const reasonCodes = Array.from({ length: r.int(1, 6) }, () => reason(r, type));
      return withProps({ type, packetId: id(r), reasonCodes }, r, level, type);
    }
    case "PINGREQ":
    case "PINGRESP":
      return { type };
    case "DISCONNECT":
    case "AUTH": {
      if (level !== 5) return { type: "DISCONNECT" };
      const p = { type } as Packet & { reasonCode?: number; properties?: Properties };
      if (r.chance(0.7)) p.reasonCode = reason(r, type);
      const props = randomProperties(r, type);
      if (props) p.properties = props;
      // AUTH always names its method in practice (3.15.2.2.2); mqtt-packet also cannot
      // parse the 0-byte AUTH the spec allows for reason 0x00 without properties
      if (type === "AUTH") p.properties = { authenticationMethod: randomString(r, 1), ...props };
      return p;
    }
  }
}
