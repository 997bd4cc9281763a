/**
 * A fake `/events` stream and packet API for UI tests and the UI bench: real frames
 * from the project's codec (encode, dissect, summarize), served to the page through
 * Playwright's routing, so the inspector is tested against the real dissection
 * whether or not the server's world bridge is running.
 */
import type { Page, WebSocketRoute } from "playwright-core";
import {
  dissect,
  encode,
  type Packet,
  previewPayload,
  type ProtocolLevel,
  summarize,
} from "../../broker/codec/mod.ts";
import type {
  BoardView,
  BrokerView,
  PacketDetail,
  PacketRow,
  ServerMessage,
  WorldView,
} from "../../web/protocol.ts";
import { boardNode } from "../../web/protocol.ts";

const text = (s: string) => new TextEncoder().encode(s);
const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

export interface FakePacket {
  row: PacketRow;
  detail: PacketDetail;
}

/** Builds the row and detail of one packet exactly as the server would. */
export function fakePacket(
  seq: number,
  atUs: number,
  packet: Packet,
  { peer, clientId, direction, level = 4 }: {
    peer: string;
    clientId?: string;
    direction: "in" | "out";
    level?: ProtocolLevel;
  },
): FakePacket {
  const bytes = encode(packet, level);
  const row: PacketRow = {
    seq,
    atUs,
    connectionId: 1,
    clientId,
    transport: "virtual",
    direction,
    peer,
    type: packet.type,
    summary: summarize(packet),
    size: bytes.length,
    level,
  };
  if (packet.type === "PUBLISH") {
    row.topic = packet.topic;
    row.qos = packet.qos;
    if (packet.retain) row.retain = true;
  }
  const detail: PacketDetail = { row, hex: toHex(bytes), fields: dissect(bytes, level) };
  if (packet.type === "PUBLISH") {
    const p = previewPayload(packet.payload);
    detail.payload = { kind: p.kind, text: p.text } as PacketDetail["payload"];
  }
  return { row, detail };
}

/** The textbook's exchange: CONNECT, CONNACK, SUBSCRIBE, then "Hello PRECHIN" every second. */
export function textbookPackets(publishes: number): FakePacket[] {
  const pub = { peer: boardNode("publisher"), clientId: "PZ-ESP32" };
  const sub = { peer: boardNode("subscriber"), clientId: "PZ-ESP32-sub" };
  const topic = "/public/pz_esp32/1";
  const out: FakePacket[] = [];
  let seq = 1;
  const add = (atUs: number, p: Packet, who: typeof pub, direction: "in" | "out") =>
    out.push(fakePacket(seq++, atUs, p, { ...who, direction }));
  add(2_000_000, connect("PZ-ESP32"), pub, "in");
  add(2_001_000, { type: "CONNACK", sessionPresent: false, reasonCode: 0 }, pub, "out");
  add(2_100_000, connect("PZ-ESP32-sub"), sub, "in");
  add(2_101_000, { type: "CONNACK", sessionPresent: false, reasonCode: 0 }, sub, "out");
  add(
    2_200_000,
    {
      type: "SUBSCRIBE",
      packetId: 1,
      subscriptions: [{ topicFilter: topic, qos: 0 }],
    },
    sub,
    "in",
  );
  add(2_201_000, { type: "SUBACK", packetId: 1, reasonCodes: [0] }, sub, "out");
  for (let i = 0; i < publishes; i++) {
    const at = 3_000_000 + i * 1_000_000;
    const message: Packet = {
      type: "PUBLISH",
      dup: false,
      qos: 0,
      retain: false,
      topic,
      payload: text("Hello PRECHIN"),
    };
    add(at, message, pub, "in");
    add(at + 1_000, message, sub, "out");
  }
  return out;
}

function connect(clientId: string): Packet {
  return {
    type: "CONNECT",
    protocolName: "MQTT",
    protocolLevel: 4,
    cleanStart: true,
    keepaliveS: 60,
    clientId,
  };
}

export function fakeBoard(name: string, led = 0): BoardView {
  return {
    name,
    ledPin: 15,
    power: "on",
    pins: { 15: led },
    wifi: {
      status: 1010,
      statusName: "STAT_GOT_IP",
      ssid: "ssid",
      ip: "192.168.4.2",
      active: true,
    },
    program: { kind: "micropython", name: "main.py" },
  };
}

export function fakeBroker(): BrokerView {
  return {
    atUs: 0,
    clients: [],
    retained: [],
    wills: [],
    metrics: { "clients/connected": "2", "messages/received": "0" },
    endpoints: { ws: "/mqtt" },
  };
}

export interface FakeEvents {
  /** Sends messages to every page socket that is open (and to later ones, on open). */
  send(message: ServerMessage): void;
  details: Map<number, PacketDetail>;
}

/**
 * Routes the page's `/events` and `/api/packets/:seq` to fakes. Call before `page.goto`.
 * `hello` is what a new socket gets first; packets added with `addPackets` are served
 * by the detail API too.
 */
export async function routeFakeWorld(
  page: Page,
  { packets = [], world }: { packets?: FakePacket[]; world?: WorldView } = {},
): Promise<FakeEvents & { addPackets(list: FakePacket[]): void }> {
  const details = new Map<number, PacketDetail>();
  for (const p of packets) details.set(p.detail.row.seq, p.detail);
  const sockets = new Set<WebSocketRoute>();
  const hello: ServerMessage = {
    kind: "hello",
    world: world ?? { seed: 1, boards: [fakeBoard("publisher"), fakeBoard("subscriber")] },
    broker: fakeBroker(),
    packets: packets.map((p) => p.row),
  };
  await page.routeWebSocket(/\/events$/, (ws) => {
    sockets.add(ws);
    ws.onClose(() => sockets.delete(ws));
    ws.send(JSON.stringify({ kind: "clock", nowUs: 0, mode: "paused", speed: 1 }));
    ws.send(JSON.stringify(hello));
  });
  await page.route(/\/api\/packets\/\d+$/, (route) => {
    const seq = Number(new URL(route.request().url()).pathname.split("/").pop());
    const detail = details.get(seq);
    return detail
      ? route.fulfill({ json: detail })
      : route.fulfill({ status: 404, json: { error: `No packet ${seq}` } });
  });
  return {
    details,
    send(message) {
      const data = JSON.stringify(message);
      for (const ws of sockets) ws.send(data);
    },
    addPackets(list) {
      for (const p of list) details.set(p.detail.row.seq, p.detail);
    },
  };
}
