/**
 * $SYS/broker/... topics with Mosquitto's names, published as retained
 * messages every sysIntervalS on the virtual clock while clients are connected
 * (so an idle world's clock can run empty), and at once on a $SYS subscribe.
 */
import type { Core } from "./_core.ts";

export const SYS_PREFIX = "$SYS/broker/";
export const BROKER_VERSION = "mqtt-playground broker 0.1";
const US_PER_S = 1_000_000;

export class SysPublisher {
  #timer: { cancel(): void } | undefined;
  #lastValues = new Map<string, string>();

  constructor(readonly core: Core) {
    core.onConnectedCountChange = () => this.#update();
  }

  #update(): void {
    const core = this.core;
    const connected = core.connectedCount();
    if (connected > core.metrics.maxConnected) core.metrics.maxConnected = connected;
    if (core.sysIntervalS === 0) return;
    if (connected > 0 && !this.#timer) {
      this.#timer = core.clock.after(core.sysIntervalS * US_PER_S, () => {
        this.#timer = undefined;
        this.publishNow();
        this.#update();
      });
    } else if (connected === 0 && this.#timer) {
      this.#timer.cancel();
      this.#timer = undefined;
    }
  }

  /** The current values, topic -> text. */
  values(): [string, string][] {
    const core = this.core;
    const m = core.metrics;
    const connected = core.connectedCount();
    const total = core.sessions.size;
    let subscriptions = 0;
    let stored = core.retained.size;
    for (const s of core.sessions.values()) {
      subscriptions += s.subscriptionCount;
      stored += s.queue.length + s.inflightCount;
    }
    const uptimeS = Math.floor((core.clock.nowUs - core.startUs) / US_PER_S);
    return [
      ["version", BROKER_VERSION],
      ["uptime", `${uptimeS} seconds`],
      ["clients/connected", String(connected)],
      ["clients/active", String(connected)],
      ["clients/disconnected", String(Math.max(0, total - connected))],
      ["clients/inactive", String(Math.max(0, total - connected))],
      ["clients/total", String(total)],
      ["clients/maximum", String(m.maxConnected)],
      ["messages/received", String(m.messagesReceived)],
      ["messages/sent", String(m.messagesSent)],
      ["publish/messages/received", String(m.publishReceived)],
      ["publish/messages/sent", String(m.publishSent)],
      ["publish/messages/dropped", String(m.publishDropped)],
      ["bytes/received", String(m.bytesReceived)],
      ["bytes/sent", String(m.bytesSent)],
      ["subscriptions/count", String(subscriptions)],
      ["retained messages/count", String(core.retained.size)],
      ["messages/stored", String(stored)],
      ["store/messages/count", String(stored)],
    ];
  }

  /** Updates the retained values without delivering them (before a $SYS subscriber gets them). */
  storeNow(): void {
    const encoder = new TextEncoder();
    for (const [name, value] of this.values()) {
      const topic = SYS_PREFIX + name;
      this.#lastValues.set(topic, value);
      this.core.retained.set({ topic, payload: encoder.encode(value), qos: 0, retain: true });
    }
  }

  /** Publishes the values that changed since last time (all of them the first time). */
  publishNow(): void {
    const encoder = new TextEncoder();
    for (const [name, value] of this.values()) {
      const topic = SYS_PREFIX + name;
      if (this.#lastValues.get(topic) === value && this.core.retained.get(topic)) continue;
      this.#lastValues.set(topic, value);
      this.core.publish({ topic, payload: encoder.encode(value), qos: 0, retain: true });
    }
  }

  stop(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
  }
}
