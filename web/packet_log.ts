/** One JSON line per packet: the format `deno task sim --format jsonl` and GET /api/packets?format=jsonl share. */
import { previewPayload } from "../broker/codec/mod.ts";
import type { PacketEvent } from "../broker/mod.ts";
import { toHex } from "./packet_view.ts";

export interface PacketLogLine {
  seq: number;
  atUs: number;
  from: string;
  to: string;
  type: string;
  clientId?: string;
  topic?: string;
  payloadText?: string;
  qos?: number;
  retain?: boolean;
  hex: string;
}

export function packetLogLine(event: PacketEvent, peerName: string): PacketLogLine {
  const inbound = event.direction === "in";
  const line: PacketLogLine = {
    seq: event.seq,
    atUs: event.atUs,
    from: inbound ? peerName : "broker",
    to: inbound ? "broker" : peerName,
    type: event.packet.type,
    clientId: event.clientId,
    hex: toHex(event.bytes),
  };
  if (event.packet.type === "PUBLISH") {
    line.topic = event.packet.topic;
    line.payloadText = previewPayload(event.packet.payload).text;
    line.qos = event.packet.qos;
    line.retain = event.packet.retain;
  }
  return line;
}
