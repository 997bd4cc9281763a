/**
 * A small MQTT client for the browser over WebSocket (subprotocol "mqtt"), built on the
 * project's own codec: MQTT 3.1.1 and 5.0, QoS 0, 1 and 2 both ways, keep-alive pings.
 * The phone app and the client panel are real clients of the real broker through it.
 */
import {
  type ConnackPacket,
  Decoder,
  encode,
  type Packet,
  type ProtocolLevel,
  type PublishPacket,
  type QoS,
} from "../../../broker/codec/mod.ts";

export interface ConnectOptions {
  /** ws:// or wss:// URL of the broker's MQTT WebSocket, e.g. ws://host/mqtt. */
  url: string;
  clientId: string;
  username?: string;
  password?: string;
  /** 4 = MQTT 3.1.1, 5 = MQTT 5.0. */
  level?: 4 | 5;
  keepaliveS?: number;
  clean?: boolean;
  will?: { topic: string; payload: string; qos: QoS; retain: boolean };
}

export interface Message {
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  retain: boolean;
}

export type ClientState = "closed" | "connecting" | "connected";

/** How long the broker gets to answer CONNECT, SUBSCRIBE or a QoS 1/2 PUBLISH (host time). */
const REPLY_TIMEOUT_MS = 10_000;

interface Waiting {
  resolve: (packet: Packet) => void;
  reject: (err: Error) => void;
  /** The packet type that completes the exchange. */
  until: Packet["type"];
}

export class MqttClient {
  state: ClientState = "closed";
  readonly level: ProtocolLevel;
  #socket: WebSocket | undefined;
  #decoder: Decoder;
  #nextId = 1;
  #waiting = new Map<number, Waiting>();
  #connack: Waiting | undefined;
  /** QoS 2 messages received (PUBREC sent), waiting for PUBREL. */
  #inbound2 = new Set<number>();
  #messageListeners = new Set<(m: Message) => void>();
  #stateListeners = new Set<(state: ClientState, reason?: string) => void>();
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #lastSentMs = 0;

  constructor(readonly options: ConnectOptions) {
    this.level = options.level ?? 4;
    this.#decoder = new Decoder({ level: this.level });
  }

  /** Opens the socket and sends CONNECT; resolves with the CONNACK (rejects when refused). */
  connect(): Promise<ConnackPacket> {
    if (this.state !== "closed") return Promise.reject(new Error("Already connected"));
    const o = this.options;
    this.#setState("connecting");
    const socket = new WebSocket(o.url, "mqtt");
    socket.binaryType = "arraybuffer";
    this.#socket = socket;
    return new Promise<ConnackPacket>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#close("CONNACK timeout");
        reject(new Error(`No CONNACK within ${REPLY_TIMEOUT_MS} ms`));
      }, REPLY_TIMEOUT_MS);
      this.#connack = {
        until: "CONNACK",
        resolve: (p) => {
          clearTimeout(timer);
          const ack = p as ConnackPacket;
          if (ack.reasonCode !== 0) {
            this.#close(`refused ${ack.reasonCode}`);
            reject(new ConnectRefused(ack.reasonCode, this.level));
            return;
          }
          this.#setState("connected");
          this.#startPings();
          resolve(ack);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      socket.onopen = () => {
        const enc = new TextEncoder();
        this.#send({
          type: "CONNECT",
          protocolName: "MQTT",
          protocolLevel: this.level,
          cleanStart: o.clean ?? true,
          keepaliveS: o.keepaliveS ?? 60,
          clientId: o.clientId,
          ...(o.username ? { username: o.username } : {}),
          ...(o.password ? { password: enc.encode(o.password) } : {}),
          ...(o.will
            ? {
              will: {
                topic: o.will.topic,
                payload: enc.encode(o.will.payload),
                qos: o.will.qos,
                retain: o.will.retain,
              },
            }
            : {}),
        });
      };
      socket.onmessage = (event) => this.#receive(new Uint8Array(event.data as ArrayBuffer));
      socket.onclose = () => this.#close("socket closed");
      socket.onerror = () => this.#close("socket error");
    });
  }

  /** Subscribes; resolves with the granted QoS (or reason code) per filter. */
  async subscribe(topicFilter: string, qos: QoS = 0): Promise<number[]> {
    const id = this.#packetId();
    const ack = await this.#exchange(id, "SUBACK", {
      type: "SUBSCRIBE",
      packetId: id,
      subscriptions: [{ topicFilter, qos }],
    });
    return ack.type === "SUBACK" ? ack.reasonCodes : [];
  }

  async unsubscribe(topicFilter: string): Promise<void> {
    const id = this.#packetId();
    await this.#exchange(id, "UNSUBACK", {
      type: "UNSUBSCRIBE",
      packetId: id,
      topicFilters: [topicFilter],
    });
  }

  /** Publishes; resolves once the QoS flow is complete (at once for QoS 0). */
  async publish(
    topic: string,
    payload: Uint8Array | string,
    { qos = 0, retain = false }: { qos?: QoS; retain?: boolean } = {},
  ): Promise<void> {
    const bytes = typeof payload === "string" ? new TextEncoder().encode(payload) : payload;
    const packet: PublishPacket = {
      type: "PUBLISH",
      dup: false,
      qos,
      retain,
      topic,
      payload: bytes,
    };
    if (qos === 0) {
      this.#send(packet);
      return;
    }
    const id = this.#packetId();
    packet.packetId = id;
    // QoS 1 ends with PUBACK; QoS 2 with PUBCOMP after PUBREC → PUBREL.
    await this.#exchange(id, qos === 1 ? "PUBACK" : "PUBCOMP", packet);
  }

  disconnect(): void {
    if (this.state === "connected") this.#send({ type: "DISCONNECT" });
    this.#close("disconnected");
  }

  onMessage(listener: (m: Message) => void): () => void {
    this.#messageListeners.add(listener);
    return () => this.#messageListeners.delete(listener);
  }

  onState(listener: (state: ClientState, reason?: string) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  #packetId(): number {
    // Skip ids still in flight; 0 is not a valid packet identifier [MQTT-2.3.1-1].
    do {
      this.#nextId = this.#nextId >= 65_535 ? 1 : this.#nextId + 1;
    } while (this.#waiting.has(this.#nextId));
    return this.#nextId;
  }

  #exchange(id: number, until: Packet["type"], packet: Packet): Promise<Packet> {
    if (this.state !== "connected") return Promise.reject(new Error("Not connected"));
    return new Promise<Packet>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        reject(new Error(`No ${until} for packet ${id} within ${REPLY_TIMEOUT_MS} ms`));
      }, REPLY_TIMEOUT_MS);
      this.#waiting.set(id, {
        until,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
      this.#send(packet);
    });
  }

  #send(packet: Packet): void {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(encode(packet, this.level));
    this.#lastSentMs = Date.now();
  }

  #receive(chunk: Uint8Array): void {
    let frames;
    try {
      frames = this.#decoder.push(chunk);
    } catch (err) {
      this.#close(err instanceof Error ? err.message : String(err));
      return;
    }
    for (const { packet } of frames) this.#handle(packet);
  }

  #handle(packet: Packet): void {
    switch (packet.type) {
      case "CONNACK":
        this.#connack?.resolve(packet);
        this.#connack = undefined;
        break;
      case "PUBLISH": {
        const message = {
          topic: packet.topic,
          payload: packet.payload.slice(),
          qos: packet.qos,
          retain: packet.retain,
        };
        if (packet.qos === 1) this.#send({ type: "PUBACK", packetId: packet.packetId! });
        if (packet.qos === 2) {
          // Exactly once: deliver on the first PUBLISH with this id, ack with PUBREC.
          const id = packet.packetId!;
          this.#send({ type: "PUBREC", packetId: id });
          if (this.#inbound2.has(id)) break;
          this.#inbound2.add(id);
        }
        for (const listener of this.#messageListeners) listener(message);
        break;
      }
      case "PUBREL":
        this.#inbound2.delete(packet.packetId);
        this.#send({ type: "PUBCOMP", packetId: packet.packetId });
        break;
      case "PUBREC":
        this.#send({ type: "PUBREL", packetId: packet.packetId });
        break;
      case "PUBACK":
      case "PUBCOMP":
      case "SUBACK":
      case "UNSUBACK": {
        const waiting = this.#waiting.get(packet.packetId);
        if (waiting && waiting.until === packet.type) {
          this.#waiting.delete(packet.packetId);
          const failed = "reasonCode" in packet && (packet.reasonCode ?? 0) >= 0x80;
          if (failed) waiting.reject(new Error(`${packet.type} reason ${packet.reasonCode}`));
          else waiting.resolve(packet);
        }
        break;
      }
      case "DISCONNECT":
        this.#close(`broker sent DISCONNECT ${packet.reasonCode ?? 0}`);
        break;
      default:
        break; // PINGRESP and AUTH need nothing here
    }
  }

  #startPings(): void {
    const keepaliveMs = (this.options.keepaliveS ?? 60) * 1_000;
    if (keepaliveMs <= 0) return;
    // Ping when nothing else was sent for a whole keep-alive period [MQTT-3.1.2-23].
    this.#pingTimer = setInterval(() => {
      if (Date.now() - this.#lastSentMs >= keepaliveMs * 0.9) this.#send({ type: "PINGREQ" });
    }, Math.max(500, keepaliveMs / 4));
  }

  #setState(state: ClientState, reason?: string): void {
    this.state = state;
    for (const listener of this.#stateListeners) listener(state, reason);
  }

  #close(reason: string): void {
    if (this.state === "closed") return;
    clearInterval(this.#pingTimer);
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket && socket.readyState <= WebSocket.OPEN) socket.close();
    const err = new Error(`Connection closed: ${reason}`);
    this.#connack?.reject(err);
    this.#connack = undefined;
    for (const waiting of this.#waiting.values()) waiting.reject(err);
    this.#waiting.clear();
    this.#setState("closed", reason);
  }
}

/** CONNACK with a refusal: 4 = bad user name or password, 5 = not authorized, ... */
export class ConnectRefused extends Error {
  constructor(readonly code: number, level: ProtocolLevel) {
    super(`Connection refused: ${level === 5 ? "reason" : "return"} code ${code}`);
    this.name = "ConnectRefused";
  }
}

/** The broker's MQTT WebSocket on the page's own server. */
export function mqttUrl(path = "/mqtt"): string {
  const url = new URL(path, location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.href;
}
