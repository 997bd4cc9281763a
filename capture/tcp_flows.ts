/**
 * Turns capture records into TCP segments as a real stack would send them (RFC 793):
 * a three-way handshake at each connection's first record (section 3.4, "Establishing a
 * connection"), sequence numbers advancing by payload length, the other side's next
 * sequence number acknowledged, and writes larger than the MSS cut into several segments.
 */
import { CAPTURE_BROKER_IP, fnv1a, macFor, MQTT_PORT, parseIpv4 } from "./addresses.ts";
import { type Endpoint, TcpFlag, tcpFrame } from "./frames.ts";
import type { CaptureRecord } from "./record.ts";

/** Ethernet's MTU 1500 minus 20 bytes IPv4 and 20 bytes TCP headers. */
export const ETHERNET_MSS_BYTES = 1460;

export interface TcpFlowOptions {
  brokerIp?: string;
  brokerPort?: number;
  /** Largest payload per segment (default 1460). */
  mssBytes?: number;
}

export interface TimedFrame {
  atUs: number;
  frame: Uint8Array;
}

interface Side {
  endpoint: Endpoint;
  /** Next sequence number this side sends (SND.NXT). */
  next: number;
}

interface Flow {
  client: Side;
  broker: Side;
}

export class TcpFlows {
  readonly #broker: Endpoint;
  readonly #mssBytes: number;
  readonly #flows = new Map<string, Flow>();
  /** IPv4 identification per sending host, counting up as a stack does. */
  readonly #ipIds = new Map<string, number>();

  constructor(options: TcpFlowOptions = {}) {
    const brokerIp = options.brokerIp ?? CAPTURE_BROKER_IP;
    const ip = parseIpv4(brokerIp);
    if (!ip) throw new Error(`Cannot capture: broker address '${brokerIp}' is not IPv4`);
    this.#broker = { ip, mac: macFor(ip), port: options.brokerPort ?? MQTT_PORT };
    this.#mssBytes = options.mssBytes ?? ETHERNET_MSS_BYTES;
    if (!Number.isInteger(this.#mssBytes) || this.#mssBytes < 1 || this.#mssBytes > 65495) {
      throw new RangeError(`Cannot capture with an MSS of ${this.#mssBytes} bytes`);
    }
  }

  /** The frames that carry `record` (after a handshake when its connection is new). */
  push(record: CaptureRecord): TimedFrame[] {
    const out: TimedFrame[] = [];
    const atUs = record.atUs;
    let flow = this.#flows.get(record.connection);
    if (!flow) {
      flow = this.#open(record);
      this.#flows.set(record.connection, flow);
      this.#handshake(flow, atUs, out);
    }
    const [from, to] = record.toBroker ? [flow.client, flow.broker] : [flow.broker, flow.client];
    const bytes = record.bytes;
    for (let offset = 0; offset < bytes.length; offset += this.#mssBytes) {
      const payload = bytes.subarray(offset, offset + this.#mssBytes);
      const last = offset + this.#mssBytes >= bytes.length;
      out.push({
        atUs,
        frame: this.#segment(from, to, TcpFlag.ACK | (last ? TcpFlag.PSH : 0), payload),
      });
      from.next = (from.next + payload.length) >>> 0;
    }
    return out;
  }

  #open(record: CaptureRecord): Flow {
    const ip = parseIpv4(record.clientIp);
    if (!ip) throw new Error(`Cannot capture: client address '${record.clientIp}' is not IPv4`);
    // Initial sequence numbers (RFC 793 section 3.3) from the connection's name: stable
    // across runs, different per connection.
    return {
      client: {
        endpoint: { ip, mac: macFor(ip), port: record.clientPort },
        next: fnv1a(`${record.connection}/client`),
      },
      broker: { endpoint: this.#broker, next: fnv1a(`${record.connection}/broker`) },
    };
  }

  /** SYN, SYN-ACK, ACK (RFC 793 section 3.4, figure 7). */
  #handshake(flow: Flow, atUs: number, out: TimedFrame[]): void {
    const { client, broker } = flow;
    out.push({ atUs, frame: this.#segment(client, broker, TcpFlag.SYN, undefined, 0) });
    client.next = (client.next + 1) >>> 0; // SYN occupies one sequence number
    out.push({ atUs, frame: this.#segment(broker, client, TcpFlag.SYN | TcpFlag.ACK) });
    broker.next = (broker.next + 1) >>> 0;
    out.push({ atUs, frame: this.#segment(client, broker, TcpFlag.ACK) });
  }

  #segment(from: Side, to: Side, flags: number, payload?: Uint8Array, ack?: number): Uint8Array {
    const key = from.endpoint.ip.join(".");
    const ipId = this.#ipIds.get(key) ?? 0;
    this.#ipIds.set(key, (ipId + 1) & 0xffff);
    const syn = (flags & TcpFlag.SYN) !== 0;
    return tcpFrame({
      src: from.endpoint,
      dst: to.endpoint,
      seq: from.next,
      ack: ack ?? to.next,
      flags,
      ipId,
      ...(syn && { mssBytes: this.#mssBytes }),
      ...(payload && { payload }),
    });
  }
}
