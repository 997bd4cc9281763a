/**
 * The packet list's storage: up to 100,000 rows in columns of typed arrays (a ring),
 * so keeping a lesson's whole log costs a few MB and no per-row objects. Strings
 * that repeat (peers, client ids, topics) are interned; summaries are kept as is.
 * Rows are addressed by their absolute position `abs` (0 = the first row ever kept).
 */
import type { PacketRow, PacketType, Transport } from "../protocol.ts";
import { PACKET_TYPES } from "./palette.ts";

export const PACKET_CAPACITY = 100_000;

const TRANSPORTS: Transport[] = ["tcp", "ws", "virtual"];
const RETAIN = 1;
const DUP = 2;

/** Repeated strings stored once; index 0 is "absent". */
class Interner {
  #ids = new Map<string, number>([["", 0]]);
  readonly values: string[] = [""];
  id(value: string | undefined): number {
    if (!value) return 0;
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.#ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

export class PacketStore {
  readonly capacity: number;
  /** Rows ever appended; the live ones are [oldest, total). */
  total = 0;
  #seq: Float64Array;
  #atUs: Float64Array;
  #type: Uint8Array;
  #dir: Uint8Array;
  #qos: Int8Array;
  #flags: Uint8Array;
  #level: Uint8Array;
  #transport: Uint8Array;
  #size: Int32Array;
  #conn: Int32Array;
  #peer: Int32Array;
  #client: Int32Array;
  #topic: Int32Array;
  #summary: string[];
  peers = new Interner();
  clients = new Interner();
  topics = new Interner();

  constructor(capacity = PACKET_CAPACITY) {
    this.capacity = capacity;
    this.#seq = new Float64Array(capacity);
    this.#atUs = new Float64Array(capacity);
    this.#type = new Uint8Array(capacity);
    this.#dir = new Uint8Array(capacity);
    this.#qos = new Int8Array(capacity);
    this.#flags = new Uint8Array(capacity);
    this.#level = new Uint8Array(capacity);
    this.#transport = new Uint8Array(capacity);
    this.#size = new Int32Array(capacity);
    this.#conn = new Int32Array(capacity);
    this.#peer = new Int32Array(capacity);
    this.#client = new Int32Array(capacity);
    this.#topic = new Int32Array(capacity);
    this.#summary = new Array(capacity);
  }

  get oldest(): number {
    return Math.max(0, this.total - this.capacity);
  }

  get size(): number {
    return this.total - this.oldest;
  }

  clear(): void {
    this.total = 0;
    this.peers = new Interner();
    this.clients = new Interner();
    this.topics = new Interner();
    this.#summary.fill(undefined as unknown as string);
  }

  append(row: PacketRow): number {
    const abs = this.total++;
    const i = abs % this.capacity;
    this.#seq[i] = row.seq;
    this.#atUs[i] = row.atUs;
    this.#type[i] = Math.max(0, PACKET_TYPES.indexOf(row.type));
    this.#dir[i] = row.direction === "in" ? 0 : 1;
    this.#qos[i] = row.qos ?? -1;
    this.#flags[i] = (row.retain ? RETAIN : 0) | (row.dup ? DUP : 0);
    this.#level[i] = row.level;
    this.#transport[i] = Math.max(0, TRANSPORTS.indexOf(row.transport));
    this.#size[i] = row.size;
    this.#conn[i] = row.connectionId;
    this.#peer[i] = this.peers.id(row.peer);
    this.#client[i] = this.clients.id(row.clientId);
    this.#topic[i] = this.topics.id(row.topic);
    this.#summary[i] = row.summary;
    return abs;
  }

  has(abs: number): boolean {
    return abs >= this.oldest && abs < this.total;
  }

  seq(abs: number): number {
    return this.#seq[abs % this.capacity];
  }
  atUs(abs: number): number {
    return this.#atUs[abs % this.capacity];
  }
  type(abs: number): PacketType {
    return PACKET_TYPES[this.#type[abs % this.capacity]];
  }
  typeIndex(abs: number): number {
    return this.#type[abs % this.capacity];
  }
  direction(abs: number): "in" | "out" {
    return this.#dir[abs % this.capacity] === 0 ? "in" : "out";
  }
  peerId(abs: number): number {
    return this.#peer[abs % this.capacity];
  }
  clientIdIndex(abs: number): number {
    return this.#client[abs % this.capacity];
  }
  topicId(abs: number): number {
    return this.#topic[abs % this.capacity];
  }
  summary(abs: number): string {
    return this.#summary[abs % this.capacity];
  }

  /** The whole row, made on demand (for the few rows on screen). */
  row(abs: number): PacketRow {
    const i = abs % this.capacity;
    const flags = this.#flags[i];
    const row: PacketRow = {
      seq: this.#seq[i],
      atUs: this.#atUs[i],
      connectionId: this.#conn[i],
      transport: TRANSPORTS[this.#transport[i]],
      direction: this.#dir[i] === 0 ? "in" : "out",
      peer: this.peers.values[this.#peer[i]],
      type: PACKET_TYPES[this.#type[i]],
      summary: this.#summary[i],
      size: this.#size[i],
      level: this.#level[i],
    };
    const client = this.clients.values[this.#client[i]];
    if (client) row.clientId = client;
    const topic = this.topics.values[this.#topic[i]];
    if (topic) row.topic = topic;
    if (this.#qos[i] >= 0) row.qos = this.#qos[i];
    if (flags & RETAIN) row.retain = true;
    if (flags & DUP) row.dup = true;
    return row;
  }

  /** Absolute index of the row with this seq (seqs grow with position), or -1. */
  findSeq(seq: number): number {
    let lo = this.oldest;
    let hi = this.total - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.seq(mid);
      if (s === seq) return mid;
      if (s < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/** MQTT topic filter matching (+ one level, # the rest), for the list's topic filter. */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split("/");
  const t = topic.split("/");
  for (let i = 0; i < f.length; i++) {
    if (f[i] === "#") return true;
    if (i >= t.length) return false;
    if (f[i] !== "+" && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}
