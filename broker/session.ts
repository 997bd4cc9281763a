/**
 * A client's session: its subscriptions, the QoS 1/2 messages in flight both
 * ways, and its queue of messages waiting for the window or for the client to
 * come back. It outlives connections when the session is persistent.
 */
import type { QoS, Will } from "./codec/mod.ts";
import type { Delivery } from "./message.ts";
import type { TimerHandle } from "./timebase.ts";
import type { Connection } from "./connection.ts";

/** Session Expiry Interval meaning "never" (0xFFFFFFFF, section 3.1.2.11.2). */
export const SESSION_NEVER_EXPIRES_S = 0xffff_ffff;
const MAX_PACKET_ID = 0xffff;

export interface SubEntry {
  /** As subscribed, including "$share/group/". */
  filter: string;
  /** The filter matched against topics. */
  topicFilter: string;
  group?: string;
  qos: QoS;
  noLocal: boolean;
  retainAsPublished: boolean;
  retainHandling: 0 | 1 | 2;
  subscriptionId?: number;
}

export class Session {
  // The collections are made on first use: an idle sensor's session stays small.
  #subscriptions: Map<string, SubEntry> | undefined;
  #inflight: Map<number, Delivery> | undefined;
  #inboundQos2: Set<number> | undefined;
  /** Waiting for the window or the client (oldest first). */
  queue: Delivery[] = [];
  /** Seconds the session survives its connection; 0 = ends with it. */
  expiryIntervalS = 0;
  expiryTimer: TimerHandle | undefined;
  /** A delayed will (v5 Will Delay) waiting to be published, and its timer. */
  willTimer: TimerHandle | undefined;
  pendingWill: Will | undefined;
  /** The live connection, when the client is connected. */
  connection: Connection | undefined;
  /** User name of the last connection (ACL %u for deliveries while offline). */
  username: string | undefined;
  /** Protocol level of the last connection. */
  level = 4;
  #nextPacketId = 1;

  constructor(readonly clientId: string) {}

  /** By filter as subscribed (including "$share/group/"). */
  get subscriptions(): Map<string, SubEntry> {
    return this.#subscriptions ??= new Map();
  }

  get subscriptionCount(): number {
    return this.#subscriptions?.size ?? 0;
  }

  /** Outbound QoS 1/2 waiting for PUBACK / PUBREC / PUBCOMP, by packet id. */
  get inflight(): Map<number, Delivery> {
    return this.#inflight ??= new Map();
  }

  get inflightCount(): number {
    return this.#inflight?.size ?? 0;
  }

  /** Inbound QoS 2 packet ids received and waiting for PUBREL. */
  get inboundQos2(): Set<number> {
    return this.#inboundQos2 ??= new Set();
  }

  /** A packet id not in flight [MQTT-2.2.1-3], or undefined when all 65,535 are. */
  allocatePacketId(): number | undefined {
    if (this.inflight.size >= MAX_PACKET_ID) return undefined;
    while (this.inflight.has(this.#nextPacketId)) this.#advance();
    const id = this.#nextPacketId;
    this.#advance();
    return id;
  }

  #advance(): void {
    this.#nextPacketId = this.#nextPacketId === MAX_PACKET_ID ? 1 : this.#nextPacketId + 1;
  }

  cancelTimers(): void {
    this.expiryTimer?.cancel();
    this.expiryTimer = undefined;
    this.willTimer?.cancel();
    this.willTimer = undefined;
    this.pendingWill = undefined;
  }
}
