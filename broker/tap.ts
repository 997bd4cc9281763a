/**
 * The tap: every packet in or out of the broker as a PacketEvent, kept in a
 * bounded ring and streamed to listeners. Recording is one object and one
 * array store; field byte ranges come later from `dissect(ev.bytes, level)`.
 */
import { dissect, type Field, type Packet, type ProtocolLevel } from "./codec/mod.ts";
import type { Transport } from "./link.ts";

export interface PacketEvent {
  seq: number;
  atUs: number;
  connectionId: number;
  clientId?: string;
  transport: Transport;
  remoteAddress: string;
  direction: "in" | "out";
  /** Exactly the frame's bytes (do not mutate). */
  bytes: Uint8Array;
  packet: Packet;
  /** Protocol level of the connection (3, 4 or 5), for `dissect`. */
  level: ProtocolLevel;
}

/** The event's fields with their byte ranges, dissected on demand (never on the hot path). */
export function dissectEvent(event: PacketEvent): Field[] {
  return dissect(event.bytes, event.level);
}

export type PacketListener = (event: PacketEvent) => void;

export const DEFAULT_TAP_CAPACITY = 100_000;

export class Tap {
  readonly capacity: number;
  #ring: (PacketEvent | undefined)[];
  #nextSeq = 1;
  #listeners: PacketListener[] = [];

  constructor(capacity = DEFAULT_TAP_CAPACITY) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`Cannot make a tap of capacity ${capacity}: it must be an integer >= 1`);
    }
    this.capacity = capacity;
    this.#ring = new Array(capacity);
  }

  /** The seq the next event will get (seqs start at 1). */
  get nextSeq(): number {
    return this.#nextSeq;
  }

  /** Calls `listener` for every later event; returns the unsubscribe function. */
  listen(listener: PacketListener): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  /** The last `n` events still in the ring, oldest first. */
  recent(n = this.capacity): PacketEvent[] {
    const last = this.#nextSeq - 1;
    const first = Math.max(1, last - Math.min(n, this.capacity) + 1);
    const out: PacketEvent[] = [];
    for (let seq = first; seq <= last; seq++) out.push(this.#ring[seq % this.capacity]!);
    return out;
  }

  /** The event with this seq, if it is still in the ring. */
  get(seq: number): PacketEvent | undefined {
    const ev = this.#ring[seq % this.capacity];
    return ev?.seq === seq ? ev : undefined;
  }

  /** @internal the broker's recording call: one object of one shape per packet. */
  record(
    atUs: number,
    connectionId: number,
    clientId: string | undefined,
    transport: Transport,
    remoteAddress: string,
    direction: "in" | "out",
    bytes: Uint8Array,
    packet: Packet,
    level: ProtocolLevel,
  ): void {
    const seq = this.#nextSeq++;
    const ev: PacketEvent = {
      seq,
      atUs,
      connectionId,
      clientId,
      transport,
      remoteAddress,
      direction,
      bytes,
      packet,
      level,
    };
    this.#ring[seq % this.capacity] = ev;
    const listeners = this.#listeners;
    for (let i = 0; i < listeners.length; i++) {
      try {
        listeners[i](ev);
      } catch (e) {
        // A watcher's bug must not close the client whose packet it was watching.
        listenerFailed("tap", e);
      }
    }
  }
}

/** Reports a listener that threw (once per kind), and carries on. */
export function listenerFailed(kind: string, error: unknown): void {
  if (reported.has(kind)) return;
  reported.add(kind);
  console.error(`A broker ${kind} listener threw (later errors not shown):`, error);
}
const reported = new Set<string>();
