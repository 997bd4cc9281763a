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

/** A scenario's action at its time (a fault, a reset, a button), so a log says why. */
export interface ScenarioRecord {
  kind: "scenario";
  atUs: number;
  action: string;
  detail: string;
}

export type LogRecord = PacketRecord | ConsoleRecord | ScenarioRecord;

export function scenarioRecord(ev: Extract<WorldEvent, { kind: "scenario" }>): ScenarioRecord {
  return { kind: "scenario", atUs: ev.atUs, action: ev.action, detail: ev.detail };
}

/** The log record of a world event, for the kinds a headless log shows. */
export function eventRecord(ev: WorldEvent): ConsoleRecord | ScenarioRecord | undefined {
  if (ev.kind === "console") return consoleRecord(ev);
  if (ev.kind === "scenario") return scenarioRecord(ev);
  return undefined;
}

/** "   6.025000  publisher -> broker      PUBLISH qos0 /public/pz_esp32/1 ..." */
export function formatRecord(r: LogRecord): string {
  const at = formatUs(r.atUs).padStart(11);
  if (r.kind === "console") return `${at}  [${r.board}] ${r.text}`;
  if (r.kind === "scenario") return `${at}  ** ${r.action}${r.detail ? ` ${r.detail}` : ""}`;
  return `${at}  ${`${r.from} -> ${r.to}`.padEnd(24)}  ${r.summary}`;
}

export function jsonRecord(r: LogRecord): string {
  return JSON.stringify(r);
}
