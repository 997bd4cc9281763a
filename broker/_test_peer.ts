/**
 * An in-memory client for tests: encodes packets into the broker and decodes
 * what comes back, over a virtual Link.
 */
import type { ConnectPacket, Packet, ProtocolLevel } from "./codec/mod.ts";
import { Decoder, encode } from "./_codec.ts";
import type { Broker } from "./broker.ts";
import type { AttachedLink, Link, Transport } from "./link.ts";

export class TestPeer {
  readonly received: Packet[] = [];
  readonly rawReceived: Uint8Array[] = [];
  closedByBroker = false;
  readonly attached: AttachedLink;
  readonly #decoder: Decoder;

  constructor(
    broker: Broker,
    readonly level: ProtocolLevel = 4,
    transport: Transport = "virtual",
    readonly name = "peer",
  ) {
    this.#decoder = new Decoder({ level, maxPacketSize: 1 << 28 });
    const link: Link = {
      transport,
      remoteAddress: name,
      send: (bytes) => {
        this.rawReceived.push(bytes.slice());
        for (const f of this.#decoder.push(bytes)) this.received.push(f.packet);
      },
      close: () => {
        if (this.closedByBroker) return;
        this.closedByBroker = true;
        this.attached.closed();
      },
    };
    this.attached = broker.attach(link);
  }

  send(packet: Packet): void {
    this.attached.receive(encode(packet, this.level));
  }

  sendBytes(bytes: number[] | Uint8Array): void {
    this.attached.receive(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  }

  /** All packets received since the last take. */
  take(): Packet[] {
    return this.received.splice(0);
  }

  /** Received packets of one type since the last take (others kept). */
  takeType<T extends Packet["type"]>(type: T): Extract<Packet, { type: T }>[] {
    const out = this.received.filter((p) => p.type === type) as Extract<Packet, { type: T }>[];
    const rest = this.received.filter((p) => p.type !== type);
    this.received.length = 0;
    this.received.push(...rest);
    return out;
  }

  connect(clientId: string, extra: Partial<ConnectPacket> = {}): Packet | undefined {
    this.send({
      type: "CONNECT",
      protocolName: this.level === 3 ? "MQIsdp" : "MQTT",
      protocolLevel: this.level,
      cleanStart: true,
      keepaliveS: 0,
      clientId,
      ...extra,
    });
    return this.received.shift();
  }

  /** The peer goes away without DISCONNECT. */
  drop(): void {
    this.attached.closed();
  }
}

export const text = (s: string) => new TextEncoder().encode(s);
export const str = (b: Uint8Array) => new TextDecoder().decode(b);
