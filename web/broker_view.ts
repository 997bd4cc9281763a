/** The broker panel's data: a JSON-friendly view of the broker's snapshot and events. */
import { previewPayload } from "../broker/codec/mod.ts";
import type { BrokerConfig, BrokerEvent, BrokerSnapshot } from "../broker/mod.ts";
import type { BrokerEventView, BrokerView } from "./protocol.ts";

export interface Endpoints {
  tcp?: string;
  ws: string;
}

export function toBrokerView(
  snapshot: BrokerSnapshot,
  endpoints: Endpoints,
  nodeOfClient: (clientId: string, remoteAddress?: string) => string,
  seats?: string[],
): BrokerView {
  return {
    ...(seats?.length ? { seats } : {}),
    atUs: snapshot.atUs,
    clients: snapshot.clients.map((c) => ({
      clientId: c.clientId,
      connected: c.connected,
      transport: c.transport,
      remoteAddress: c.remoteAddress,
      username: c.username,
      level: c.level,
      keepaliveS: c.keepaliveS,
      subscriptions: c.subscriptions.map((s) => ({ filter: s.filter, qos: s.qos })),
      inflight: c.inflight,
      queued: c.queued,
      node: nodeOfClient(c.clientId, c.remoteAddress),
    })),
    retained: snapshot.retained.map((r) => ({
      topic: r.topic,
      payloadText: previewPayload(r.payload, 256).text,
      qos: r.qos,
    })),
    wills: snapshot.wills,
    metrics: snapshot.metrics,
    endpoints,
  };
}

/** The seats' user names in a broker config (`--seats`): "seat01", "seat02", ... in order. */
export function seatNames(config: BrokerConfig | undefined): string[] {
  return (config?.users ?? []).map((u) => u.username).filter((name) => /^seat\d+$/.test(name))
    .sort();
}

/** One line a person reads, for the broker panel's event list. */
export function describeBrokerEvent(event: BrokerEvent): string {
  switch (event.type) {
    case "connection-opened":
      return `connection ${event.connectionId} opened from ${event.remoteAddress} (${event.transport})`;
    case "client-connected":
      return `${event.clientId} connected (MQTT level ${event.level}, keep-alive ${event.keepaliveS} s` +
        `${event.username ? `, user ${event.username}` : ""}${
          event.sessionPresent ? ", session present" : ""
        })`;
    case "connect-refused":
      return `connection ${event.connectionId} refused: ${event.reason}`;
    case "connection-closed":
      return `${event.clientId ?? `connection ${event.connectionId}`} closed: ${event.reason}`;
    case "acl-refused":
      return `ACL refused ${event.action} of ${event.topic} by ${event.clientId} (${event.rule})`;
    case "will-published":
      return `will of ${event.clientId} published to ${event.topic}`;
    case "session-expired":
      return `session of ${event.clientId} expired`;
    case "message-dropped":
      return `message to ${event.topic} for ${event.clientId} dropped: ${event.reason}`;
  }
}

export function toBrokerEventView(event: BrokerEvent): BrokerEventView {
  return { ...event, text: describeBrokerEvent(event) };
}
