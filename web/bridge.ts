/**
 * The bridge from the running world to every open UI: packet rows in batches,
 * broker snapshots once a second, broker events as they happen. Batching keeps
 * 1,000 packets/s to ten messages a second per browser.
 */
import type { Broker, PacketEvent } from "../broker/mod.ts";
import { type Endpoints, toBrokerEventView, toBrokerView } from "./broker_view.ts";
import type { EventHub } from "./events.ts";
import { type PeerResolver, toPacketDetail, toPacketRow } from "./packet_view.ts";
import { packetLogLine } from "./packet_log.ts";
import type { PacketDetail, PacketRow, ServerMessage, WorldView } from "./protocol.ts";

export const PACKET_BATCH_MS = 100;
export const BROKER_SNAPSHOT_MS = 1_000;
/** Rows a browser gets on connect; older ones come from GET /api/packets. */
export const HELLO_ROWS = 2_000;

export interface BridgeOptions {
  hub: EventHub;
  broker: Broker;
  endpoints: Endpoints;
  peerOf: PeerResolver;
  nodeOfClient: (clientId: string, remoteAddress?: string) => string;
  world: () => WorldView;
}

export class EventBridge {
  #options: BridgeOptions;
  #pending: PacketEvent[] = [];
  #unsubscribe: (() => void)[] = [];

  constructor(options: BridgeOptions) {
    this.#options = options;
    const { broker, hub } = options;
    this.#unsubscribe.push(broker.tap.listen((event) => this.#pending.push(event)));
    this.#unsubscribe.push(broker.onEvent((event) => {
      hub.broadcast({ kind: "broker-event", event: toBrokerEventView(event) });
    }));
  }

  /** The first messages a new browser gets: everything it needs to draw. */
  hello(): ServerMessage {
    this.flush();
    return {
      kind: "hello",
      world: this.#options.world(),
      broker: this.brokerView(),
      packets: this.recentRows(HELLO_ROWS),
    };
  }

  brokerView() {
    const o = this.#options;
    return toBrokerView(o.broker.snapshot(), o.endpoints, o.nodeOfClient);
  }

  recentRows(limit: number): PacketRow[] {
    return this.#options.broker.tap.recent(limit).map((ev) =>
      toPacketRow(ev, this.#options.peerOf)
    );
  }

  /** The latest `limit` packets as JSON lines. */
  jsonl(limit: number): string {
    const peerOf = this.#options.peerOf;
    let out = "";
    for (const ev of this.#options.broker.tap.recent(limit)) {
      out += JSON.stringify(packetLogLine(ev, peerOf(ev))) + "\n";
    }
    return out;
  }

  detail(seq: number): PacketDetail | undefined {
    const event = this.#options.broker.tap.get(seq);
    return event && toPacketDetail(event, this.#options.peerOf);
  }

  /** Sends the packets recorded since the last flush as one message. */
  flush(): void {
    if (this.#pending.length === 0) return;
    const events = this.#pending;
    this.#pending = [];
    if (this.#options.hub.size === 0) return;
    this.#options.hub.broadcast({
      kind: "packets",
      rows: events.map((ev) => toPacketRow(ev, this.#options.peerOf)),
    });
  }

  /** Drives the batches on host timers (injected: setInterval in the host). */
  start(every: (periodMs: number, callback: () => void) => () => void): void {
    this.#unsubscribe.push(every(PACKET_BATCH_MS, () => this.flush()));
    this.#unsubscribe.push(every(BROKER_SNAPSHOT_MS, () => {
      if (this.#options.hub.size > 0) {
        this.#options.hub.broadcast({ kind: "broker", broker: this.brokerView() });
      }
    }));
  }

  stop(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
  }
}
