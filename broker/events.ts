/**
 * Broker events for the UI and the world, beside the packet tap:
 * `broker.onEvent(listener)` returns the unsubscribe function.
 */
import type { Transport } from "./link.ts";

interface Base {
  atUs: number;
  connectionId?: number;
  clientId?: string;
}

export type BrokerEvent =
  | Base & {
    type: "connection-opened";
    connectionId: number;
    transport: Transport;
    remoteAddress: string;
  }
  | Base & {
    type: "client-connected";
    connectionId: number;
    clientId: string;
    level: number;
    username?: string;
    cleanStart: boolean;
    keepaliveS: number;
    sessionPresent: boolean;
  }
  | Base & { type: "connect-refused"; connectionId: number; reasonCode: number; reason: string }
  | Base & { type: "connection-closed"; connectionId: number; reason: string }
  | Base & {
    type: "acl-refused";
    clientId: string;
    action: "publish" | "subscribe" | "deliver";
    topic: string;
    rule: string;
  }
  | Base & { type: "will-published"; clientId: string; topic: string }
  | Base & { type: "session-expired"; clientId: string }
  | Base & { type: "message-dropped"; clientId: string; topic: string; reason: string };

export type BrokerEventListener = (event: BrokerEvent) => void;
