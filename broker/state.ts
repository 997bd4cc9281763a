/**
 * The broker's lasting state as JSON-friendly data: retained messages and persistent
 * sessions (Clean Session 0 / a Session Expiry Interval > 0): their subscriptions, the
 * QoS 1/2 messages in flight and queued for them. The host saves it across restarts;
 * nothing here touches the packet path. Payloads are base64, other bytes in properties
 * {"$bytes": base64}. Message expiry is kept as time left, since a new broker's clock
 * starts again; a session's expiry interval starts again on import (as after a restart).
 */
import type { Properties, QoS } from "./codec/mod.ts";
import type { Core } from "./_core.ts";
import type { Delivery, Message, OutboundState } from "./message.ts";
import { Session, SESSION_NEVER_EXPIRES_S, type SubEntry } from "./session.ts";
import { parseSharedFilter, SERVER_TOPIC_PREFIX } from "./topic.ts";

export const BROKER_STATE_VERSION = 1;
const US_PER_S = 1_000_000;

export interface StoredMessage {
  topic: string;
  /** base64 */
  payload: string;
  qos: QoS;
  retain: boolean;
  properties?: unknown;
  publisherId?: string;
  /** v5 Message Expiry: time left when exported. */
  expiresInUs?: number;
}

export interface StoredDelivery {
  message: StoredMessage;
  qos: QoS;
  retain: boolean;
  subscriptionIds?: number[];
  packetId?: number;
  state?: OutboundState;
}

export interface StoredSession {
  clientId: string;
  level: number;
  username?: string;
  expiryIntervalS: number;
  subscriptions: Omit<SubEntry, "topicFilter" | "group">[];
  /** Sent and not yet acknowledged: sent again (DUP) when the client is back [MQTT-4.4.0-1]. */
  inflight: StoredDelivery[];
  queue: StoredDelivery[];
  /** Inbound QoS 2 packet ids waiting for PUBREL. */
  inboundQos2: number[];
}

export interface BrokerState {
  version: typeof BROKER_STATE_VERSION;
  retained: StoredMessage[];
  sessions: StoredSession[];
}

export function exportState(core: Core): BrokerState {
  const nowUs = core.clock.nowUs;
  const message = (m: Message): StoredMessage => ({
    topic: m.topic,
    payload: toBase64(m.payload),
    qos: m.qos,
    retain: m.retain,
    ...(m.properties && { properties: storeBytes(m.properties) }),
    ...(m.publisherId !== undefined && { publisherId: m.publisherId }),
    ...(m.expiryAtUs !== undefined && { expiresInUs: Math.max(0, m.expiryAtUs - nowUs) }),
  });
  const delivery = (d: Delivery): StoredDelivery => ({
    message: message(d.message),
    qos: d.qos,
    retain: d.retain,
    ...(d.subscriptionIds && { subscriptionIds: [...d.subscriptionIds] }),
    ...(d.packetId !== undefined && { packetId: d.packetId, state: d.state }),
  });
  const sessions: StoredSession[] = [];
  for (const s of core.sessions.values()) {
    if (s.expiryIntervalS === 0) continue; // ends with its connection: nothing to keep
    sessions.push({
      clientId: s.clientId,
      level: s.level,
      ...(s.username !== undefined && { username: s.username }),
      expiryIntervalS: s.expiryIntervalS,
      subscriptions: [...(s.subscriptionCount > 0 ? s.subscriptions.values() : [])].map((
        { topicFilter: _t, group: _g, ...sub },
      ) => sub),
      inflight: [...(s.inflightCount > 0 ? s.inflight.values() : [])].map(delivery),
      queue: s.queue.map(delivery),
      inboundQos2: [...s.inboundQos2],
    });
  }
  const retained: StoredMessage[] = [];
  for (const m of core.retained.all()) {
    // $SYS is the broker's own, made afresh; an expired message is gone
    if (m.topic.startsWith(SERVER_TOPIC_PREFIX)) continue;
    if (m.expiryAtUs !== undefined && m.expiryAtUs <= nowUs) continue;
    retained.push(message(m));
  }
  return { version: BROKER_STATE_VERSION, retained, sessions };
}

/** Adds `state` to a broker; sessions whose client id is already here are left alone. */
export function importState(core: Core, state: BrokerState): void {
  if (state?.version !== BROKER_STATE_VERSION) {
    throw new Error(
      `Cannot import broker state: version ${state?.version} (this broker reads ` +
        `${BROKER_STATE_VERSION})`,
    );
  }
  const nowUs = core.clock.nowUs;
  const message = (m: StoredMessage): Message => ({
    topic: m.topic,
    payload: fromBase64(m.payload),
    qos: m.qos,
    retain: m.retain,
    ...(m.properties !== undefined && { properties: loadBytes(m.properties) as Properties }),
    ...(m.publisherId !== undefined && { publisherId: m.publisherId }),
    ...(m.expiresInUs !== undefined && { expiryAtUs: nowUs + m.expiresInUs }),
  });
  const delivery = (d: StoredDelivery): Delivery => ({
    message: message(d.message),
    qos: d.qos,
    retain: d.retain,
    ...(d.subscriptionIds && { subscriptionIds: [...d.subscriptionIds] }),
    ...(d.packetId !== undefined && { packetId: d.packetId, state: d.state }),
  });
  for (const m of state.retained) core.retained.set(message(m));
  for (const stored of state.sessions) {
    if (core.sessions.has(stored.clientId)) continue;
    const session = new Session(stored.clientId);
    session.level = stored.level;
    session.username = stored.username;
    session.expiryIntervalS = stored.expiryIntervalS;
    for (const sub of stored.subscriptions) {
      const shared = parseSharedFilter(sub.filter);
      const entry: SubEntry = {
        ...sub,
        topicFilter: shared ? shared.filter : sub.filter,
        ...(shared && { group: shared.group }),
      };
      session.subscriptions.set(entry.filter, entry);
      core.tree.add(entry.topicFilter, session.clientId, entry, entry.group);
    }
    for (const d of stored.inflight) {
      if (d.packetId !== undefined) session.inflight.set(d.packetId, delivery(d));
    }
    session.queue = stored.queue.map(delivery);
    for (const id of stored.inboundQos2) session.inboundQos2.add(id);
    core.sessions.set(session.clientId, session);
    if (session.expiryIntervalS !== SESSION_NEVER_EXPIRES_S) {
      // as when its connection ended: the session lasts its interval unless the client returns
      session.expiryTimer = core.virtual.after(session.expiryIntervalS * US_PER_S, () => {
        session.expiryTimer = undefined;
        core.endSession(session);
        core.emit({ type: "session-expired", atUs: core.clock.nowUs, clientId: session.clientId });
      });
    }
  }
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Properties with their byte fields (correlation data...) as {"$bytes": base64}. */
function storeBytes(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $bytes: toBase64(value) };
  if (Array.isArray(value)) return value.map(storeBytes);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, storeBytes(v)]));
  }
  return value;
}

function loadBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(loadBytes);
  if (value && typeof value === "object") {
    const bytes = (value as { $bytes?: unknown }).$bytes;
    if (typeof bytes === "string") return fromBase64(bytes);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, loadBytes(v)]));
  }
  return value;
}
