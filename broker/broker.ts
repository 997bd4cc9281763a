/**
 * The broker's public face: attach links, read the tap and the events, take a
 * snapshot for the UI. Everything runs on the world's virtual clock; real
 * sockets' keep-alive uses the injected wall timebase.
 */
import type { VirtualClock } from "../sim/mod.ts";
import { Core } from "./_core.ts";
import type { BrokerConfig } from "./config.ts";
import type { BrokerEventListener } from "./events.ts";
import type { AttachedLink, Link, Transport } from "./link.ts";
import type { Tap } from "./tap.ts";
import type { Timebase } from "./timebase.ts";
import { type BrokerState, exportState, importState } from "./state.ts";

export interface BrokerOptions {
  clock: VirtualClock;
  config?: BrokerConfig;
  /**
   * Timers in wall time for connections over real sockets (TCP, WebSocket):
   * their keep-alive and connect timeout. Without it those are not enforced
   * for real sockets (the virtual clock would judge them wrongly at any speed
   * but 1x); boards always use the virtual clock.
   */
  wallTimebase?: Timebase;
  /** Packet events kept in the tap's ring (default 100,000). */
  tapCapacity?: number;
  /** Bytes of frames the tap keeps (default 16 MiB); older events' bytes are overwritten. */
  tapBytes?: number;
  /**
   * Told when the broker starts and ends work off the virtual clock (a password
   * check runs PBKDF2 in WebCrypto), so a world can hold its clock until it is
   * done and a CONNACK always comes at the same virtual time.
   */
  offClockWork?: { enter(): void; leave(): void };
}

export interface ClientSnapshot {
  clientId: string;
  connected: boolean;
  connectionId?: number;
  transport?: Transport;
  remoteAddress?: string;
  username?: string;
  level: number;
  keepaliveS?: number;
  sessionExpiryIntervalS: number;
  subscriptions: {
    filter: string;
    qos: number;
    noLocal: boolean;
    retainAsPublished: boolean;
    retainHandling: number;
    subscriptionId?: number;
  }[];
  inflight: number;
  queued: number;
}

export interface BrokerSnapshot {
  atUs: number;
  clients: ClientSnapshot[];
  /** Connections that have not finished CONNECT yet. */
  pendingConnections: number;
  retained: { topic: string; payload: Uint8Array; qos: number }[];
  wills: { clientId: string; topic: string; qos: number; retain: boolean; delayS: number }[];
  /** $SYS names (without "$SYS/broker/") to values. */
  metrics: Record<string, string>;
}

export class Broker {
  readonly #core: Core;

  constructor(options: BrokerOptions) {
    this.#core = new Core(options);
  }

  /** Starts speaking MQTT over `link`; feed its bytes to the returned AttachedLink. */
  attach(link: Link): AttachedLink {
    return this.#core.attach(link);
  }

  /** Every packet in and out. */
  get tap(): Tap {
    return this.#core.tap;
  }

  /**
   * Connection opened / client connected / connect refused / connection closed
   * (with the reason), ACL refusals (with the rule), wills published, sessions
   * expired, messages dropped. Returns the unsubscribe function.
   */
  onEvent(listener: BrokerEventListener): () => void {
    return this.#core.onEvent(listener);
  }

  snapshot(): BrokerSnapshot {
    const core = this.#core;
    const clients: ClientSnapshot[] = [];
    const wills: BrokerSnapshot["wills"] = [];
    for (const s of core.sessions.values()) {
      const c = s.connection;
      clients.push({
        clientId: s.clientId,
        connected: c !== undefined,
        connectionId: c?.id,
        transport: c?.link.transport,
        remoteAddress: c?.link.remoteAddress,
        username: c?.username,
        level: s.level,
        keepaliveS: c?.keepaliveS,
        sessionExpiryIntervalS: s.expiryIntervalS,
        subscriptions: [...(s.subscriptionCount > 0 ? s.subscriptions.values() : [])].map((
          sub,
        ) => ({
          filter: sub.filter,
          qos: sub.qos,
          noLocal: sub.noLocal,
          retainAsPublished: sub.retainAsPublished,
          retainHandling: sub.retainHandling,
          subscriptionId: sub.subscriptionId,
        })),
        inflight: s.inflightCount,
        queued: s.queue.length,
      });
      if (c?.will) {
        wills.push({
          clientId: s.clientId,
          topic: c.will.topic,
          qos: c.will.qos,
          retain: c.will.retain,
          delayS: c.will.properties?.willDelayIntervalS ?? 0,
        });
      }
    }
    let pending = 0;
    for (const c of core.connections) if (c.state !== "connected") pending++;
    return {
      atUs: core.clock.nowUs,
      clients,
      pendingConnections: pending,
      retained: [...core.retained.all()].map((m) => ({
        topic: m.topic,
        payload: m.payload,
        qos: m.qos,
      })),
      wills,
      metrics: Object.fromEntries(core.sys.values()),
    };
  }

  /**
   * Retained messages and persistent sessions (subscriptions, in-flight and queued
   * messages) as JSON-friendly data, for the host to save across restarts (state.ts).
   */
  exportState(): BrokerState {
    return exportState(this.#core);
  }

  /** Adds an exported state (before clients connect); existing sessions are kept. */
  importState(state: BrokerState): void {
    importState(this.#core, state);
  }

  /** Closes every connection (v5 clients get DISCONNECT 0x8B) and stops all timers. */
  close(): void {
    this.#core.closeAll();
  }
}
