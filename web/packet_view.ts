/**
 * From the world's packets to what the UI shows: a cheap row for every packet,
 * and the full detail (hex, dissection, payload preview) only when one is selected.
 */
import {
  dissect,
  type Field,
  previewPayload,
  type ProtocolLevel,
  summarize,
} from "../broker/codec/mod.ts";
import type { WorldPacket } from "../devices/mod.ts";
import type { PacketDetail, PacketRow } from "./protocol.ts";

export function toPacketRow(p: WorldPacket, seq: number, peer: string): PacketRow {
  const packet = p.packet;
  const row: PacketRow = {
    seq,
    atUs: p.atUs,
    // 0 with an external broker, where there are no broker connection ids.
    connectionId: p.connectionId ?? 0,
    clientId: p.clientId ?? (packet.type === "CONNECT" ? packet.clientId || undefined : undefined),
    transport: p.transport,
    direction: p.direction,
    peer,
    type: packet.type,
    summary: summarize(packet),
    size: p.bytes.length,
    level: p.level,
  };
  if (packet.type === "PUBLISH") {
    row.topic = packet.topic;
    row.qos = packet.qos;
    row.retain = packet.retain;
    row.dup = packet.dup;
  }
  return row;
}

export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += bytes[i].toString(16).padStart(2, "0");
  return s;
}

/** Field values as JSON can carry them: bytes as hex, big integers as strings. */
function jsonSafe(value: unknown): unknown {
  if (value instanceof Uint8Array) return toHex(value);
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  }
  return value;
}

function jsonSafeFields(fields: Field[]): Field[] {
  return fields.map((f) => ({
    ...f,
    value: jsonSafe(f.value),
    children: f.children ? jsonSafeFields(f.children) : undefined,
  }));
}

export function toPacketDetail(p: WorldPacket, seq: number, peer: string): PacketDetail {
  const detail: PacketDetail = {
    row: toPacketRow(p, seq, peer),
    hex: toHex(p.bytes),
    fields: jsonSafeFields(dissect(p.bytes, p.level as ProtocolLevel)),
  };
  if (p.packet.type === "PUBLISH") detail.payload = previewPayload(p.packet.payload);
  return detail;
}
