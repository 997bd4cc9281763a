import assert from "node:assert/strict";
import { encode } from "../broker/codec/mod.ts";
import { Broker, type Link } from "../broker/mod.ts";
import { VirtualClock } from "../sim/mod.ts";
import { EventBridge } from "./bridge.ts";
import { EventHub } from "./events.ts";
import { Pacer } from "./pacer.ts";
import { peerByClientId } from "./packet_view.ts";
import type { PacketDetail, PacketRow } from "./protocol.ts";
import { clientNode } from "./protocol.ts";
import { createApp } from "./server.ts";

/** A broker with one client that connected and published, over an in-memory link. */
function setup() {
  const clock = new VirtualClock();
  const broker = new Broker({ clock });
  const hub = new EventHub();
  const pacer = new Pacer(clock, { nowMs: () => 0 });
  const bridge = new EventBridge({
    hub,
    broker,
    endpoints: { ws: "/mqtt" },
    peerOf: peerByClientId,
    nodeOfClient: (id) => clientNode(id),
    world: () => ({ seed: 1, boards: [] }),
  });
  const app = createApp({
    pacer,
    hub,
    bridge,
    bundle: { files: new Map(), entryPath: "/assets/main.js" },
  });
  const received: Uint8Array[] = [];
  const link: Link = {
    transport: "virtual",
    remoteAddress: "192.168.1.10:50000",
    send: (bytes) => received.push(bytes),
    close: () => {},
  };
  const attached = broker.attach(link);
  attached.receive(encode({
    type: "CONNECT",
    protocolName: "MQTT",
    protocolLevel: 4,
    cleanStart: true,
    keepaliveS: 0,
    clientId: "PZ-ESP32",
  }, 4));
  clock.runUntilIdle({ maxEvents: 100 });
  attached.receive(encode({
    type: "PUBLISH",
    dup: false,
    qos: 0,
    retain: false,
    topic: "/public/pz_esp32/1",
    payload: new TextEncoder().encode("Hello PRECHIN"),
  }, 4));
  clock.runUntilIdle({ maxEvents: 100 });
  return { app, broker, bridge };
}

Deno.test("GET /api/packets lists the broker's packets as rows, oldest first", async () => {
  const { app } = setup();
  const response = await app.request("/api/packets");
  assert.equal(response.status, 200);
  const rows: PacketRow[] = await response.json();
  assert.deepEqual(rows.map((r) => `${r.direction} ${r.type}`), [
    "in CONNECT",
    "out CONNACK",
    "in PUBLISH",
  ]);
  const publish = rows[2];
  assert.equal(publish.topic, "/public/pz_esp32/1");
  assert.equal(publish.clientId, "PZ-ESP32");
  assert.equal(publish.peer, "client:PZ-ESP32");
  assert.match(publish.summary, /Hello PRECHIN/);
  const limited: PacketRow[] = await (await app.request("/api/packets?limit=1")).json();
  assert.deepEqual(limited.map((r) => r.type), ["PUBLISH"]);
});

Deno.test("GET /api/packets?format=jsonl gives one JSON line per packet with from, to and hex", async () => {
  const { app } = setup();
  const response = await app.request("/api/packets?format=jsonl");
  assert.equal(response.headers.get("content-type"), "application/x-ndjson; charset=utf-8");
  const lines = (await response.text()).trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(lines.length, 3);
  assert.equal(lines[1].from, "broker");
  assert.equal(lines[1].hex, "20020000");
  assert.deepEqual(
    { from: lines[2].from, to: lines[2].to, topic: lines[2].topic, text: lines[2].payloadText },
    {
      from: "client:PZ-ESP32",
      to: "broker",
      topic: "/public/pz_esp32/1",
      text: "Hello PRECHIN",
    },
  );
});

Deno.test("GET /api/packets/:seq gives the frame's hex and a dissection covering every byte", async () => {
  const { app } = setup();
  const detail: PacketDetail = await (await app.request("/api/packets/3")).json();
  assert.equal(detail.row.type, "PUBLISH");
  assert.equal(detail.payload?.text, "Hello PRECHIN");
  const size = detail.hex.length / 2;
  const covered = new Array(size).fill(0);
  const walk = (fields: PacketDetail["fields"]) => {
    for (const f of fields) {
      if (f.children?.length) walk(f.children);
      else if (!f.bits || f.bits[1] === 0) { for (let i = f.start; i < f.end; i++) covered[i]++; }
    }
  };
  walk(detail.fields);
  assert.deepEqual(covered, new Array(size).fill(1));
});

Deno.test("bad requests get a 4xx with a message that says what is wrong", async () => {
  const { app } = setup();
  const cases: [string, RequestInit | undefined, number, RegExp][] = [
    ["/api/packets?limit=abc", undefined, 400, /limit must be/],
    ["/api/packets?format=xml", undefined, 400, /format must be json or jsonl/],
    ["/api/packets/0", undefined, 400, /not a packet number/],
    ["/api/packets/999", undefined, 404, /not in the log/],
    ["/api/time", { method: "POST", body: "{" }, 400, /must be JSON/],
    ["/api/time", { method: "POST", body: '{"action":"fly"}' }, 400, /action must be one of/],
    ["/api/time", { method: "POST", body: '{"action":"speed","speed":500}' }, 400, /100x/],
    ["/nowhere", undefined, 404, /No route for GET \/nowhere/],
  ];
  for (const [path, init, status, message] of cases) {
    const response = await app.request(path, init);
    assert.equal(response.status, status, path);
    assert.match((await response.json()).error, message, path);
  }
});

Deno.test("the hello message carries the world, the broker's clients and the latest packets", () => {
  const { bridge } = setup();
  const hello = bridge.hello();
  assert.equal(hello.kind, "hello");
  if (hello.kind !== "hello") return;
  assert.equal(hello.packets.length, 3);
  assert.deepEqual(hello.broker.clients.map((c) => [c.clientId, c.connected]), [[
    "PZ-ESP32",
    true,
  ]]);
});
