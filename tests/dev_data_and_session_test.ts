/**
 * `deno task dev --data DIR`: what a real client left (a retained message) and a
 * student's lesson progress survive a restart; the session recording can be
 * downloaded, and played back with --replay, where the world takes no live input.
 */
import assert from "node:assert/strict";
import mqtt from "mqtt";
import type { BrokerView } from "../web/protocol.ts";
import { post } from "./support/playground_api.ts";
import { startPlayground } from "./support/playground_process.ts";

const mqttPort = (output: string) => Number(/mqtt:\/\/127\.0\.0\.1:(\d+)/.exec(output)![1]);
const world = async (url: string): Promise<{ broker: BrokerView }> =>
  await fetch(new URL("/api/world", url)).then((r) => r.json());

Deno.test({
  name: "dev --data keeps retained messages and lesson progress across a restart; sessions replay",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const dataDir = await Deno.makeTempDir();
    const sessionFile = `${dataDir}/lesson.session.json`;
    try {
      const first = await startPlayground(["--data", dataDir, "--scenario", "textbook-pubsub"]);
      try {
        const phone = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort(first.output())}`, {
          clientId: "phone",
          reconnectPeriod: 0,
        });
        await phone.publishAsync("esp32/status", "on", { qos: 1, retain: true });
        await phone.endAsync();
        const progress = await fetch(new URL("/api/progress/01-what-is-mqtt", first.url), {
          method: "PUT",
          body: JSON.stringify({ done: ["watch-topology"] }),
        });
        assert.equal(progress.status, 200, await progress.text());
        await post(first.url, "/api/boards/publisher/soft-reset");
        const session = await fetch(new URL("/api/session.json", first.url)).then((r) => r.json());
        assert.equal(session.format, "mqtt-playground-session");
        const kinds = new Set(session.inputs.map((i: { kind: string }) => i.kind));
        assert.ok(
          kinds.has("connect") && kinds.has("data") && kinds.has("board"),
          [...kinds].join(),
        );
        await Deno.writeTextFile(sessionFile, JSON.stringify(session));
      } finally {
        await first.stop(); // SIGTERM: the host saves before it goes
      }

      const second = await startPlayground(["--data", dataDir, "--scenario", "textbook-pubsub"]);
      try {
        const { broker } = await world(second.url);
        assert.deepEqual(
          broker.retained.filter((r) => !r.topic.startsWith("$")).map((
            r,
          ) => [r.topic, r.payloadText]),
          [["esp32/status", "on"]],
        );
        const saved = await fetch(new URL("/api/progress/01-what-is-mqtt", second.url))
          .then((r) => r.json());
        assert.deepEqual(saved, { done: ["watch-topology"] });
      } finally {
        await second.stop();
      }

      const replay = await startPlayground(["--replay", sessionFile]);
      try {
        assert.match(replay.output(), /Replaying .*lesson\.session\.json: \d+ inputs/);
        const refused = await fetch(new URL("/api/boards/publisher/soft-reset", replay.url), {
          method: "POST",
        });
        assert.equal(refused.status, 409);
        assert.match((await refused.json()).error, /recorded session is playing/);
      } finally {
        await replay.stop();
      }
    } finally {
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
