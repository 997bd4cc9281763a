/**
 * The MQTTX-like client panel's state: connection settings, subscriptions each with
 * its own message list, and what was published. A real client of the real broker.
 */
import { batch, signal } from "@preact/signals";
import type { QoS } from "../../broker/codec/mod.ts";
import { type ClientState, MqttClient, mqttUrl } from "./mqtt/client.ts";
import { topicMatches } from "./packet_store.ts";

export type PayloadFormat = "text" | "json" | "hex";

export interface ReceivedMessage {
  id: number;
  topic: string;
  text: string;
  qos: QoS;
  retain: boolean;
  /** Host time it arrived: this panel is outside the virtual world. */
  atMs: number;
  outgoing?: boolean;
}

export interface Subscription {
  filter: string;
  qos: QoS;
  color: string;
  messages: ReceivedMessage[];
}

export interface ClientSettings {
  clientId: string;
  username: string;
  password: string;
  level: 4 | 5;
  keepaliveS: number;
  clean: boolean;
}

const SUB_COLORS = ["#38bdf8", "#a78bfa", "#4ade80", "#fb923c", "#f472b6", "#facc15"];
const MESSAGES_KEPT = 200;

/** Bytes of a payload written as text, JSON (checked) or hex ("48 65 6c" or "48656c"). */
export function encodePayload(text: string, format: PayloadFormat): Uint8Array {
  if (format === "json") {
    JSON.parse(text); // throws with the position of the mistake
    return new TextEncoder().encode(text);
  }
  if (format === "hex") {
    const clean = text.replace(/\s+/g, "");
    if (!/^([0-9a-fA-F]{2})*$/.test(clean)) {
      throw new Error("Hex needs pairs of 0-9 a-f, e.g. 48 65 6c 6c 6f");
    }
    return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
  }
  return new TextEncoder().encode(text);
}

/** Shows a payload as text when it is UTF-8, else as hex. */
export function showPayload(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
  }
}

export function randomSuffix(): string {
  return Math.floor(Math.random() * 0xffff).toString(16).padStart(4, "0");
}

export function createClientPanelModel() {
  const settings = signal<ClientSettings>({
    clientId: `mqttx-${randomSuffix()}`,
    username: "",
    password: "",
    level: 4,
    keepaliveS: 60,
    clean: true,
  });
  const state = signal<ClientState>("closed");
  const error = signal("");
  const subscriptions = signal<Subscription[]>([]);
  const published = signal<ReceivedMessage[]>([]);
  let client: MqttClient | undefined;
  let nextId = 1;

  function fail(err: unknown): void {
    error.value = err instanceof Error ? err.message : String(err);
  }

  async function connect(): Promise<void> {
    error.value = "";
    const s = settings.value;
    client?.disconnect();
    const c = new MqttClient({
      url: mqttUrl(),
      clientId: s.clientId,
      username: s.username || undefined,
      password: s.password || undefined,
      level: s.level,
      keepaliveS: s.keepaliveS,
      clean: s.clean,
    });
    client = c;
    c.onState((next, reason) => {
      state.value = next;
      if (next === "closed" && reason && reason !== "disconnected") error.value = reason;
    });
    c.onMessage((m) => {
      const message: ReceivedMessage = {
        id: nextId++,
        topic: m.topic,
        text: showPayload(m.payload),
        qos: m.qos,
        retain: m.retain,
        atMs: Date.now(),
      };
      subscriptions.value = subscriptions.value.map((sub) =>
        topicMatches(sub.filter, m.topic)
          ? { ...sub, messages: [...sub.messages.slice(1 - MESSAGES_KEPT), message] }
          : sub
      );
    });
    try {
      await c.connect();
      // A clean session forgets subscriptions: subscribe again to what the panel lists.
      for (const sub of subscriptions.value) await c.subscribe(sub.filter, sub.qos);
    } catch (err) {
      fail(err);
    }
  }

  async function subscribe(filter: string, qos: QoS): Promise<void> {
    error.value = "";
    if (!client || client.state !== "connected") return fail(new Error("Not connected"));
    try {
      const [granted] = await client.subscribe(filter, qos);
      if (granted >= 0x80) throw new Error(`SUBACK refused ${filter} (0x${granted.toString(16)})`);
      if (subscriptions.value.some((s) => s.filter === filter)) return;
      const color = SUB_COLORS[subscriptions.value.length % SUB_COLORS.length];
      subscriptions.value = [...subscriptions.value, { filter, qos, color, messages: [] }];
    } catch (err) {
      fail(err);
    }
  }

  async function unsubscribe(filter: string): Promise<void> {
    try {
      await client?.unsubscribe(filter);
    } catch (err) {
      fail(err);
    }
    subscriptions.value = subscriptions.value.filter((s) => s.filter !== filter);
  }

  async function publish(
    topic: string,
    text: string,
    format: PayloadFormat,
    qos: QoS,
    retain: boolean,
  ): Promise<void> {
    error.value = "";
    if (!client || client.state !== "connected") return fail(new Error("Not connected"));
    try {
      const bytes = encodePayload(text, format);
      await client.publish(topic, bytes, { qos, retain });
      batch(() => {
        published.value = [...published.value.slice(1 - MESSAGES_KEPT), {
          id: nextId++,
          topic,
          text: showPayload(bytes),
          qos,
          retain,
          atMs: Date.now(),
          outgoing: true,
        }];
      });
    } catch (err) {
      fail(err);
    }
  }

  return {
    settings,
    state,
    error,
    subscriptions,
    published,
    connect,
    disconnect: () => client?.disconnect(),
    subscribe,
    unsubscribe,
    publish,
  };
}

export type ClientPanelModel = ReturnType<typeof createClientPanelModel>;
