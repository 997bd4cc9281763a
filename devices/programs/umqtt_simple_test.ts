import assert from "node:assert/strict";
import { World } from "../world.ts";
import type { WorldPacket } from "../world_events.ts";
import type { MicroPython } from "./micropython.ts";
import { type TsProgram, tsProgram } from "./program.ts";
import { MQTTClient, MQTTException } from "./umqtt_simple.ts";

/** Joins the textbook AP (no LED blinking) and returns once connected. */
async function join(mp: MicroPython): Promise<void> {
  const wlan = new mp.network.WLAN(mp.network.STA_IF);
  wlan.active(true);
  wlan.connect("ssid", "12345678");
  while (!wlan.isconnected()) await mp.time.sleepMs(100);
}

/** A world whose boards run the given inline programs. */
function worldOf(programs: Record<string, TsProgram>, broker = {}) {
  const world = new World(
    {
      name: "umqtt",
      broker,
      boards: Object.keys(programs).map((name) => ({ name, program: name })),
    },
    { programs: (name) => programs[name] ? tsProgram(programs[name]) : undefined },
  );
  const packets: WorldPacket[] = [];
  world.addPacketListener((p) => packets.push(p));
  const lines: string[] = [];
  world.addListener((e) => e.kind === "console" && lines.push(`${e.board}: ${e.text}`));
  world.start();
  return { world, packets, lines };
}

const types = (packets: WorldPacket[]) => packets.map((p) => `${p.from}>${p.to} ${p.packet.type}`);

Deno.test("QoS 1 publish returns only after the PUBACK; ping gets a PINGRESP", async () => {
  const log: string[] = [];
  const { world, packets } = worldOf({
    a: async (mp) => {
      await join(mp);
      const c = new MQTTClient(mp, "a", "broker.example", 1883);
      await c.connect();
      const t0 = mp.board.clock.nowUs;
      await c.publish("t/1", "x", false, 1);
      log.push(`published after ${mp.board.clock.nowUs - t0} us`);
      c.ping();
      log.push(`wait_msg -> ${await c.waitMsg()}`);
      c.disconnect();
    },
  });
  await world.runUntil(10_000_000);
  assert.deepEqual(log, ["published after 10000 us", "wait_msg -> null"]);
  const hex = (p: WorldPacket) =>
    [...p.bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ");
  // the bytes umqtt.simple writes
  assert.equal(
    hex(packets[0]),
    "10 0d " + // CONNECT, remaining length 13
      "00 04 4d 51 54 54 04 " + // "MQTT", level 4
      "02 00 00 " + // clean session, keepalive 0
      "00 01 61", // client id "a"
  );
  assert.equal(
    hex(packets[2]),
    "32 08 " + // PUBLISH qos 1, remaining length 8
      "00 03 74 2f 31 " + // topic "t/1"
      "00 01 " + // packet id 1
      "78", // "x"
  );
  assert.deepEqual(types(packets), [
    "a>broker CONNECT",
    "broker>a CONNACK",
    "a>broker PUBLISH",
    "broker>a PUBACK",
    "a>broker PINGREQ",
    "broker>a PINGRESP",
    "a>broker DISCONNECT",
  ]);
  world.close();
});

Deno.test("no automatic ping: with keepalive 2 s the broker drops the client and sends its will", async () => {
  const got: string[] = [];
  const { world } = worldOf({
    quiet: async (mp) => {
      await join(mp);
      const c = new MQTTClient(mp, "quiet", "x", 0, null, null, 2);
      c.setLastWill("status/quiet", "offline");
      await c.connect();
      for (;;) await mp.time.sleep(10);
    },
    watcher: async (mp) => {
      await join(mp);
      const c = new MQTTClient(mp, "watcher", "x");
      c.setCallback((topic, msg) => void got.push(`${mp.str(topic)} ${mp.str(msg)}`));
      await c.connect();
      await c.subscribe("status/#");
      for (;;) {
        await c.checkMsg();
        await mp.time.sleepMs(100);
      }
    },
  });
  await world.runUntil(10_000_000);
  assert.deepEqual(got, ["b'status/quiet' b'offline'"]);
  world.close();
});

Deno.test("QoS 2 is refused as umqtt.simple does; a refused CONNECT raises MQTTException", async () => {
  const errors: string[] = [];
  const { world } = worldOf({
    a: async (mp) => {
      await join(mp);
      const c = new MQTTClient(mp, "a", "x");
      try {
        await c.connect();
      } catch (e) {
        errors.push(`${(e as Error).name} ${(e as MQTTException).code}`);
      }
    },
  }, { allowAnonymous: false });
  await world.runUntil(10_000_000);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /^MQTTException [45]$/);
  world.close();

  const { world: w2, lines } = worldOf({
    b: async (mp) => {
      await join(mp);
      const c = new MQTTClient(mp, "b", "x");
      await c.connect();
      await c.publish("t", "x", false, 2);
    },
  });
  await w2.runUntil(10_000_000);
  assert.deepEqual(lines.slice(-2), ["b: Traceback (most recent call last):", "b: AssertionError"]);
  w2.close();
});
