/**
 * The classroom (`--seats`): which seats exist, which clients log in as each, and each
 * seat's traffic counted from the packet store. A row belongs to a seat when its client
 * logged in with the seat's user name, or else when its topic is under `class/seatNN/`.
 * Counts are recomputed from the store (a few ms for 100,000 rows) at most every
 * RECOUNT_MS, so a client learned late, a new world or evicted rows never leave them wrong.
 */
import { computed, effect, signal } from "@preact/signals";
import type { BrokerClientView } from "../protocol.ts";
import type { WorldModel } from "./world_model.ts";

export const SEAT_NAME = /^seat\d+$/;
const SEAT_TOPIC = /^class\/(seat\d+)(?:\/|$)/;
/** A CONNECT row's summary names its user: `... user "seat01" ...`. */
const CONNECT_USER = /\buser "(seat\d+)"/;
const RECOUNT_MS = 300;
/** Activity samples per seat (one a second) for the tile's sparkline. */
export const ACTIVITY_SAMPLES = 30;

export interface SeatStats {
  /** Every packet of the seat, both ways. */
  packets: number;
  /** PUBLISH packets sent to the broker by the seat's clients or into its tree. */
  messages: number;
  lastTopic?: string;
  /** The last message's payload as the list summarises it (`"on" (2 B)`). */
  lastPayload?: string;
  /** Packets per second over the last ACTIVITY_SAMPLES seconds (host time). */
  activity: number[];
}

const EMPTY: SeatStats = { packets: 0, messages: 0, activity: [] };

export function createClassroomModel(world: WorldModel) {
  const packets = world.packets;
  const store = packets.store;
  /** Client id → seat, learned from the broker view and CONNECT rows; kept for the page's life. */
  const clientSeat = new Map<string, string>();
  const learned = signal(0);

  /** The seats: from the broker view (`seats`), plus any seat user seen logged in. */
  const seats = computed(() => {
    const broker = world.broker.value;
    const names = new Set(broker?.seats ?? []);
    for (const c of broker?.clients ?? []) {
      if (c.username && SEAT_NAME.test(c.username)) names.add(c.username);
    }
    return [...names].sort();
  });

  /** The broker's clients per seat (by user name). */
  const clientsBySeat = computed(() => {
    const out: Record<string, BrokerClientView[]> = {};
    for (const c of world.broker.value?.clients ?? []) {
      if (c.username && SEAT_NAME.test(c.username)) (out[c.username] ??= []).push(c);
    }
    return out;
  });

  function learn(clientId: string | undefined, seat: string): void {
    if (!clientId || clientSeat.get(clientId) === seat) return;
    clientSeat.set(clientId, seat);
    learned.value = learned.peek() + 1;
    // A seat page's list re-filters with the client it now knows (outside any effect).
    if (packets.filter.peek().seat) queueMicrotask(() => packets.setFilter({}));
  }

  function seatOfRow(abs: number): string | undefined {
    const client = store.clients.values[store.clientIdIndex(abs)];
    const bySeat = client ? clientSeat.get(client) : undefined;
    if (bySeat) return bySeat;
    const topic = store.topics.values[store.topicId(abs)];
    const match = topic ? SEAT_TOPIC.exec(topic) : null;
    return match ? match[1] : undefined;
  }

  const stats = signal<Record<string, SeatStats>>({});
  const history: Record<string, number[]> = {};
  let lastPackets: Record<string, number> = {};

  function recount(): void {
    const next: Record<string, SeatStats> = {};
    for (const seat of seats.value) next[seat] = { packets: 0, messages: 0, activity: [] };
    for (let abs = store.oldest; abs < store.total; abs++) {
      const seat = seatOfRow(abs);
      const s = seat ? next[seat] : undefined;
      if (!s) continue;
      s.packets++;
      if (store.type(abs) === "PUBLISH" && store.direction(abs) === "in") {
        s.messages++;
        const topic = store.topics.values[store.topicId(abs)];
        const summary = store.summary(abs);
        const at = summary.indexOf(topic);
        s.lastTopic = topic;
        s.lastPayload = at < 0 ? summary : summary.slice(at + topic.length).trim();
      }
    }
    for (const [seat, s] of Object.entries(next)) s.activity = history[seat] ?? [];
    stats.value = next;
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  function scheduleRecount(): void {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      recount();
    }, RECOUNT_MS);
  }

  // Clients of a seat from the broker's view.
  effect(() => {
    for (const [seat, list] of Object.entries(clientsBySeat.value)) {
      for (const c of list) learn(c.clientId, seat);
    }
  });
  // ... and from CONNECT rows (a client that came and went between two broker views).
  packets.addListener((rows) => {
    for (const row of rows) {
      if (row.type !== "CONNECT") continue;
      const user = CONNECT_USER.exec(row.summary);
      if (user) learn(row.clientId, user[1]);
    }
  });
  // Recount when rows arrive, a client is learned or the seats change; re-filter a seat page.
  effect(() => {
    packets.version.value;
    learned.value;
    seats.value;
    scheduleRecount();
  });
  packets.setSeatResolver(seatOfRow);
  // One activity sample a second: packets since the last sample.
  setInterval(() => {
    const now: Record<string, number> = {};
    const next: Record<string, SeatStats> = {};
    for (const [seat, s] of Object.entries(stats.peek())) {
      now[seat] = s.packets;
      const delta = Math.max(0, s.packets - (lastPackets[seat] ?? 0));
      history[seat] = [...(history[seat] ?? []), delta].slice(-ACTIVITY_SAMPLES);
      next[seat] = { ...s, activity: history[seat] };
    }
    lastPackets = now;
    stats.value = next;
  }, 1_000);

  return {
    seats,
    clientsBySeat,
    stats,
    /** The stats of one seat (zeros when it has none yet). */
    statsOf: (seat: string): SeatStats => stats.value[seat] ?? EMPTY,
    /** Client ids seen logging in as `seat` (the broker's, then earlier ones). */
    clientIdsOf(seat: string): string[] {
      learned.value;
      const ids = new Set((clientsBySeat.value[seat] ?? []).map((c) => c.clientId));
      for (const [id, s] of clientSeat) if (s === seat) ids.add(id);
      return [...ids];
    },
    seatOfRow,
  };
}

export type ClassroomModel = ReturnType<typeof createClassroomModel>;
