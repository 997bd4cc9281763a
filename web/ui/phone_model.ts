/**
 * The phone app, as IoT OnOff in the blog: switches and buttons that publish configured
 * payloads ("on"/"off" to esp32/publish), and tiles that show a topic's last message.
 * A real MQTT client over `/mqtt`; its client id starts with "iot-onoff" so the
 * topology draws it as a phone.
 */
import { signal } from "@preact/signals";
import type { QoS } from "../../broker/codec/mod.ts";
import { type ClientState, MqttClient, mqttUrl } from "./mqtt/client.ts";
import { randomSuffix, showPayload } from "./client_panel_model.ts";
import { topicMatches } from "./packet_store.ts";
import { PHONE_PREFIX } from "./topology_layout.ts";

interface WidgetBase {
  id: number;
  name: string;
  topic: string;
  qos: QoS;
}
export interface SwitchWidget extends WidgetBase {
  kind: "switch";
  onPayload: string;
  offPayload: string;
  on: boolean;
}
export interface ButtonWidget extends WidgetBase {
  kind: "button";
  payload: string;
}
export interface TileWidget extends WidgetBase {
  kind: "tile";
  last?: { text: string; atMs: number };
}
export type Widget = SwitchWidget | ButtonWidget | TileWidget;

let nextId = 1;

export function defaultWidgets(): Widget[] {
  return [
    {
      id: nextId++,
      kind: "switch",
      name: "LED",
      topic: "esp32/publish",
      qos: 0,
      onPayload: "on",
      offPayload: "off",
      on: false,
    },
    {
      id: nextId++,
      kind: "button",
      name: "Hello",
      topic: "esp32/publish",
      qos: 0,
      payload: "hello",
    },
    { id: nextId++, kind: "tile", name: "esp32/publish", topic: "esp32/publish", qos: 0 },
    { id: nextId++, kind: "tile", name: "PRECHIN", topic: "/public/pz_esp32/1", qos: 0 },
  ];
}

export function createPhoneModel() {
  const widgets = signal<Widget[]>(defaultWidgets());
  const state = signal<ClientState>("closed");
  const error = signal("");
  const editing = signal(false);
  /** The phone's broker account (needed when the class runs with --seats). */
  const account = signal({ username: "", password: "" });
  const clientId = `${PHONE_PREFIX}-${randomSuffix()}`;
  let client: MqttClient | undefined;
  const subscribed = new Set<string>();

  function update(id: number, change: Partial<Widget>): void {
    widgets.value = widgets.value.map((w) => (w.id === id ? { ...w, ...change } as Widget : w));
  }

  async function subscribeTiles(): Promise<void> {
    if (!client || client.state !== "connected") return;
    // Tiles show their topic; switches follow theirs too (state feedback, as IoT OnOff).
    for (const w of widgets.value) {
      if (w.kind === "button" || subscribed.has(w.topic)) continue;
      subscribed.add(w.topic);
      await client.subscribe(w.topic, w.qos);
    }
  }

  async function connect(): Promise<void> {
    if (client && client.state !== "closed") return;
    error.value = "";
    subscribed.clear();
    const { username, password } = account.value;
    const c = new MqttClient({
      url: mqttUrl(),
      clientId,
      keepaliveS: 60,
      username: username || undefined,
      password: password || undefined,
    });
    client = c;
    c.onState((next, reason) => {
      state.value = next;
      if (next === "closed" && reason && reason !== "disconnected") error.value = reason;
      // A phone app comes back by itself when the network (or the server) does; a refusal
      // (wrong password) waits for the user instead of retrying.
      if (next === "closed" && /^socket/.test(reason ?? "") && client === c) {
        setTimeout(() => client === c && connect(), 2_000);
      }
    });
    c.onMessage((m) => {
      const text = showPayload(m.payload);
      widgets.value = widgets.value.map((w) => {
        if (!topicMatches(w.topic, m.topic)) return w;
        if (w.kind === "tile") return { ...w, last: { text, atMs: Date.now() } };
        if (w.kind === "switch" && (text === w.onPayload || text === w.offPayload)) {
          return { ...w, on: text === w.onPayload };
        }
        return w;
      });
    });
    try {
      await c.connect();
      await subscribeTiles();
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    }
  }

  async function send(topic: string, payload: string, qos: QoS): Promise<void> {
    if (!client || client.state !== "connected") await connect();
    try {
      await client!.publish(topic, payload, { qos });
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    }
  }

  return {
    clientId,
    widgets,
    state,
    error,
    editing,
    account,
    connect,
    disconnect: () => client?.disconnect(),
    update,
    async toggle(id: number): Promise<void> {
      const w = widgets.value.find((x) => x.id === id);
      if (!w || w.kind !== "switch") return;
      const on = !w.on;
      update(id, { on });
      await send(w.topic, on ? w.onPayload : w.offPayload, w.qos);
    },
    async press(id: number): Promise<void> {
      const w = widgets.value.find((x) => x.id === id);
      if (w && w.kind === "button") await send(w.topic, w.payload, w.qos);
    },
    add(kind: Widget["kind"]): void {
      const base = { id: nextId++, name: kind, topic: "esp32/publish", qos: 0 as QoS };
      const widget: Widget = kind === "switch"
        ? { ...base, kind, onPayload: "on", offPayload: "off", on: false }
        : kind === "button"
        ? { ...base, kind, payload: "hello" }
        : { ...base, kind };
      widgets.value = [...widgets.value, widget];
    },
    remove(id: number): void {
      widgets.value = widgets.value.filter((w) => w.id !== id);
    },
    /** After editing: connect again with a changed account, subscribe to new topics. */
    async applyEdits(accountChanged: boolean): Promise<void> {
      if (accountChanged || !client || client.state === "closed") {
        client?.disconnect();
        client = undefined;
        await connect();
      } else await subscribeTiles();
    },
  };
}

export type PhoneModel = ReturnType<typeof createPhoneModel>;
