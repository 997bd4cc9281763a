/**
 * From the broker's tap to what the UI shows: a cheap row for every packet, and
 * the full detail (hex, dissection, payload preview) only when one is selected.
 */
import { dissect, type Field, previewPayload, summarize } from "../broker/codec/mod.ts";
import type { PacketEvent } from "../broker/mod.ts";
import type { ProtocolLevel } from "../broker/codec/mod.ts";
import type { PacketDetail, PacketRow } from "./protocol.ts";

/** Names the topology node at the far end of a packet's connection. */
export type PeerResolver = (event: PacketEvent) => string;

export function toPacketRow(event: PacketEvent, peerOf: PeerResolver): PacketRow {
  const packet = event.packet;
  const row: PacketRow = {
    seq: event.seq,
    atUs: event.atUs,
    connectionId: event.connectionId,
    clientId: event.clientId,
    transport: event.transport,
    direction: event.direction,
    peer: peerOf(event),
    type: packet.type,
    summary: summarize(packet),
    size: event.bytes.length,
    level: event.level,
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

export function toPacketDetail(event: PacketEvent, peerOf: PeerResolver): PacketDetail {
  const detail: PacketDetail = {
    row: toPacketRow(event, peerOf),
    hex: toHex(event.bytes),
    fields: jsonSafeFields(dissect(event.bytes, event.level as ProtocolLevel)),
  };
  if (event.packet.type === "PUBLISH") detail.payload = previewPayload(event.packet.payload);
  return detail;
}
