/**
 * Retained messages by topic: set, replace, clear with an empty payload
 * [MQTT-3.3.1-10], [MQTT-3.3.1-11], delivered on subscribe.
 */
import type { Message } from "./message.ts";
import { isExpired } from "./message.ts";
import { topicMatches } from "./topic.ts";

export class RetainedStore {
  #byTopic = new Map<string, Message>();

  constructor(readonly maxMessages = Number.MAX_SAFE_INTEGER) {}

  get size(): number {
    return this.#byTopic.size;
  }

  /** Stores or clears; false when the store is full and the topic is new. */
  set(message: Message): boolean {
    if (message.payload.length === 0) {
      this.#byTopic.delete(message.topic); // [MQTT-3.3.1-10]
      return true;
    }
    if (!this.#byTopic.has(message.topic) && this.#byTopic.size >= this.maxMessages) return false;
    this.#byTopic.set(message.topic, message);
    return true;
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
    this.#byTopic.delete(m.topic);
    return true;
  }
}
