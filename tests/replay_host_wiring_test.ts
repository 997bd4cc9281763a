/**
 * The wiring the host will use, end to end without web/ changes: a Playground whose
 * broker judges real sockets through the SessionRecorder's wall timebase, the recorder and
 * the Persistence following every world (restores go through the recorder), the TCP
 * listener serving `recorder.realClients(broker)`, the pacer driving the clock. A real
 * client (MQTT.js over TCP) leaves a retained message and a persistent session; the host
 * "restarts" (new Playground, same data folder) and both are back; the second run's
 * session, restore included, replays byte-identical.
 */
import assert from "node:assert/strict";
import mqtt from "mqtt";
import type { Timebase } from "../broker/mod.ts";
import { Persistence } from "../persist/mod.ts";
import { replaySession, SessionRecorder } from "../replay/mod.ts";
import { Pacer } from "../web/pacer.ts";
import { Playground } from "../web/playground.ts";
import { resolveScenario } from "../web/scenarios.ts";
import { FollowingTcpListener } from "../web/tcp_listener.ts";
import { NO_SANITIZERS, until } from "./broker_peers.ts";

const hostWall: Timebase = {
  nowUs: () => Math.round(performance.now() * 1_000),
  after: (delayUs, callback) => {
    const id = setTimeout(callback, delayUs / 1_000);
    return { cancel: () => clearTimeout(id) };
  },
};

/** startHost() in small: what the lead wires into web/host.ts. */
async function startTestHost(dataDir: string) {
  const recorder = new SessionRecorder({ wall: hostWall });
  const persistence = await Persistence.open(dataDir, { debounceMs: 50 });
  const playground = await Playground.create({
    scenario: await resolveScenario("textbook-pubsub"),
    wallTimebase: recorder.wallTimebase,
  });
  const follow = () => {
    recorder.follow(playground.world, playground.programs);
    persistence.follow(playground.world, playground.programs, recorder);
  };
  follow();
  playground.onWorld(follow);
  const tcp = new FollowingTcpListener("127.0.0.1", 0);
  const followBroker = () => {
    const broker = playground.broker;
    tcp.follow(broker && recorder.realClients(broker));
  };
  followBroker();
  playground.onWorld(followBroker);
  const pacer = new Pacer(playground, { nowMs: () => performance.now() });
  const ticker = setInterval(() => pacer.tick(), 5);
  pacer.play(10);
  return {
    recorder,
    persistence,
    playground,
    mqttUrl: `mqtt://127.0.0.1:${tcp.port}`,
    async shutdown() {
      clearInterval(ticker);
      pacer.pause();
      await persistence.close(); // the last save
      tcp.close();
      playground.close();
    },
  };
}

Deno.test(
  "host wiring: retained + persistent session survive a restart, and the run replays exactly",
  NO_SANITIZERS,
  async () => {
    const dataDir = await Deno.makeTempDir();
    try {
      const first = await startTestHost(dataDir);
      const phone = await mqtt.connectAsync(first.mqttUrl, {
        clientId: "phone",
        clean: false,
        protocolVersion: 4,
        reconnectPeriod: 0,
      });
      await phone.subscribeAsync("led/#", { qos: 1 });
      await phone.publishAsync("led/status", "on", { qos: 1, retain: true });
      await phone.endAsync();
      await until(
        () =>
          first.playground.broker!.snapshot().clients.some((c) =>
            c.clientId === "phone" && !c.connected
          ),
        "the phone to leave",
      );
      await first.shutdown();

      const second = await startTestHost(dataDir);
      const snap = second.playground.broker!.snapshot();
      assert.deepEqual(
        snap.retained.map((m) => [m.topic, new TextDecoder().decode(m.payload)]),
        [["led/status", "on"]],
      );
      assert.deepEqual(
        snap.clients.filter((c) => c.clientId === "phone").map((c) => c.subscriptions[0]?.filter),
        ["led/#"],
      );
      const back = await mqtt.connectAsync(second.mqttUrl, {
        clientId: "phone",
        clean: false,
        protocolVersion: 4,
        reconnectPeriod: 0,
      });
      const got: string[] = [];
      back.on("message", (topic, payload) => got.push(`${topic}=${payload}`));
      const teacher = await mqtt.connectAsync(second.mqttUrl, {
        clientId: "teacher",
        protocolVersion: 4,
        reconnectPeriod: 0,
      });
      await teacher.publishAsync("led/1", "off", { qos: 1 });
      await until(() => got.includes("led/1=off"), "the persistent subscription to deliver");
      await back.endAsync();
      await teacher.endAsync();
      const file = await second.recorder.session();
      await second.shutdown();

      assert.equal(
        file.inputs[0].kind,
        "broker-state",
        "the restore is the recording's first input",
      );
      const replay = await replaySession(JSON.stringify(file));
      try {
        replay.check();
        assert.deepEqual(replay.packets, file.packets);
      } finally {
        replay.close();
      }
    } finally {
      await Deno.remove(dataDir, { recursive: true });
    }
  },
);
