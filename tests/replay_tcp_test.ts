/**
 * Record and replay with a real client over real TCP: the textbook pair runs paced against
 * the wall, MQTT.js connects to the world's broker through the recorder, subscribes and
 * publishes to the boards' topic, the teacher resets the publisher by the API; the session
 * replayed headless gives the same packets, byte for byte and microsecond for microsecond.
 */
import assert from "node:assert/strict";
import mqtt from "mqtt";
import { serveTcp, type Timebase } from "../broker/mod.ts";
import { TEXTBOOK_PUBSUB, World } from "../devices/mod.ts";
import { parseSession, replaySession, SessionRecorder } from "../replay/mod.ts";
import { NO_SANITIZERS, until } from "./broker_peers.ts";

const TOPIC = "/public/pz_esp32/1";
const STEP_US = 20_000;

const hostWall: Timebase = {
  nowUs: () => Math.round(performance.now() * 1_000),
  after: (delayUs, callback) => {
    const id = setTimeout(callback, delayUs / 1_000);
    return { cancel: () => clearTimeout(id) };
  },
};

Deno.test(
  "a session with MQTT.js over TCP and a soft reset by the API replays byte-identical",
  NO_SANITIZERS,
  async () => {
    const recorder = new SessionRecorder({ wall: hostWall });
    const world = new World(TEXTBOOK_PUBSUB, { seed: 3, wallTimebase: recorder.wallTimebase });
    recorder.follow(world);
    world.start();
    const server = serveTcp(recorder.realClients(world.broker!), {
      hostname: "127.0.0.1",
      port: 0,
    });
    // The host's pacer in small: 20 ms of virtual time per 2 ms of wall time.
    let pacing = true;
    const paced = (async () => {
      while (pacing) {
        await world.runUntil(world.clock.nowUs + STEP_US);
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    let client: mqtt.MqttClient | undefined;
    try {
      // the subscriber board is connected by ~10 s of virtual time
      await until(() => world.clock.nowUs > 10_000_000, "the boards to connect", 10_000);
      client = await mqtt.connectAsync(`mqtt://127.0.0.1:${server.port}`, {
        clientId: "mqttjs-real",
        protocolVersion: 4,
        reconnectPeriod: 0,
      });
      const got: string[] = [];
      client.on("message", (_topic, payload) => got.push(payload.toString()));
      await client.subscribeAsync(TOPIC);
      await client.publishAsync(TOPIC, "hello from a real client");
      await until(() => got.includes("hello from a real client"), "the echo");
      const reset = await recorder.board("publisher", { action: "soft-reset" });
      assert.deepEqual(reset, { ok: true });
      const atReset = world.clock.nowUs;
      await until(() => world.clock.nowUs > atReset + 8_000_000, "the publisher to come back");
      got.length = 0;
      await until(() => got.includes("Hello PRECHIN"), "the publisher's message after its reset");
      await client.endAsync();
      await until(
        () => world.broker!.snapshot().clients.every((c) => c.clientId !== "mqttjs-real"),
        "the real client to leave",
      );
    } finally {
      pacing = false;
      await paced;
      server.close();
      if (client) client.end(true);
    }
    const file = parseSession(JSON.stringify(await recorder.session()));
    world.close();

    const kinds = new Set(file.inputs.map((i) => i.kind));
    assert.ok(kinds.has("connect") && kinds.has("data") && kinds.has("board"), [...kinds].join());
    const real = file.packets.filter((p) => p.clientId === "mqttjs-real" && p.from !== "broker");
    assert.ok(real.some((p) => p.hex.startsWith("30")), "the real client's PUBLISH is in the log");

    const replay = await replaySession(file);
    try {
      replay.check();
      assert.equal(replay.packets.length, file.packets.length);
      assert.deepEqual(
        replay.packets.map((p) => [p.atUs, p.from, p.to, p.hex]),
        file.packets.map((p) => [p.atUs, p.from, p.to, p.hex]),
      );
    } finally {
      replay.close();
    }
  },
);
