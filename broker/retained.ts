/**
 * Retained messages by topic: set, replace, clear with an empty payload
 * [MQTT-3.3.1-10], [MQTT-3.3.1-11], delivered on subscribe.
 */
import type { Message } from "./message.ts";
import { isExpired } from "./message.ts";
import { topicMatches } from "./topic.ts";

export class RetainedStore {
  #byTopic = new Map<string, Message>();
  #payloadBytes = 0;

  constructor(
    readonly maxMessages = Number.MAX_SAFE_INTEGER,
    readonly maxPayloadBytes = Number.MAX_SAFE_INTEGER,
  ) {}

  get size(): number {
    return this.#byTopic.size;
  }

  /** Payload bytes held. */
  get payloadBytes(): number {
    return this.#payloadBytes;
  }

  /** Stores or clears; false when the store is full (by count or bytes) and it was not kept. */
  set(message: Message): boolean {
    const old = this.#byTopic.get(message.topic);
    if (message.payload.length === 0) {
      if (old) this.#remove(old); // [MQTT-3.3.1-10]
      return true;
    }
    const grows = message.payload.length - (old?.payload.length ?? 0);
    if (!old && this.#byTopic.size >= this.maxMessages) return false;
    if (this.#payloadBytes + grows > this.maxPayloadBytes) return false;
    // The payload may be a view of a whole read; keep only its own bytes for the long term.
    const payload = message.payload;
    const kept = payload.byteLength * 2 < payload.buffer.byteLength
      ? { ...message, payload: payload.slice() }
      : message;
    this.#byTopic.set(message.topic, kept);
    this.#payloadBytes += grows;
    return true;
  }

  #remove(m: Message): void {
    this.#byTopic.delete(m.topic);
    this.#payloadBytes -= m.payload.length;
  }

  get(topic: string): Message | undefined {
    return this.#byTopic.get(topic);
  }

  /** Retained messages matching `filter`, dropping the expired ones on the way. */
  match(filter: string, nowUs: number): Message[] {
    const out: Message[] = [];
    const exact = !filter.includes("+") && !filter.includes("#");
    if (exact) {
      const m = this.#byTopic.get(filter);
      if (m && !this.#dropIfExpired(m, nowUs)) out.push(m);
      return out;
    }
    for (const m of this.#byTopic.values()) {
      if (topicMatches(filter, m.topic) && !this.#dropIfExpired(m, nowUs)) out.push(m);
    }
    return out;
  }

  all(): IterableIterator<Message> {
    return this.#byTopic.values();
  }

  #dropIfExpired(m: Message, nowUs: number): boolean {
    if (!isExpired(m, nowUs)) return false;
    this.#remove(m);
    return true;
  }
}
