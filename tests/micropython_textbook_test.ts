/**
 * The textbook's publisher and subscriber (seeds/textbook-ch26-mqtt.md), unmodified, on
 * real MicroPython: the first power-on quirk, the soft reset that makes them work, the
 * message on the subscriber's console, and what two boards with one client id do.
 */
import assert from "node:assert/strict";
import { drain, fixture, rig } from "./micropython_rig.ts";

const PUBLISHER = fixture("textbook_publisher.py");
const SUBSCRIBER = fixture("textbook_subscriber.py");
const TOPIC = "/public/pz_esp32/1";
const decoder = new TextDecoder();

Deno.test("textbook pair, first power-on: WiFi joins while the LED blinks, wifi_connect() returns False, no MQTT", async () => {
  const r = await rig([
    { name: "publisher", program: PUBLISHER },
    { name: "subscriber", program: SUBSCRIBER },
  ]);
  try {
    r.world.start();
    await r.world.runUntil(6_000_000);
    for (const name of ["publisher", "subscriber"]) {
      const lines = r.console(name);
      assert.deepEqual(lines.slice(0, 1), ["conneting to network..."], name);
      // the program ended at the REPL: wifi_connect() returned False, nothing else ran
      assert.ok(lines.some((l) => l.startsWith("MicroPython v1.27.0")), lines.join("\n"));
      assert.ok(!lines.some((l) => l.includes("Traceback")), lines.join("\n"));
      const joined = r.events.find((e) => e.kind === "wifi" && e.board === name && e.ip);
      assert.ok(joined, `${name} joined the WiFi`);
      const blinks = r.ledEdges(name).filter((e) => e.atUs <= joined.atUs);
      assert.ok(blinks.length >= 6, `${name}: LED blinked ${blinks.length} edges while joining`);
      assert.equal(r.host(name).state, "repl");
    }
    assert.equal(r.packets.length, 0, "no MQTT on the first power-on");
  } finally {
    r.close();
    await drain();
  }
});

Deno.test("textbook publisher after a soft reset: CONNECT PZ-ESP32, then 10 PUBLISH 'Hello PRECHIN' in 10 s", async () => {
  const r = await rig([{ name: "publisher", program: PUBLISHER }], {
    events: [{ atMs: 5000, action: "soft-reset", board: "publisher" }],
  });
  try {
    r.world.start();
    const timer = r.world.boards.get("publisher")!.timer(0);
    while (!timer.running) {
      assert.ok(await r.world.step());
      assert.ok(r.world.clock.nowUs < 20_000_000, "Timer(0) never started");
    }
    const startUs = r.world.clock.nowUs;
    await r.world.runUntil(startUs + 10_000_000 + 5_000);
    const connect = r.packets.find((p) => p.packet.type === "CONNECT");
    assert.ok(connect && connect.packet.type === "CONNECT");
    assert.equal(connect.packet.clientId, "PZ-ESP32");
    assert.ok(connect.atUs > 5_000_000, "no CONNECT before the soft reset");
    const published = r.packets.filter((p) =>
      p.packet.type === "PUBLISH" && p.from === "publisher" && p.atUs > startUs
    );
    assert.equal(published.length, 10);
    for (const p of published) {
      assert.ok(p.packet.type === "PUBLISH");
      assert.equal(p.packet.topic, TOPIC);
      assert.equal(decoder.decode(p.packet.payload), "Hello PRECHIN");
    }
    assert.ok(r.console("publisher").some((l) => l.endsWith("MPY: soft reboot")));
  } finally {
    r.close();
    await drain();
  }
});

Deno.test("textbook subscriber prints topic: b'/public/pz_esp32/1' and msg: b'Hello PRECHIN'", async () => {
  // The publisher with its own client id, so that both stay connected (the next test
  // shows what the textbook's shared id does).
  const publisher = PUBLISHER.replace('CLIENT_ID="PZ-ESP32"', 'CLIENT_ID="PZ-ESP32-PUB"');
  assert.notEqual(publisher, PUBLISHER);
  const r = await rig([
    { name: "subscriber", program: SUBSCRIBER },
    { name: "publisher", program: publisher },
  ], {
    events: [
      { atMs: 5000, action: "soft-reset", board: "subscriber" },
      { atMs: 5500, action: "soft-reset", board: "publisher" },
    ],
  });
  try {
    r.world.start();
    await r.world.runUntil(12_000_000);
    const lines = r.console("subscriber");
    assert.ok(lines.includes(`topic: b'${TOPIC}'`), lines.join("\n"));
    assert.ok(lines.includes("msg: b'Hello PRECHIN'"), lines.join("\n"));
    const connect = r.packets.find((p) => p.packet.type === "CONNECT" && p.from === "subscriber");
    assert.ok(connect?.packet.type === "CONNECT" && connect.packet.clientId === "PZ-ESP32");
  } finally {
    r.close();
    await drain();
  }
});

Deno.test("textbook pair with one client id: the broker's takeover shows on the first board's console", async () => {
  const r = await rig([
    { name: "subscriber", program: SUBSCRIBER },
    { name: "publisher", program: PUBLISHER },
  ], {
    events: [
      { atMs: 5000, action: "soft-reset", board: "subscriber" },
      { atMs: 5500, action: "soft-reset", board: "publisher" },
    ],
  });
  try {
    r.world.start();
    await r.world.runUntil(10_000_000);
    const connects = r.packets.filter((p) => p.packet.type === "CONNECT");
    assert.deepEqual(
      connects.map((p) => [p.from, p.packet.type === "CONNECT" && p.packet.clientId]),
      [["subscriber", "PZ-ESP32"], ["publisher", "PZ-ESP32"]],
    );
    // The broker closed the subscriber's connection: its next check_msg() reads the end
    // of the stream, and umqtt.simple raises OSError(-1) in the timer callback.
    const sub = r.console("subscriber");
    assert.ok(sub.includes("OSError: -1"), sub.join("\n"));
    assert.ok(
      sub.some((l) => l.includes('File "simple.py"') || l.includes("umqtt")),
      sub.join("\n"),
    );
    // The publisher keeps publishing, to nobody: the subscription went with the old session.
    assert.ok(!sub.some((l) => l.startsWith("msg:")));
    const pubs = r.packets.filter((p) => p.packet.type === "PUBLISH" && p.from === "publisher");
    assert.ok(pubs.length >= 3);
  } finally {
    r.close();
    await drain();
  }
});

Deno.test("same programs + same seed = the same packets, byte for byte (lock-step, not worker speed)", async () => {
  const log = async () => {
    const r = await rig([
      { name: "subscriber", program: SUBSCRIBER },
      { name: "publisher", program: PUBLISHER },
    ], {
      events: [
        { atMs: 5000, action: "soft-reset", board: "subscriber" },
        { atMs: 5000, action: "soft-reset", board: "publisher" },
      ],
    });
    try {
      r.world.start();
      await r.world.runUntil(9_000_000);
      return r.packets.map((p) =>
        `${p.atUs} ${p.from}>${p.to} ${Array.from(p.bytes, (b) => b.toString(16)).join("")}`
      ).concat(r.console("subscriber"), r.console("publisher"));
    } finally {
      r.close();
      await drain();
    }
  };
  const first = await log();
  assert.ok(first.length > 10);
  assert.deepEqual(await log(), first);
});
