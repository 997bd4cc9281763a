/**
 * Test helper: the boundary to npm:mqtt-packet, the oracle. Converts our packets to its
 * objects (Node Buffers) and back, and runs its generator and parser synchronously.
 */
import { Buffer } from "node:buffer";
import mqtt from "mqtt-packet";
import type { Packet, Properties, ProtocolLevel } from "./packet.ts";

// deno-lint-ignore no-explicit-any
type Obj = Record<string, any>;

/** Our property key -> mqtt-packet's, where they differ. */
const RENAMES: Record<string, string> = {
  messageExpiryIntervalS: "messageExpiryInterval",
  subscriptionIdentifiers: "subscriptionIdentifier",
  sessionExpiryIntervalS: "sessionExpiryInterval",
  serverKeepAliveS: "serverKeepAlive",
  willDelayIntervalS: "willDelayInterval",
};
const BACK: Record<string, string> = Object.fromEntries(
  Object.entries(RENAMES).map(([a, b]) => [b, a]),
);

const buf = (b: Uint8Array) => Buffer.from(b);
const u8 = (b: Uint8Array) => new Uint8Array(b);

function propsOut(p: Properties | undefined): Obj | undefined {
  if (p === undefined) return undefined;
  const o: Obj = {};
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined) continue;
    const key = RENAMES[k] ?? k;
    if (k === "payloadFormatIndicator") o[key] = v === 1;
    else if (k === "subscriptionIdentifiers") o[key] = (v as number[]).length === 1 ? v[0] : v;
    else if (k === "userProperties") {
      const up: Obj = {};
      for (const [name, value] of v as [string, string][]) {
        if (name in up) up[name] = ([] as string[]).concat(up[name], value);
        else up[name] = value;
      }
      o[key] = up;
    } else if (v instanceof Uint8Array) o[key] = buf(v);
    else o[key] = v;
  }
  return o;
}

function propsIn(o: Obj | undefined): Properties | undefined {
  if (o === undefined) return undefined;
  const p: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    const key = BACK[k] ?? k;
    if (k === "payloadFormatIndicator") p[key] = v ? 1 : 0;
    else if (k === "subscriptionIdentifier") p[key] = Array.isArray(v) ? v : [v];
    else if (k === "userProperties") {
      const pairs: [string, string][] = [];
      for (const [name, value] of Object.entries(v as Obj)) {
        for (const x of Array.isArray(value) ? value : [value]) pairs.push([name, x]);
      }
      p[key] = pairs;
    } else if (v instanceof Uint8Array) p[key] = u8(v);
    else p[key] = v;
  }
  return Object.keys(p).length ? p as Properties : undefined;
}

/** Our packet as mqtt-packet's object. */
export function toMqttPacket(p: Packet, level: ProtocolLevel): Obj {
  const cmd = p.type.toLowerCase();
  switch (p.type) {
    case "CONNECT":
      return {
        cmd,
        protocolId: p.protocolName,
        protocolVersion: p.protocolLevel,
        clean: p.cleanStart,
        keepalive: p.keepaliveS,
        clientId: p.clientId,
        will: p.will && {
          topic: p.will.topic,
          payload: buf(p.will.payload),
          qos: p.will.qos,
          retain: p.will.retain,
          properties: propsOut(p.will.properties),
        },
        username: p.username,
        password: p.password && buf(p.password),
        properties: propsOut(p.properties),
      };
    case "CONNACK":
      return level === 5
        ? {
          cmd,
          sessionPresent: p.sessionPresent,
          reasonCode: p.reasonCode,
          properties: propsOut(p.properties),
        }
        : { cmd, sessionPresent: p.sessionPresent, returnCode: p.reasonCode };
    case "PUBLISH":
      return {
        cmd,
        dup: p.dup,
        qos: p.qos,
        retain: p.retain,
        topic: p.topic,
        messageId: p.packetId,
        payload: buf(p.payload),
        properties: propsOut(p.properties),
      };
    case "PUBACK":
    case "PUBREC":
    case "PUBREL":
    case "PUBCOMP":
      return {
        cmd,
        messageId: p.packetId,
        reasonCode: p.reasonCode ?? 0,
        properties: propsOut(p.properties),
      };
    case "SUBSCRIBE":
      return {
        cmd,
        messageId: p.packetId,
        subscriptions: p.subscriptions.map((s) => ({
          topic: s.topicFilter,
          qos: s.qos,
          nl: s.noLocal,
          rap: s.retainAsPublished,
          rh: s.retainHandling,
        })),
        properties: propsOut(p.properties),
      };
    case "SUBACK":
      return {
        cmd,
        messageId: p.packetId,
        granted: p.reasonCodes,
        properties: propsOut(p.properties),
      };
    case "UNSUBSCRIBE":
      return {
        cmd,
        messageId: p.packetId,
        unsubscriptions: p.topicFilters,
        properties: propsOut(p.properties),
      };
    case "UNSUBACK":
      return {
        cmd,
        messageId: p.packetId,
        granted: p.reasonCodes,
        properties: propsOut(p.properties),
      };
    case "PINGREQ":
    case "PINGRESP":
      return { cmd };
    case "DISCONNECT":
    case "AUTH":
      return { cmd, reasonCode: p.reasonCode ?? 0, properties: propsOut(p.properties) };
  }
}

/** mqtt-packet's object as our packet (normalised as `normalize` does). */
export function fromMqttPacket(o: Obj, level: ProtocolLevel): Packet {
  const type = String(o.cmd).toUpperCase() as Packet["type"];
  const props = propsIn(o.properties);
  let p: Obj;
  switch (type) {
    case "CONNECT":
      p = {
        type,
        protocolName: o.protocolId,
        protocolLevel: o.protocolVersion,
        cleanStart: o.clean,
        keepaliveS: o.keepalive,
        clientId: o.clientId,
      };
      if (props) p.properties = props;
      if (o.will) {
        p.will = {
          topic: o.will.topic,
          payload: u8(o.will.payload),
          qos: o.will.qos,
          retain: o.will.retain,
        };
        const wp = propsIn(o.will.properties);
        if (wp) p.will.properties = wp;
      }
      if (o.username !== undefined) p.username = o.username;
      if (o.password !== undefined) p.password = u8(o.password);
      break;
    case "CONNACK":
      p = {
        type,
        sessionPresent: o.sessionPresent,
        reasonCode: level === 5 ? o.reasonCode : o.returnCode,
      };
      break;
    case "PUBLISH":
      p = {
        type,
        dup: o.dup,
        qos: o.qos,
        retain: o.retain,
        topic: o.topic,
        payload: u8(o.payload),
      };
      if (o.qos > 0) p.packetId = o.messageId;
      break;
    case "PUBACK":
    case "PUBREC":
    case "PUBREL":
    case "PUBCOMP":
      p = { type, packetId: o.messageId, reasonCode: o.reasonCode };
      break;
    case "SUBSCRIBE":
      p = {
        type,
        packetId: o.messageId,
        subscriptions: o.subscriptions.map((s: Obj) =>
          level === 5
            ? {
              topicFilter: s.topic,
              qos: s.qos,
              noLocal: s.nl,
              retainAsPublished: s.rap,
              retainHandling: s.rh,
            }
            : { topicFilter: s.topic, qos: s.qos }
        ),
      };
      break;
    case "SUBACK":
      p = { type, packetId: o.messageId, reasonCodes: o.granted };
      break;
    case "UNSUBSCRIBE":
      p = { type, packetId: o.messageId, topicFilters: o.unsubscriptions };
      break;
    case "UNSUBACK":
      p = { type, packetId: o.messageId };
      if (level === 5) p.reasonCodes = o.granted;
      break;
    case "PINGREQ":
    case "PINGRESP":
      return { type };
    default:
      p = { type, reasonCode: o.reasonCode };
  }
  if (props && type !== "CONNECT") p.properties = props;
  return normalize(p as Packet, level);
}

/**
 * One canonical form for comparison: an optional reason code of 0 is dropped (the spec lets
 * it be omitted), 5.0 subscription options are spelt out, empty properties are dropped.
 */
export function normalize(p: Packet, level: ProtocolLevel): Packet {
  const o: Obj = { ...p };
  if (
    ["PUBACK", "PUBREC", "PUBREL", "PUBCOMP", "DISCONNECT", "AUTH"].includes(p.type) &&
    (o.reasonCode === 0 || o.reasonCode === undefined)
  ) delete o.reasonCode;
  if (o.properties !== undefined && Object.keys(o.properties).length === 0) delete o.properties;
  if (p.type === "SUBSCRIBE" && level === 5) {
    o.subscriptions = p.subscriptions.map((s) => ({
      topicFilter: s.topicFilter,
      qos: s.qos,
      noLocal: s.noLocal ?? false,
      retainAsPublished: s.retainAsPublished ?? false,
      retainHandling: s.retainHandling ?? 0,
    }));
  }
  return o as Packet;
}

/** mqtt-packet's encoding of our packet. */
export function mqttGenerate(p: Packet, level: ProtocolLevel): Uint8Array {
  return u8(mqtt.generate(toMqttPacket(p, level) as never, { protocolVersion: level }));
}

/** mqtt-packet's decoding of bytes: the packets, or the first error. */
export function mqttParse(
  bytes: Uint8Array,
  level: ProtocolLevel,
): { packets: Obj[]; error?: Error } {
  const parser = mqtt.parser({ protocolVersion: level });
  const packets: Obj[] = [];
  let error: Error | undefined;
  parser.on("packet", (p: Obj) => packets.push(p));
  parser.on("error", (e: Error) => error ??= e);
  parser.parse(buf(bytes));
  return { packets, error };
}
