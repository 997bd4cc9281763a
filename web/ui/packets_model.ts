/**
 * The packet inspector's state: the stored rows, the filtered view over them, the
 * selected packet and its detail, the selected field. Rows arrive in bursts (up to
 * thousands a second) and are applied once per animation frame, in one batch, so a
 * busy broker costs one re-render of the visible rows per frame, not one per packet.
 */
import { batch, signal } from "@preact/signals";
import type { Field, PacketDetail, PacketRow } from "../protocol.ts";
import { PacketStore, topicMatches } from "./packet_store.ts";

export interface PacketFilter {
  /** A client id or a peer node id; "" = any. */
  client: string;
  /** A packet type; "" = any. */
  type: string;
  /** A topic or an MQTT topic filter with + and #; "" = any. */
  topic: string;
  /** A seat's page ("seat07"): its clients' packets and its topic tree; ""/absent = any. */
  seat?: string;
}

/** How long a peer stays in the topology after its last packet (host time). */
export const LIVE_PEER_MS = 20_000;

export const NO_FILTER: PacketFilter = { client: "", type: "", topic: "" };

export type DetailState =
  | { state: "none" }
  | { state: "loading"; seq: number }
  | { state: "ready"; detail: PacketDetail }
  | { state: "error"; seq: number; message: string };

export function createPacketsModel(capacity?: number) {
  const store = new PacketStore(capacity);
  /** Bumped once per applied batch: components that read it redraw. */
  const version = signal(0);
  const filter = signal<PacketFilter>(NO_FILTER);
  const selectedSeq = signal<number | null>(null);
  const detail = signal<DetailState>({ state: "none" });
  /** Path of the selected field in the dissection tree, e.g. "1.0" (indices). */
  const selectedField = signal<string | null>(null);
  /** Keep the newest row in view (off once the user picks a row). */
  const follow = signal(true);
  /** Client ids, peers and topics seen, for the filter menus (grow rarely). */
  const knownClients = signal<string[]>([]);
  const knownTopics = signal<string[]>([]);
  /** Topology node ids of every peer seen in a packet. */
  const knownPeers = signal<string[]>([]);
  /**
   * Peers heard from live in the last LIVE_PEER_MS (host time): the topology draws
   * these beside the broker's clients, so a quick `mosquitto_pub` gets a node while its
   * packets travel, and clients from an earlier page or world do not linger.
   */
  const livePeers = signal<string[]>([]);
  const peerSeenMs = new Map<string, number>();
  let livePeersChanged = false;
  /** Peers that have published (the textbook's 发布者), for the topology's role tags. */
  const publishers = signal<string[]>([]);
  let publisherSet = new Set<string>();

  // The filtered view: absolute row indices in order, [viewStart, view.length).
  let view: number[] = [];
  let viewStart = 0;
  let filtering = false;

  let pending: PacketRow[] = [];
  let scheduled = false;
  const listeners = new Set<(rows: PacketRow[]) => void>();

  /** Which seat a row belongs to (set by the classroom model), for `filter.seat`. */
  let seatOf: (abs: number) => string | undefined = () => undefined;

  function matches(abs: number, f: PacketFilter): boolean {
    if (f.seat && seatOf(abs) !== f.seat) return false;
    if (f.type && store.type(abs) !== f.type) return false;
    if (f.client) {
      const c = store.clients.values[store.clientIdIndex(abs)];
      const p = store.peers.values[store.peerId(abs)];
      if (c !== f.client && p !== f.client) return false;
    }
    if (f.topic) {
      const topic = store.topics.values[store.topicId(abs)];
      if (!topic) return false;
      if (/[+#]/.test(f.topic) ? !topicMatches(f.topic, topic) : !topic.includes(f.topic)) {
        return false;
      }
    }
    return true;
  }

  function rebuildView(): void {
    const f = filter.value;
    filtering = !!(f.client || f.type || f.topic || f.seat);
    view = [];
    viewStart = 0;
    if (!filtering) return;
    for (let abs = store.oldest; abs < store.total; abs++) if (matches(abs, f)) view.push(abs);
  }

  function dropEvicted(): void {
    if (!filtering) return;
    const oldest = store.oldest;
    while (viewStart < view.length && view[viewStart] < oldest) viewStart++;
    if (viewStart > 50_000) {
      view = view.slice(viewStart);
      viewStart = 0;
    }
  }

  function flush(): void {
    scheduled = false;
    const rows = pending;
    pending = [];
    if (rows.length === 0) return;
    const clientsBefore = store.clients.values.length + store.peers.values.length;
    const topicsBefore = store.topics.values.length;
    const peersBefore = store.peers.values.length;
    const f = filter.value;
    let newPublisher = false;
    for (const row of rows) {
      const abs = store.append(row);
      if (filtering && matches(abs, f)) view.push(abs);
      if (row.type === "PUBLISH" && row.direction === "in" && !publisherSet.has(row.peer)) {
        publisherSet.add(row.peer);
        newPublisher = true;
      }
    }
    dropEvicted();
    batch(() => {
      if (store.clients.values.length + store.peers.values.length !== clientsBefore) {
        const names = new Set([
          ...store.clients.values.slice(1),
          ...store.peers.values.slice(1),
        ]);
        knownClients.value = [...names].sort();
      }
      if (newPublisher) publishers.value = [...publisherSet];
      if (store.peers.values.length !== peersBefore) {
        knownPeers.value = store.peers.values.slice(1);
      }
      if (livePeersChanged) {
        livePeersChanged = false;
        livePeers.value = [...peerSeenMs.keys()];
      }
      if (store.topics.values.length !== topicsBefore) {
        knownTopics.value = store.topics.values.slice(1).sort();
      }
      version.value++;
    });
    for (const listener of listeners) listener(rows);
  }

  // Forget peers not heard from for a while (host time: a paused world still ages them).
  setInterval(() => {
    const old = performance.now() - LIVE_PEER_MS;
    let removed = false;
    for (const [peer, at] of peerSeenMs) {
      if (at < old) {
        peerSeenMs.delete(peer);
        removed = true;
      }
    }
    if (removed) livePeers.value = [...peerSeenMs.keys()];
  }, 2_000);

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    // rAF batches to the frame; the timer covers a hidden tab, where rAF sleeps.
    requestAnimationFrame(flush);
    setTimeout(() => scheduled && flush(), 250);
  }

  /** Length of the filtered view. */
  function viewLength(): number {
    return filtering ? view.length - viewStart : store.size;
  }

  /** Absolute row index of the k-th row of the view. */
  function viewAt(k: number): number {
    return filtering ? view[viewStart + k] : store.oldest + k;
  }

  /** Position of an absolute row in the view, or -1. */
  function viewIndexOf(abs: number): number {
    if (!filtering) return store.has(abs) ? abs - store.oldest : -1;
    let lo = viewStart;
    let hi = view.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (view[mid] === abs) return mid - viewStart;
      if (view[mid] < abs) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  let fetchToken = 0;
  async function select(seq: number | null): Promise<void> {
    batch(() => {
      selectedSeq.value = seq;
      selectedField.value = null;
      detail.value = seq === null ? { state: "none" } : { state: "loading", seq };
    });
    if (seq === null) return;
    const token = ++fetchToken;
    try {
      const response = await fetch(`/api/packets/${seq}`);
      if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
      const body = (await response.json()) as PacketDetail;
      if (token === fetchToken) detail.value = { state: "ready", detail: body };
    } catch (err) {
      if (token === fetchToken) {
        detail.value = {
          state: "error",
          seq,
          message: err instanceof Error ? err.message : String(err),
        };
      }
    }
  }

  /** Moves the selection by `delta` rows in the filtered view (arrow keys). */
  function move(delta: number): void {
    const n = viewLength();
    if (n === 0) return;
    const current = selectedSeq.value === null ? -1 : viewIndexOf(store.findSeq(selectedSeq.value));
    const next = current < 0
      ? (delta > 0 ? 0 : n - 1)
      : Math.min(n - 1, Math.max(0, current + delta));
    follow.value = false;
    select(store.seq(viewAt(next)));
  }

  function setFilter(next: Partial<PacketFilter>): void {
    filter.value = { ...filter.value, ...next };
    rebuildView();
    version.value++;
  }

  /** Sets how a row's seat is found; re-filters when a seat filter is on (a client was learned). */
  function setSeatResolver(resolve: (abs: number) => string | undefined): void {
    seatOf = resolve;
    if (filter.value.seat) setFilter({});
  }

  return {
    store,
    version,
    filter,
    selectedSeq,
    detail,
    selectedField,
    follow,
    knownClients,
    knownTopics,
    knownPeers,
    livePeers,
    publishers,
    viewLength,
    viewAt,
    viewIndexOf,
    select,
    move,
    setFilter,
    setSeatResolver,
    /** Queue rows from `/events`; applied at the next frame. */
    enqueue(rows: PacketRow[]): void {
      const now = performance.now();
      for (const row of rows) {
        pending.push(row);
        if (!peerSeenMs.has(row.peer)) livePeersChanged = true;
        peerSeenMs.set(row.peer, now);
      }
      if (pending.length > 20_000) flush();
      else schedule();
    },
    /** Start over (a new world): forget every row. */
    reset(rows: PacketRow[] = []): void {
      pending = [];
      store.clear();
      rebuildView();
      peerSeenMs.clear();
      batch(() => {
        livePeers.value = [];
        selectedSeq.value = null;
        detail.value = { state: "none" };
        knownPeers.value = [];
        publisherSet = new Set();
        publishers.value = [];
        knownClients.value = [];
        knownTopics.value = [];
        version.value++;
      });
      pending = rows.slice();
      schedule();
    },
    /** Rows as they are applied, for the topology's tokens. Returns the unsubscribe. */
    addListener(listener: (rows: PacketRow[]) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    selectField(path: string | null): void {
      selectedField.value = path;
    },
  };
}

export type PacketsModel = ReturnType<typeof createPacketsModel>;

/** Walks a dissection: each field with its path ("1.0.2") and depth. */
export function* walkFields(
  fields: Field[],
  prefix = "",
  depth = 0,
): Generator<{ field: Field; path: string; depth: number }> {
  for (let i = 0; i < fields.length; i++) {
    const path = prefix ? `${prefix}.${i}` : String(i);
    yield { field: fields[i], path, depth };
    if (fields[i].children) yield* walkFields(fields[i].children!, path, depth + 1);
  }
}

/** The field at `path`, if any. */
export function fieldAt(fields: Field[], path: string): Field | undefined {
  let list: Field[] | undefined = fields;
  let found: Field | undefined;
  for (const part of path.split(".")) {
    found = list?.[Number(part)];
    list = found?.children;
  }
  return found;
}

/**
 * The narrowest field covering byte `offset`: what a click on a byte selects. Bit fields
 * count as one byte wide but only win against a wider field, so the fixed header's first
 * byte selects "Packet Type" while the CONNECT flags byte selects "Connect Flags" whole.
 */
export function fieldPathAtByte(fields: Field[], offset: number): string | null {
  let best: string | null = null;
  let bestWidth = Infinity;
  for (const { field, path } of walkFields(fields)) {
    if (offset < field.start || offset >= field.end) continue;
    const width = field.bits ? 1 : field.end - field.start;
    if (field.bits ? width < bestWidth : width <= bestWidth) {
      best = path;
      bestWidth = width;
    }
  }
  return best;
}
