/**
 * Reliable, ordered byte streams between two endpoints of the virtual network: what TCP
 * gives a board socket and the broker's link. Bytes arrive after the path's latency, in
 * order; writes made at the same instant towards the same end travel as one chunk
 * (frames may arrive split or glued, as over real TCP).
 */
import type { VirtualClock } from "../clock.ts";

/** Why a stream ended at this end: the peer closed it (FIN) or the link died (RST / lost). */
export type CloseReason = "fin" | "reset";

export interface StreamHandlers {
  data(bytes: Uint8Array): void;
  closed(reason: CloseReason): void;
}

/** The path between the two ends: asked at every send, so faults apply to bytes in flight. */
export interface StreamPath {
  /** One-way latency for a chunk sent now. */
  latencyUs(): number;
  /** False while a partition holds the bytes back; they leave when it heals. */
  passable(): boolean;
}

/** One end of a stream. */
export class StreamEnd {
  /** "ip:port" of this end and of its peer. */
  readonly localAddress: string;
  readonly remoteAddress: string;
  #handlers: StreamHandlers | undefined;
  #early: Array<[Uint8Array] | [undefined, CloseReason]> = [];
  #open = true;
  /** Set by `pipe`: sends bytes or a FIN towards the peer. */
  peer!: StreamEnd;
  channel!: Channel;

  constructor(localAddress: string, remoteAddress: string) {
    this.localAddress = localAddress;
    this.remoteAddress = remoteAddress;
  }

  /** True until this end closed or learned that the stream ended. */
  get open(): boolean {
    return this.#open;
  }

  /** Where received bytes and the end of the stream go. Bytes that came before are replayed. */
  setHandlers(handlers: StreamHandlers): void {
    this.#handlers = handlers;
    const early = this.#early;
    this.#early = [];
    for (const [bytes, reason] of early) {
      if (bytes) handlers.data(bytes);
      else handlers.closed(reason!);
    }
  }

  /** Queues bytes towards the peer. Returns false (and sends nothing) once closed. */
  send(bytes: Uint8Array): boolean {
    if (!this.#open) return false;
    if (bytes.length > 0) this.channel.sendFrom(this, bytes); // copied into the chunk
    return true;
  }

  /** Closes this end and sends a FIN behind the bytes already queued. */
  close(): void {
    if (!this.#open) return;
    this.#open = false;
    this.channel.finFrom(this);
  }

  /**
   * Ends the stream here at once without telling the peer (the WiFi link is gone: no
   * packet can leave). The peer keeps a half-open connection, as a real broker does.
   */
  abort(): void {
    if (!this.#open) return;
    this.#open = false;
    this.deliverClose("reset");
  }

  /** Ends both ends now (a process died and its host reset every connection). */
  reset(): void {
    const peerWasOpen = this.peer.#open;
    this.abort();
    if (peerWasOpen) this.channel.rstFrom(this);
  }

  /** @internal called by the channel. */
  deliverData(bytes: Uint8Array): void {
    if (!this.#open) return;
    if (this.#handlers) this.#handlers.data(bytes);
    else this.#early.push([bytes]);
  }

  /** @internal called by the channel. */
  deliverClose(reason: CloseReason): void {
    this.#open = false;
    if (this.#handlers) this.#handlers.closed(reason);
    else this.#early.push([undefined, reason]);
  }
}

/** Bytes travelling together: one growing buffer (the sender's arrays are copied in). */
interface Chunk {
  to: StreamEnd;
  buf: Uint8Array | undefined;
  length: number;
  fin: CloseReason | undefined;
}

/** Smallest chunk buffer: an MQTT PUBLISH of a short sensor reading fits. */
const MIN_CHUNK_BYTES = 128;

function append(chunk: Chunk, bytes: Uint8Array): void {
  const need = chunk.length + bytes.length;
  if (!chunk.buf || chunk.buf.length < need) {
    const grown = new Uint8Array(Math.max(MIN_CHUNK_BYTES, need, (chunk.buf?.length ?? 0) * 2));
    if (chunk.buf) grown.set(chunk.buf.subarray(0, chunk.length));
    chunk.buf = grown;
  }
  chunk.buf.set(bytes, chunk.length);
  chunk.length = need;
}

/** Carries chunks between two ends over a path, on the clock. */
export class Channel {
  readonly #clock: VirtualClock;
  readonly #path: StreamPath;
  /** Per direction: the delivery time of the last chunk, so order survives latency changes. */
  #lastAtUs = new Map<StreamEnd, number>();
  /** Per direction: the chunk still open for appending (same delivery time). */
  #tail = new Map<StreamEnd, { atUs: number; chunk: Chunk }>();
  #held: Chunk[] = [];
  /** Ends whose FIN has arrived, so the close callback runs once. */
  #finished = new Set<StreamEnd>();

  constructor(clock: VirtualClock, path: StreamPath) {
    this.#clock = clock;
    this.#path = path;
  }

  sendFrom(from: StreamEnd, bytes: Uint8Array): void {
    this.#enqueue(from.peer, bytes, undefined);
  }

  finFrom(from: StreamEnd): void {
    this.#enqueue(from.peer, undefined, "fin");
  }

  rstFrom(from: StreamEnd): void {
    this.#enqueue(from.peer, undefined, "reset");
  }

  /** Sends the chunks a partition held back. */
  release(): void {
    const held = this.#held;
    this.#held = [];
    for (const chunk of held) this.#schedule(chunk);
  }

  #enqueue(to: StreamEnd, bytes: Uint8Array | undefined, fin: CloseReason | undefined): void {
    const tail = this.#tail.get(to);
    if (tail && !tail.chunk.fin && this.#path.passable()) {
      const atUs = Math.max(
        this.#clock.nowUs + this.#path.latencyUs(),
        this.#lastAtUs.get(to) ?? 0,
      );
      if (atUs === tail.atUs) {
        if (bytes) append(tail.chunk, bytes);
        tail.chunk.fin = fin;
        return;
      }
    }
    const chunk: Chunk = { to, buf: undefined, length: 0, fin };
    if (bytes) append(chunk, bytes);
    if (!this.#path.passable()) {
      this.#tail.delete(to);
      this.#held.push(chunk);
      return;
    }
    this.#schedule(chunk);
  }

  #schedule(chunk: Chunk): void {
    const to = chunk.to;
    const atUs = Math.max(this.#clock.nowUs + this.#path.latencyUs(), this.#lastAtUs.get(to) ?? 0);
    this.#lastAtUs.set(to, atUs);
    this.#tail.set(to, { atUs, chunk });
    this.#clock.schedule(atUs, () => {
      if (this.#tail.get(to)?.chunk === chunk) this.#tail.delete(to);
      if (this.#finished.has(to)) return;
      if (chunk.length > 0) to.deliverData(chunk.buf!.subarray(0, chunk.length));
      if (chunk.fin) {
        this.#finished.add(to);
        if (to.open) to.deliverClose(chunk.fin);
      }
    });
  }
}

/** Makes a connected pair of ends over `path`. */
export function pipe(
  clock: VirtualClock,
  path: StreamPath,
  clientAddress: string,
  serverAddress: string,
): [client: StreamEnd, server: StreamEnd] {
  const channel = new Channel(clock, path);
  const client = new StreamEnd(clientAddress, serverAddress);
  const server = new StreamEnd(serverAddress, clientAddress);
  client.peer = server;
  server.peer = client;
  client.channel = channel;
  server.channel = channel;
  return [client, server];
}
