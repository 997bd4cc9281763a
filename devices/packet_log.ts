/**
 * The headless log format of a world run: one record per packet and per console line, as
 * text (for people) or JSON lines (for grading, CI and golden files). Same scenario and
 * seed give byte-identical output.
 */
import { summarize } from "../broker/codec/mod.ts";
import { formatUs } from "../sim/mod.ts";
import type { WorldEvent, WorldPacket } from "./world_events.ts";

export interface PacketRecord {
  kind: "packet";
  atUs: number;
  from: string;
  to: string;
  type: string;
  clientId: string | null;
  topic: string | null;
  payloadText: string | null;
  qos: number | null;
  retain: boolean | null;
  summary: string;
  hex: string;
}

export interface ConsoleRecord {
  kind: "console";
  atUs: number;
  board: string;
  text: string;
}

const decoder = new TextDecoder("utf-8", { fatal: false });

function hex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

export function packetRecord(p: WorldPacket): PacketRecord {
  const pk = p.packet;
  const isPublish = pk.type === "PUBLISH";
  return {
    kind: "packet",
    atUs: p.atUs,
    from: p.from,
    to: p.to,
    type: pk.type,
    clientId: p.clientId ?? (pk.type === "CONNECT" ? pk.clientId : null),
    topic: isPublish ? pk.topic : null,
    payloadText: isPublish ? decoder.decode(pk.payload) : null,
    qos: isPublish ? pk.qos : null,
    retain: isPublish ? pk.retain : null,
    summary: summarize(pk),
    hex: hex(p.bytes),
  };
}

export function consoleRecord(ev: Extract<WorldEvent, { kind: "console" }>): ConsoleRecord {
  return { kind: "console", atUs: ev.atUs, board: ev.board, text: ev.text };
}

/** "   6.025000  publisher -> broker      PUBLISH qos0 /public/pz_esp32/1 ..." */
export function formatRecord(r: PacketRecord | ConsoleRecord): string {
  const at = formatUs(r.atUs).padStart(11);
  if (r.kind === "console") return `${at}  [${r.board}] ${r.text}`;
  return `${at}  ${`${r.from} -> ${r.to}`.padEnd(24)}  ${r.summary}`;
}

export function jsonRecord(r: PacketRecord | ConsoleRecord): string {
  return JSON.stringify(r);
}
