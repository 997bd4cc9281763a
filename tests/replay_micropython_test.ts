/**
 * Record and replay with real MicroPython boards (one worker per board): a real client over
 * TCP, and a new main.py uploaded by the API. The quiet gate lets outside inputs in only
 * between the workers' runs, so the replay still gives the same packets, byte for byte.
 */
import assert from "node:assert/strict";
import mqtt from "mqtt";
import { serveTcp, type Timebase } from "../broker/mod.ts";
import { World } from "../devices/mod.ts";
import { parseSession, replaySession, SessionRecorder } from "../replay/mod.ts";
import { resolveScenario } from "../web/scenarios.ts";
import { worldPrograms } from "../web/world_programs.ts";
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
  "a MicroPython session with a real client and an uploaded main.py replays byte-identical",
  NO_SANITIZERS,
  async () => {
    const scenario = await resolveScenario("lesson-04");
    const programs = await worldPrograms();
    const recorder = new SessionRecorder({ wall: hostWall });
    const world = new World(scenario, {
      seed: 5,
      programs: programs.resolve,
      wallTimebase: recorder.wallTimebase,
    });
    recorder.follow(world, programs);
    world.start();
    const server = serveTcp(recorder.realClients(world.broker!), {
      hostname: "127.0.0.1",
      port: 0,
    });
    let pacing = true;
    const paced = (async () => {
      while (pacing) {
        await world.runUntil(world.clock.nowUs + STEP_US);
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    let client: mqtt.MqttClient | undefined;
    try {
      client = await mqtt.connectAsync(`mqtt://127.0.0.1:${server.port}`, {
        clientId: "mqttjs-real",
        protocolVersion: 4,
        reconnectPeriod: 0,
      });
      const got: string[] = [];
      client.on("message", (_topic, payload) => got.push(payload.toString()));
      await client.subscribeAsync(TOPIC);
      await until(() => got.includes("Hello PRECHIN"), "the publisher board", 20_000);
      await client.publishAsync(TOPIC, "hello from a real client");
      const source = Deno.readTextFileSync(
        new URL("../lessons/programs/textbook_publisher.py", import.meta.url),
      ).replace("Hello PRECHIN", "Hello REPLAY");
      const upload = await recorder.board("publisher", { action: "program", source });
      assert.deepEqual(upload, { ok: true });
      await until(() => got.includes("Hello REPLAY"), "the uploaded program's message", 20_000);
      await client.endAsync();
    } finally {
      pacing = false;
      await paced;
      server.close();
      if (client) client.end(true);
    }
    const file = parseSession(JSON.stringify(await recorder.session()));
    world.close();
    programs.close();
    assert.ok(file.inputs.some((i) => i.kind === "board" && i.action === "program"));

    const replay = await replaySession(file, { programs: worldPrograms });
    try {
      replay.check();
      assert.deepEqual(
        replay.packets.map((p) => [p.atUs, p.from, p.to, p.hex]),
        file.packets.map((p) => [p.atUs, p.from, p.to, p.hex]),
      );
    } finally {
      replay.close();
    }
  },
);
