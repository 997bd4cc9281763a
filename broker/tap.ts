/**
 * The tap: every packet in or out of the broker as a PacketEvent, kept in a
 * bounded ring and streamed to listeners.
 *
 * Keeping 100,000 events as objects made the broker 3-4x slower (every event
 * survived to the old generation), so the ring holds no objects per event: the
 * frame's bytes are copied into one byte ring and the numbers into typed
 * arrays. `recent()` and `get()` rebuild PacketEvents on demand, decoding the
 * packet again; listeners get the live event with the broker's own packet.
 * Field byte ranges come from `dissectEvent(ev)`, also on demand.
 */
import { decodeFrame, dissect, type Field, type Packet, type ProtocolLevel } from "./codec/mod.ts";
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
/** Bytes of frames kept; an event whose bytes were overwritten is gone from the ring. */
export const DEFAULT_TAP_BYTES = 16 * 1024 * 1024;
/** Frames larger than this share of the byte ring are kept by reference instead. */
const LARGE_FRAME_SHARE = 4;

const TRANSPORTS: Transport[] = ["tcp", "ws", "virtual"];
const TRANSPORT_CODE: Record<Transport, number> = { tcp: 0, ws: 1, virtual: 2 };
const DIRECTION_OUT = 0x80;
const LEVEL_MASK = 0x07;
const TRANSPORT_SHIFT = 3;
const TRANSPORT_MASK = 0x03;

export class Tap {
  readonly capacity: number;
  readonly byteCapacity: number;
  #nextSeq = 1;
  #listeners: PacketListener[] = [];
  // One slot per event, indexed by seq % capacity.
  readonly #seqs: Float64Array;
  readonly #atUs: Float64Array;
  readonly #connectionIds: Float64Array;
  /** direction (bit 7), transport (bits 3-4), level (bits 0-2). */
  readonly #flags: Uint8Array;
  readonly #starts: Float64Array;
  readonly #lengths: Uint32Array;
  readonly #clientIds: (string | undefined)[];
  readonly #remotes: string[];
  readonly #large: (Uint8Array | undefined)[];
  readonly #ring: Uint8Array;
  /** Bytes ever written to the ring (a position that never wraps). */
  #written = 0;

  constructor(capacity = DEFAULT_TAP_CAPACITY, byteCapacity = DEFAULT_TAP_BYTES) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`Cannot make a tap of capacity ${capacity}: it must be an integer >= 1`);
    }
    this.capacity = capacity;
    this.byteCapacity = byteCapacity;
    this.#seqs = new Float64Array(capacity);
    this.#atUs = new Float64Array(capacity);
    this.#connectionIds = new Float64Array(capacity);
    this.#flags = new Uint8Array(capacity);
    this.#starts = new Float64Array(capacity);
    this.#lengths = new Uint32Array(capacity);
    this.#clientIds = new Array(capacity).fill(undefined);
    this.#remotes = new Array(capacity).fill("");
    this.#large = new Array(capacity).fill(undefined);
    this.#ring = new Uint8Array(byteCapacity);
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
    for (let seq = first; seq <= last; seq++) {
      const ev = this.get(seq);
      if (ev) out.push(ev);
    }
    return out;
  }

  /** The event with this seq, if it is still in the ring (a new object each call). */
  get(seq: number): PacketEvent | undefined {
    if (!Number.isSafeInteger(seq) || seq < 1) return undefined;
    const slot = seq % this.capacity;
    if (this.#seqs[slot] !== seq) return undefined;
    const bytes = this.#bytesOf(slot);
    if (!bytes) return undefined;
    const flags = this.#flags[slot];
    const level = (flags & LEVEL_MASK) as ProtocolLevel;
    let packet: Packet;
    try {
      packet = decodeFrame(bytes, level);
    } catch {
      return undefined; // cannot happen for frames the broker decoded or encoded
    }
    return {
      seq,
      atUs: this.#atUs[slot],
      connectionId: this.#connectionIds[slot],
      clientId: this.#clientIds[slot],
      transport: TRANSPORTS[(flags >> TRANSPORT_SHIFT) & TRANSPORT_MASK],
      remoteAddress: this.#remotes[slot],
      direction: flags & DIRECTION_OUT ? "out" : "in",
      bytes,
      packet,
      level,
    };
  }

  #bytesOf(slot: number): Uint8Array | undefined {
    const large = this.#large[slot];
    if (large) return large;
    const start = this.#starts[slot];
    if (start < this.#written - this.byteCapacity) return undefined; // overwritten
    const pos = start % this.byteCapacity;
    return this.#ring.slice(pos, pos + this.#lengths[slot]);
  }

  /** @internal the broker's recording call: copies, allocates nothing per event. */
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
    const slot = seq % this.capacity;
    this.#seqs[slot] = seq;
    this.#atUs[slot] = atUs;
    this.#connectionIds[slot] = connectionId;
    this.#flags[slot] = (direction === "out" ? DIRECTION_OUT : 0) |
      (TRANSPORT_CODE[transport] << TRANSPORT_SHIFT) | level;
    this.#clientIds[slot] = clientId;
    this.#remotes[slot] = remoteAddress;
    const length = bytes.length;
    this.#lengths[slot] = length;
    if (length * LARGE_FRAME_SHARE > this.byteCapacity) {
      this.#large[slot] = bytes;
    } else {
      if (this.#large[slot] !== undefined) this.#large[slot] = undefined;
      let pos = this.#written % this.byteCapacity;
      if (pos + length > this.byteCapacity) {
        this.#written += this.byteCapacity - pos; // skip the tail, start over at 0
        pos = 0;
      }
      this.#starts[slot] = this.#written;
      this.#ring.set(bytes, pos);
      this.#written += length;
    }
    const listeners = this.#listeners;
    if (listeners.length === 0) return;
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
