/** What the world tells the UI and the logs besides packets. */
import type { Packet } from "../broker/codec/mod.ts";

export type WorldEvent =
  | { kind: "pin"; atUs: number; board: string; pin: number; level: 0 | 1 }
  | { kind: "console"; atUs: number; board: string; text: string }
  | {
    kind: "wifi";
    atUs: number;
    board: string;
    iface: "sta" | "ap";
    active: boolean;
    status: number;
    ip?: string;
  }
  | { kind: "power"; atUs: number; board: string; state: "on" | "off"; reason: string }
  | { kind: "scenario"; atUs: number; action: string; detail: string }
  | { kind: "broker"; atUs: number; state: "up" | "down" };

/**
 * One MQTT packet on the wire between a board (or another client) and the broker, seen by
 * the embedded broker's tap or, with an external broker, at the board's socket.
 */
export interface WorldPacket {
  seq: number;
  atUs: number;
  /** Board name, "broker", or the remote address of a client that is not a board. */
  from: string;
  to: string;
  clientId?: string;
  packet: Packet;
  bytes: Uint8Array;
  /** MQTT protocol level of the connection (4 = 3.1.1). */
  level: number;
  /** As the broker sees it: "in" = towards the broker. */
  direction: "in" | "out";
  /** The client's "ip:port" as the broker sees it. */
  remoteAddress: string;
  /** "virtual" for boards on the embedded broker; "tcp" with an external one. */
  transport: "tcp" | "ws" | "virtual";
  /** The embedded broker's connection id (absent with an external broker). */
  connectionId?: number;
}
