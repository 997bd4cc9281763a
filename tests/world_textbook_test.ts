/**
 * The textbook chapter's pair in the virtual world (issue 5's tests): publishes counted at
 * the broker, the LED while joining, the wrong password, a WiFi drop mid-run.
 */
import assert from "node:assert/strict";
import {
  STAT_CONNECTING,
  STAT_WRONG_PASSWORD,
  TEXTBOOK_PUBSUB,
  TEXTBOOK_WIFI_DROP,
  TEXTBOOK_WRONG_PASSWORD,
  World,
  type WorldEvent,
  type WorldPacket,
} from "../devices/mod.ts";

const WINDOW_US = 10_000_000;
/** The scenario's one-way latency: a PUBLISH sent at the window's end reaches the broker this later. */
const LATENCY_US = 5_000;

function record(world: World) {
  const packets: WorldPacket[] = [];
  const events: WorldEvent[] = [];
  world.addPacketListener((p) => packets.push(p));
  world.addListener((e) => events.push(e));
  return { packets, events };
}

/** Steps until the publisher's Timer(0) runs after the re-run; returns that time. */
async function untilPublisherTimer(world: World): Promise<number> {
  const timer = world.boards.get("publisher")!.timer(0);
  while (!timer.running) {
    assert.ok(await world.step(), "the clock ran dry before the publisher's timer started");
    assert.ok(world.clock.nowUs < 30_000_000, "the publisher's timer never started");
  }
  return world.clock.nowUs;
}

Deno.test("textbook pair: 10 s after the publisher's timer starts, exactly 10 PUBLISH, all delivered", async () => {
  const world = new World(TEXTBOOK_PUBSUB, { seed: 1 });
  const { packets, events } = record(world);
  world.start();
  const startUs = await untilPublisherTimer(world);
  await world.runUntil(startUs + WINDOW_US + LATENCY_US);
  // sent by the board within the window = at the broker within it, one latency later
  const inWindow = (p: WorldPacket) =>
    p.atUs > startUs + LATENCY_US && p.atUs <= startUs + WINDOW_US + LATENCY_US;
  const published = packets.filter((p) =>
    inWindow(p) && p.packet.type === "PUBLISH" && p.from === "publisher" && p.to === "broker"
  );
  assert.equal(published.length, 10);
  for (const p of published) {
    assert.ok(p.packet.type === "PUBLISH");
    assert.equal(p.packet.topic, "/public/pz_esp32/1");
    assert.equal(new TextDecoder().decode(p.packet.payload), "Hello PRECHIN");
    assert.equal(p.clientId, "PZ-ESP32");
  }
  const delivered = packets.filter((p) =>
    inWindow(p) && p.packet.type === "PUBLISH" && p.to === "subscriber"
  );
  assert.equal(delivered.length, 10);
  // the subscriber's check_msg() (every 300 ms) prints each of them within 300 ms
  await world.runFor(300_000);
  const printed = events.filter((e) =>
    e.kind === "console" && e.board === "subscriber" && e.text === "msg: b'Hello PRECHIN'" &&
    e.atUs > startUs
  );
  assert.equal(printed.length, 10);
  world.close();
});

Deno.test("textbook pair: the LED on GPIO15 toggles every 300 ms while WiFi joins", async () => {
  const world = new World(TEXTBOOK_PUBSUB, { seed: 1 });
  const { events } = record(world);
  world.start();
  await world.runUntil(4_900_000);
  const publisher = world.boards.get("publisher")!;
  assert.equal(publisher.wlan().isconnected(), true);
  const edges = events.filter((e) => e.kind === "pin" && e.board === "publisher" && e.pin === 15);
  assert.ok(edges.length >= 8, `only ${edges.length} LED edges`);
  edges.forEach((e, i) => {
    assert.ok(e.kind === "pin");
    assert.equal(e.atUs, i * 300_000, `edge ${i}`);
    assert.equal(e.level, i % 2 === 0 ? 1 : 0);
  });
  // it stops blinking once joined (the loop ends with the LED off)
  const joinedAtUs =
    events.find((e) => e.kind === "wifi" && e.board === "publisher" && e.status === 1010)!.atUs;
  assert.ok(edges.at(-1)!.atUs <= joinedAtUs + 600_000);
  world.close();
});

Deno.test("wrong WiFi password: status 202, then the program's own 150 s timeout path", async () => {
  const world = new World(TEXTBOOK_WRONG_PASSWORD, { seed: 1 });
  const { packets, events } = record(world);
  world.start();
  const wlan = world.boards.get("publisher")!.wlan();
  await world.runUntil(1_000_000);
  assert.equal(wlan.status(), STAT_CONNECTING);
  await world.runUntil(5_000_000);
  assert.equal(wlan.status(), STAT_WRONG_PASSWORD);
  assert.equal(wlan.isconnected(), false);
  await world.runUntil(160_000_000);
  const lines = events.filter((e) => e.kind === "console").map((e) =>
    e.kind === "console" ? `${Math.floor(e.atUs / 1e6)}s ${e.text}` : ""
  );
  assert.deepEqual(lines, ["0s conneting to network...", "151s WIFI Connect Timeout!"]);
  assert.equal(packets.length, 0);
  world.close();
});

Deno.test("WiFi drop mid-run: the next publish fails like a socket error on the board", async () => {
  const world = new World(TEXTBOOK_WIFI_DROP, { seed: 1 });
  const { packets, events } = record(world);
  world.start();
  await world.runUntil(13_000_000);
  const dropUs = 10_000_000;
  const after = packets.filter((p) => p.atUs > dropUs && p.from === "publisher");
  assert.deepEqual(after, []);
  const before = packets.filter((p) => p.packet.type === "PUBLISH" && p.from === "publisher");
  assert.equal(before.length, 4); // 6.025 .. 9.025 s
  const errors = events.filter((e) =>
    e.kind === "console" && e.board === "publisher" && e.text.startsWith("OSError")
  ).map((e) => e.kind === "console" ? e.text : "");
  assert.deepEqual(errors, [
    "OSError: [Errno 104] ECONNRESET",
    "OSError: [Errno 128] ENOTCONN",
    "OSError: [Errno 128] ENOTCONN",
  ]);
  const first = events.find((e) => e.kind === "console" && e.text.startsWith("OSError"))!;
  assert.ok(first.atUs > dropUs && first.atUs < dropUs + 1_000_000);
  // the broker still believes the publisher is connected (no FIN ever left the board)
  const client = world.broker!.snapshot().clients.find((c) => c.clientId === "PZ-ESP32");
  assert.equal(client?.connected, true);
  world.close();
});
