import assert from "node:assert/strict";
import { EventBridge } from "./bridge.ts";
import { EventHub } from "./events.ts";
import { Pacer } from "./pacer.ts";
import { TEXTBOOK_PUBSUB } from "../devices/mod.ts";
import { Playground } from "./playground.ts";
import type { PacketDetail, PacketRow } from "./protocol.ts";
import { createApp } from "./server.ts";

/** The textbook pair run for 8 virtual seconds: real packets from real board programs. */
async function setup() {
  const playground = await Playground.create({ scenario: TEXTBOOK_PUBSUB });
  const hub = new EventHub();
  const pacer = new Pacer(playground, { nowMs: () => 0 });
  const bridge = new EventBridge({ hub, playground, endpoints: { ws: "/mqtt" } });
  const app = createApp({
    pacer,
    hub,
    world: { playground, bridge },
    bundle: { files: new Map(), entryPath: "/assets/main.js" },
  });
  await playground.advanceTo(8_000_000);
  return { app, playground, bridge };
}

Deno.test("GET /api/packets lists the world's packets as rows, oldest first", async () => {
  const { app } = await setup();
  const response = await app.request("/api/packets");
  assert.equal(response.status, 200);
  const rows: PacketRow[] = await response.json();
  assert.deepEqual(rows.map((r) => `${r.direction} ${r.type} ${r.peer}`), [
    "in CONNECT board:subscriber",
    "out CONNACK board:subscriber",
    "in CONNECT board:publisher",
    "out CONNACK board:publisher",
    "in SUBSCRIBE board:subscriber",
    "out SUBACK board:subscriber",
    "in PUBLISH board:publisher",
    "out PUBLISH board:subscriber",
    "in PUBLISH board:publisher",
    "out PUBLISH board:subscriber",
  ]);
  assert.deepEqual(rows.map((r) => r.seq), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const publish = rows[6];
  assert.equal(publish.topic, "/public/pz_esp32/1");
  assert.equal(publish.clientId, "PZ-ESP32");
  assert.equal(publish.transport, "virtual");
  assert.match(publish.summary, /Hello PRECHIN/);
  const limited: PacketRow[] = await (await app.request("/api/packets?limit=1")).json();
  assert.deepEqual(limited.map((r) => r.seq), [10]);
});

Deno.test("GET /api/packets?format=jsonl gives one JSON line per packet with from, to and hex", async () => {
  const { app } = await setup();
  const response = await app.request("/api/packets?format=jsonl");
  assert.equal(response.headers.get("content-type"), "application/x-ndjson; charset=utf-8");
  const lines = (await response.text()).trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(lines.length, 10);
  assert.deepEqual([lines[1].from, lines[1].to, lines[1].hex], [
    "broker",
    "subscriber",
    "20020000",
  ]);
  const { from, to, topic, payloadText, qos, retain } = lines[6];
  assert.deepEqual({ from, to, topic, payloadText, qos, retain }, {
    from: "publisher",
    to: "broker",
    topic: "/public/pz_esp32/1",
    payloadText: "Hello PRECHIN",
    qos: 0,
    retain: false,
  });
});

Deno.test("GET /api/packets/:seq gives the frame's hex and a dissection covering every byte", async () => {
  const { app } = await setup();
  const detail: PacketDetail = await (await app.request("/api/packets/7")).json();
  assert.equal(detail.row.type, "PUBLISH");
  assert.equal(detail.row.seq, 7);
  assert.equal(detail.payload?.text, "Hello PRECHIN");
  // The textbook's frame: 2-byte fixed header, then topic and payload.
  assert.equal(detail.hex.slice(0, 4), "3021");
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
  const { app } = await setup();
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

Deno.test("the hello message carries the boards, the broker's clients and the latest packets", async () => {
  const { bridge } = await setup();
  const hello = bridge.hello();
  assert.equal(hello.kind, "hello");
  if (hello.kind !== "hello") return;
  assert.equal(hello.packets.length, 10);
  assert.deepEqual(hello.world.boards.map((b) => [b.name, b.wifi.statusName, b.power]), [
    ["publisher", "STAT_GOT_IP", "on"],
    ["subscriber", "STAT_GOT_IP", "on"],
  ]);
  assert.deepEqual(
    hello.broker.clients.map((c) => [c.clientId, c.connected, c.node]).sort(),
    [["PZ-ESP32", true, "board:publisher"], ["PZ-ESP32-SUB", true, "board:subscriber"]],
  );
});

Deno.test("POST /api/scenario loads another world; a bad id names the built-ins", async () => {
  const { app, playground } = await setup();
  const loaded = await app.request("/api/scenario", {
    method: "POST",
    body: JSON.stringify({ id: "phone-led-switch", seed: 7 }),
  });
  assert.equal(loaded.status, 200);
  assert.equal(playground.world.scenario.name, "phone-led-switch");
  assert.equal(playground.world.seed, 7);
  const bad = await app.request("/api/scenario", { method: "POST", body: '{"id":"nope"}' });
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).error, /No scenario named 'nope'.*textbook-pubsub/);
  const list = await (await app.request("/api/scenarios")).json();
  assert.ok(list.some((s: { id: string }) => s.id === "textbook-pubsub"));
});

Deno.test("POST /api/boards/:name/:action drives a board; unknown boards and actions are refused", async () => {
  const { app, playground } = await setup();
  const off = await app.request("/api/boards/publisher/power-off", { method: "POST" });
  assert.equal(off.status, 200);
  assert.equal(playground.world.boards.get("publisher")!.power, "off");
  const missing = await app.request("/api/boards/nobody/power-on", { method: "POST" });
  assert.equal(missing.status, 404);
  assert.match(
    (await missing.json()).error,
    /No board named 'nobody' \(boards: publisher, subscriber\)/,
  );
  const wrong = await app.request("/api/boards/publisher/explode", { method: "POST" });
  assert.equal(wrong.status, 400);
});

Deno.test("step to the next packet stops at the event that logs the next packet", async () => {
  const { app, bridge, playground } = await setup();
  const before = bridge.nextSeq;
  const response = await app.request("/api/time", {
    method: "POST",
    body: JSON.stringify({ action: "step", to: "packet" }),
  });
  assert.equal(response.status, 200);
  // The publisher's next PUBLISH at 8.025 s, which the broker forwards in the same event.
  assert.equal(playground.nowUs, 8_025_000);
  assert.equal(bridge.nextSeq, before + 2);
});

Deno.test("GET /api/capture.pcapng downloads the log as pcapng named after the scenario", async () => {
  const { app } = await setup();
  const response = await app.request("/api/capture.pcapng");
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "application/x-pcapng");
  assert.match(
    response.headers.get("content-disposition") ?? "",
    /filename="mqtt-playground-textbook-pubsub-seed1\.pcapng"/,
  );
  const bytes = new Uint8Array(await response.arrayBuffer());
  // A Section Header Block opens every pcapng file (block type 0x0A0D0D0A).
  assert.deepEqual([...bytes.subarray(0, 4)], [0x0a, 0x0d, 0x0d, 0x0a]);
  const bad = await app.request("/api/capture.pcapng?limit=-3");
  assert.equal(bad.status, 400);
});

Deno.test("GET /qr shows the page's address as a QR code; /qr.svg is the bare picture", async () => {
  const { app } = await setup();
  const page = await app.request("http://192.168.1.20:8000/qr");
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /http:\/\/192\.168\.1\.20:8000\//);
  assert.match(html, /<svg/);
  const svg = await app.request("http://192.168.1.20:8000/qr.svg");
  assert.equal(svg.headers.get("content-type"), "image/svg+xml");
  assert.match(await svg.text(), /^<svg/);
});

Deno.test("hello gives a late page each board's console so far, and a new world starts a new log", async () => {
  const { bridge, app, playground } = await setup();
  const hello = bridge.hello();
  if (hello.kind !== "hello") throw new Error("not a hello");
  assert.ok(
    hello.consoles?.subscriber?.some((l) => l.text === "msg: b'Hello PRECHIN'"),
    JSON.stringify(hello.consoles),
  );
  const loaded = await app.request("/api/scenario", {
    method: "POST",
    body: JSON.stringify({ id: "phone-led-switch" }),
  });
  assert.equal(loaded.status, 200);
  const after = bridge.hello();
  if (after.kind !== "hello") throw new Error("not a hello");
  assert.deepEqual(after.packets, []);
  assert.deepEqual(after.consoles, {});
  await playground.advanceTo(playground.nowUs + 6_000_000);
  const rows = bridge.recentRows(100);
  assert.ok(rows.length > 0);
  assert.ok(rows[0].seq > 10, "seq numbers go on across worlds, so the UI never repeats one");
});

Deno.test("GET /api/boards/:name/files shows a built-in board the textbook program it stands for", async () => {
  const { app } = await setup();
  const body = await (await app.request("/api/boards/publisher/files")).json();
  const seed = await Deno.readTextFile(
    new URL("../lessons/programs/textbook_publisher.py", import.meta.url),
  );
  assert.deepEqual(body, { micropython: false, files: { "main.py": seed } });
  assert.equal((await app.request("/api/boards/nobody/files")).status, 404);
});
