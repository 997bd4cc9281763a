/**
 * A packet log as a pcapng capture that Wireshark and tshark dissect: synthetic
 * Ethernet/IPv4/TCP around every MQTT frame, each client at its own address, the broker at
 * port 1883, timestamps in virtual microseconds.
 *
 *     const bytes = writePcapng(log.map((ev) => recordFromPacketEvent(ev)));
 *     await Deno.writeFile("session.pcapng", bytes);
 */
import {
  enhancedPacketBlock,
  interfaceDescriptionBlock,
  sectionHeaderBlock,
} from "./pcapng_blocks.ts";
import type { CaptureRecord } from "./record.ts";
import { type TcpFlowOptions, TcpFlows } from "./tcp_flows.ts";

export const CAPTURE_APPLICATION = "MQTT Playground";
export const CAPTURE_INTERFACE = "playground0";

export interface PcapngOptions extends TcpFlowOptions {
  /**
   * Send consecutive records of one connection, direction and instant in one write, so
   * several MQTT packets share a TCP segment as a real stack may send them (default false:
   * one write per record, as the broker and the boards send them).
   */
  coalesce?: boolean;
}

/** Builds a capture incrementally; `bytes()` gives the file so far. */
export class PcapngWriter {
  readonly #flows: TcpFlows;
  readonly #chunks: Uint8Array[];
  #length = 0;
  #frames = 0;

  constructor(options: TcpFlowOptions = {}) {
    this.#flows = new TcpFlows(options);
    this.#chunks = [];
    this.#append(sectionHeaderBlock(CAPTURE_APPLICATION));
    this.#append(interfaceDescriptionBlock(CAPTURE_INTERFACE));
  }

  /** Ethernet frames written so far (handshakes and segments). */
  get frameCount(): number {
    return this.#frames;
  }

  add(record: CaptureRecord): void {
    for (const { atUs, frame } of this.#flows.push(record)) {
      this.#append(enhancedPacketBlock(atUs, frame));
      this.#frames++;
    }
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.#length);
    let at = 0;
    for (const chunk of this.#chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  #append(chunk: Uint8Array): void {
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }
}

/** The whole capture of `records`, in their order. */
export function writePcapng(
  records: Iterable<CaptureRecord>,
  options: PcapngOptions = {},
): Uint8Array {
  const writer = new PcapngWriter(options);
  const list = options.coalesce ? coalesce(records) : records;
  for (const record of list) writer.add(record);
  return writer.bytes();
}

/** Glues runs of records with the same connection, direction and time into one. */
export function coalesce(records: Iterable<CaptureRecord>): CaptureRecord[] {
  const out: CaptureRecord[] = [];
  for (const r of records) {
    const last = out.at(-1);
    if (
      last && last.connection === r.connection && last.toBroker === r.toBroker &&
      last.atUs === r.atUs
    ) {
      const bytes = new Uint8Array(last.bytes.length + r.bytes.length);
      bytes.set(last.bytes);
      bytes.set(r.bytes, last.bytes.length);
      out[out.length - 1] = { ...last, bytes };
    } else {
      out.push(r);
    }
  }
  return out;
}
