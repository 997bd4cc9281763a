/** Shared by the replay tests: MQTT frames a real client would send, and a hand-driven wall. */
import { encode, type Packet } from "../broker/codec/mod.ts";
import type { Timebase } from "../broker/mod.ts";

const text = (s: string) => new TextEncoder().encode(s);

export const frames = {
  connect: (clientId: string, keepaliveS = 0, cleanStart = true) =>
    encode({
      type: "CONNECT",
      protocolName: "MQTT",
      protocolLevel: 4,
      cleanStart,
      keepaliveS,
      clientId,
    } as Packet, 4),
  subscribe: (topicFilter: string, qos: 0 | 1 = 0) =>
    encode({ type: "SUBSCRIBE", packetId: 1, subscriptions: [{ topicFilter, qos }] } as Packet, 4),
  publish: (topic: string, payload: string) =>
    encode({
      type: "PUBLISH",
      dup: false,
      qos: 0,
      retain: false,
      topic,
      payload: text(payload),
    } as Packet, 4),
  publishRetained: (topic: string, payload: string) =>
    encode({
      type: "PUBLISH",
      dup: false,
      qos: 0,
      retain: true,
      topic,
      payload: text(payload),
    } as Packet, 4),
  disconnect: () => encode({ type: "DISCONNECT" } as Packet, 4),
};

/** Wall time moved by the test: `advance(us)` fires the timers that fall due. */
export class ManualWall implements Timebase {
  #nowUs = 1_000_000;
  #timers: { atUs: number; callback: () => void; done: boolean }[] = [];

  nowUs(): number {
    return this.#nowUs;
  }

  after(delayUs: number, callback: () => void) {
    const timer = { atUs: this.#nowUs + delayUs, callback, done: false };
    this.#timers.push(timer);
    return { cancel: () => void (timer.done = true) };
  }

  advance(us: number): void {
    this.#nowUs += us;
    for (const t of [...this.#timers].sort((a, b) => a.atUs - b.atUs)) {
      if (t.done || t.atUs > this.#nowUs) continue;
      t.done = true;
      t.callback();
    }
  }
}
