/**
 * What the server and the UI say to each other over `/events` and the HTTP API.
 * Types only, shared by web/ (server side) and web/ui/ (browser side), so both
 * sides change together. Everything is JSON-friendly: bytes travel as hex.
 */
import type { Field, PacketType } from "../broker/codec/mod.ts";

export type { Field, PacketType };

export type PaceMode = "paused" | "playing" | "max";
export type Transport = "tcp" | "ws" | "virtual";

/** One row of the packet list: cheap to make for every packet. */
export interface PacketRow {
  seq: number;
  atUs: number;
  connectionId: number;
  clientId?: string;
  transport: Transport;
  /** Seen from the broker: "in" came from the peer, "out" went to it. */
  direction: "in" | "out";
  /** The peer's node id in the topology (see `nodeIdOf`): a board, a phone, a real client. */
  peer: string;
  type: PacketType;
  summary: string;
  topic?: string;
  qos?: number;
  retain?: boolean;
  dup?: boolean;
  /** Frame size in bytes. */
  size: number;
  /** Protocol level of the connection (3, 4 or 5). */
  level: number;
}

/** GET /api/packets/:seq — a row plus everything the inspector shows. */
export interface PacketDetail {
  row: PacketRow;
  /** The whole frame as lowercase hex. */
  hex: string;
  /** The codec's dissection: leaf fields cover every byte exactly once. */
  fields: Field[];
  /** Payload preview for PUBLISH (text, JSON or hex). */
  payload?: { kind: "text" | "json" | "hex"; text: string };
}

export interface ConsoleLine {
  atUs: number;
  text: string;
}

export interface WifiView {
  /** MicroPython's status code (1010 = STAT_GOT_IP, 202 = wrong password, ...). */
  status: number;
  statusName: string;
  ssid?: string;
  ip?: string;
  active: boolean;
}

export interface BoardView {
  name: string;
  /** GPIO of the on-board LED (15 on the textbook's board). */
  ledPin: number;
  power: "on" | "off";
  /** Output levels of the pins the program drives. */
  pins: Record<string, number>;
  wifi: WifiView;
  /** What runs: a MicroPython file or a built-in TypeScript program. */
  program: { kind: "micropython" | "builtin"; name: string };
  /** Halted with a reason (runaway loop, crash), shown on the board. */
  halted?: string;
  /** MicroPython boards: where the program is ("repl" = main.py ended, at the >>> prompt). */
  runState?: "off" | "booting" | "running" | "waiting" | "repl" | "stopped";
}

export interface BrokerClientView {
  clientId: string;
  connected: boolean;
  transport?: Transport;
  remoteAddress?: string;
  username?: string;
  level: number;
  keepaliveS?: number;
  subscriptions: { filter: string; qos: number }[];
  inflight: number;
  queued: number;
  /** Topology node of this client (board name, phone, or the client id). */
  node: string;
}

export interface BrokerView {
  atUs: number;
  clients: BrokerClientView[];
  retained: { topic: string; payloadText: string; qos: number }[];
  wills: { clientId: string; topic: string; qos: number; retain: boolean; delayS: number }[];
  /** $SYS names without the "$SYS/broker/" prefix, e.g. "clients/connected". */
  metrics: Record<string, string>;
  /** Where real clients connect: "mqtt://127.0.0.1:1883" and the WebSocket path. */
  endpoints: { tcp?: string; ws: string };
  /** `--seats`: the seats' user names ("seat01", ...), for the classroom view. */
  seats?: string[];
}

/** A broker event in JSON form (ACL refusals, takeovers, wills, ...). */
export interface BrokerEventView {
  type: string;
  atUs: number;
  clientId?: string;
  connectionId?: number;
  /** One line a person reads, e.g. "ACL refused publish to a/b by rule 3". */
  text: string;
  [key: string]: unknown;
}

export interface WorldView {
  scenario?: { id: string; title: string };
  seed: number;
  boards: BoardView[];
  /** Set while a recorded session plays: the UI shows a bar to scrub through it. */
  replay?: { endUs: number };
}

export type ServerMessage =
  | { kind: "clock"; nowUs: number; mode: PaceMode; speed: number }
  /** First message on connect: the whole picture, and the latest packets. */
  | {
    kind: "hello";
    world: WorldView;
    broker: BrokerView;
    packets: PacketRow[];
    /** Each board's latest console lines, so a page opened late sees what was printed. */
    consoles?: Record<string, ConsoleLine[]>;
  }
  /** New packets since the last batch (batched by the server, ~10 per second). */
  | { kind: "packets"; rows: PacketRow[] }
  /** The world was replaced (a scenario loaded): start over from this. */
  | { kind: "world"; world: WorldView }
  /** One board changed (power, WiFi, pins, program, halted). */
  | { kind: "board"; board: BoardView }
  | { kind: "console"; board: string; line: ConsoleLine }
  | { kind: "pin"; board: string; pin: number; value: number; atUs: number }
  | { kind: "broker"; broker: BrokerView }
  | { kind: "broker-event"; event: BrokerEventView };

/** Topology node ids: the broker, boards and other clients. */
export const BROKER_NODE = "broker";
export const boardNode = (name: string) => `board:${name}`;
export const clientNode = (clientIdOrAddress: string) => `client:${clientIdOrAddress}`;
