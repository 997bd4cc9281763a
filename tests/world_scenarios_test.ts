/** The other built-in scenarios and the faults a lesson can schedule. */
import assert from "node:assert/strict";
import {
  PHONE_LED_SWITCH,
  type Scenario,
  TEXTBOOK_SAME_CLIENT_ID,
  World,
  type WorldEvent,
  type WorldPacket,
} from "../devices/mod.ts";

function record(world: World) {
  const packets: WorldPacket[] = [];
  const events: WorldEvent[] = [];
  world.addPacketListener((p) => packets.push(p));
  world.addListener((e) => events.push(e));
  return { packets, events };
}

const consoleOf = (events: WorldEvent[], board: string) =>
  events.flatMap((e) => e.kind === "console" && e.board === board ? [e.text] : []);

/** One sensor publishing every second, and the given events. */
function sensor(events: Scenario["events"]): Scenario {
  return {
    name: "one-sensor",
    boards: [{ name: "s", program: "temperature-sensor", params: { periodMs: 1000 } }],
    events,
  };
}

const publishTimes = (packets: WorldPacket[]) =>
  packets.filter((p) => p.packet.type === "PUBLISH" && p.to === "broker").map((p) => p.atUs);

Deno.test("phone scenario: 'on' lights the ESP32's LED, 'off' puts it out", async () => {
  const world = new World(PHONE_LED_SWITCH);
  const { events } = record(world);
  world.start();
  await world.runUntil(11_000_000);
  const led = events.flatMap((e) =>
    e.kind === "pin" && e.board === "esp32" && e.pin === 15 ? [`${e.level}`] : []
  );
  assert.deepEqual(led, ["1", "0", "1"].slice(0, led.length));
  assert.ok(led.length >= 2, `LED changed ${led.length} times`);
  assert.equal(world.boards.get("esp32")!.led.value(), 0); // "off" was the last command by 11 s
  world.close();
});

Deno.test("textbook ids as printed: the second CONNECT takes over and the first board fails", async () => {
  const world = new World(TEXTBOOK_SAME_CLIENT_ID);
  const { packets, events } = record(world);
  world.start();
  await world.runUntil(9_000_000);
  assert.deepEqual(consoleOf(events, "subscriber").slice(-2), [
    "Traceback (most recent call last):",
    "OSError: [Errno 104] ECONNRESET",
  ]);
  assert.equal(
    packets.filter((p) => p.to === "subscriber" && p.packet.type === "PUBLISH").length,
    0,
  );
  world.close();
});

Deno.test("a partition holds the publishes back; healing delivers them in order", async () => {
  const world = new World(sensor([
    { atMs: 6_500, action: "partition" },
    { atMs: 9_500, action: "heal" },
  ]));
  const { packets } = record(world);
  world.start();
  await world.runUntil(12_000_000);
  const times = publishTimes(packets);
  assert.ok(!times.some((t) => t > 6_500_000 && t < 9_500_000), `${times}`);
  const burst = times.filter((t) => t === 9_505_000);
  assert.equal(burst.length, 3);
  world.close();
});

Deno.test("extra latency delays arrival at the broker by exactly that much", async () => {
  const world = new World(sensor([{ atMs: 7_000, action: "latency", extraMs: 250, board: "s" }]));
  const { packets } = record(world);
  world.start();
  await world.runUntil(10_000_000);
  const times = publishTimes(packets);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  assert.ok(gaps.includes(1_250_000), `gaps ${gaps}`);
  world.close();
});

Deno.test("a broker restart closes the connection: the sensor's publishes then fail", async () => {
  const world = new World(sensor([{ atMs: 8_000, action: "broker-restart", downMs: 500 }]));
  const { packets, events } = record(world);
  world.start();
  await world.runUntil(12_000_000);
  const states = events.flatMap((e) => e.kind === "broker" ? [`${e.state}@${e.atUs}`] : []);
  assert.deepEqual(states, ["down@8000000", "up@8500000"]);
  assert.equal(consoleOf(events, "s").at(-1), "OSError: [Errno 104] ECONNRESET");
  assert.ok(!publishTimes(packets).some((t) => t > 8_000_000));
  world.close();
});

Deno.test("hard reset drops WiFi and the program joins again; soft reset keeps it", async () => {
  const world = new World(sensor([
    { atMs: 6_000, action: "soft-reset", board: "s" },
    { atMs: 9_000, action: "hard-reset", board: "s" },
  ]));
  const { events } = record(world);
  world.start();
  await world.runUntil(9_500_000);
  const wifi = events.flatMap((e) =>
    e.kind === "wifi" && e.iface === "sta" ? [`${e.active ? "on" : "off"}:${e.status}`] : []
  );
  assert.deepEqual(wifi, [
    "on:1000", // power-on: active(True)
    "on:1001",
    "on:1010",
    // soft reset at 6 s: nothing changes
    "on:1000", // hard reset at 9 s: the link goes,
    "off:1000", // the radio is off,
    "on:1000", // and the program starts it again
    "on:1001",
  ]);
  assert.equal(world.boards.get("s")!.wlan().isconnected(), false);
  await world.runUntil(14_000_000);
  assert.equal(world.boards.get("s")!.wlan().isconnected(), true);
  world.close();
});

Deno.test("a .py program is refused with a clear message until MicroPython lands", () => {
  assert.throws(
    () => new World({ name: "py", boards: [{ name: "b", program: "main.py" }] }),
    /MicroPython \(\.py\) programs need the MicroPython runtime/,
  );
  assert.throws(
    () => new World({ name: "x", boards: [{ name: "b", program: "nope" }] }),
    /no program named 'nope'/,
  );
});

Deno.test("the BOOT button drives the LED through a pin IRQ", async () => {
  const world = new World({
    name: "button",
    boards: [{ name: "b", program: "button-led" }],
    events: [
      { atMs: 1000, action: "button-press", board: "b" },
      { atMs: 1500, action: "button-release", board: "b" },
      { atMs: 2000, action: "button-press", board: "b", pin: 0 },
    ],
  });
  const { events } = record(world);
  world.start();
  await world.runUntil(3_000_000);
  const led = events.flatMap((e) =>
    e.kind === "pin" && e.pin === 15 ? [`${e.level}@${e.atUs / 1000}`] : []
  );
  assert.deepEqual(led, ["1@1000", "0@1500", "1@2000"]);
  assert.deepEqual(consoleOf(events, "b"), ["button pressed (1)", "button pressed (2)"]);
  world.close();
});

Deno.test("a board's own extra latency; an access point going away", async () => {
  const connectAt = async (extraLatencyMs: number) => {
    const world = new World({
      name: "far",
      boards: [{ name: "s", program: "temperature-sensor", extraLatencyMs }],
      events: [{ atMs: 8_000, action: "ap-off", ssid: "ssid" }],
    });
    const { packets, events } = record(world);
    world.start();
    await world.runUntil(9_000_000);
    world.close();
    const lost = events.filter((e) => e.kind === "wifi" && e.atUs === 8_000_000);
    assert.ok(lost.length === 1 && lost[0].kind === "wifi" && lost[0].status === 200);
    return packets.find((p) => p.packet.type === "CONNECT")!.atUs;
  };
  // SYN, SYN-ACK and the CONNECT itself each travel the board's path once
  assert.equal((await connectAt(95)) - (await connectAt(0)), 3 * 95_000);
});

Deno.test("a resilient sensor reconnects after a broker restart, and the new broker is tapped", async () => {
  const world = new World({
    name: "resilient",
    boards: [{
      name: "s",
      program: "temperature-sensor",
      params: { periodMs: 1000, resilient: true, retryMs: 1000 },
    }],
    events: [{ atMs: 8_000, action: "broker-restart", downMs: 500 }],
  });
  const { packets, events } = record(world);
  world.start();
  await world.runUntil(14_000_000);
  assert.ok(consoleOf(events, "s").some((l) => l.startsWith("MQTT error:")));
  const connects = packets.filter((p) => p.packet.type === "CONNECT").map((p) => p.atUs);
  assert.equal(connects.length, 2);
  assert.ok(connects[1] > 8_500_000);
  assert.ok(publishTimes(packets).filter((t) => t > connects[1]).length >= 3);
  world.close();
});

Deno.test("while the broker is down, a board's connect is refused (ECONNREFUSED)", async () => {
  const world = new World({
    name: "down",
    boards: [{ name: "s", program: "temperature-sensor", params: { resilient: true } }],
    events: [{ atMs: 100, action: "broker-restart", downMs: 5_000 }],
  });
  const { events } = record(world);
  world.start();
  await world.runUntil(4_000_000);
  assert.ok(
    consoleOf(events, "s").includes("MQTT error: [Errno 111] ECONNREFUSED - reconnecting"),
    consoleOf(events, "s").join("\n"),
  );
  world.close();
});
