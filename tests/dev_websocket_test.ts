/**
 * A real MQTT.js client over `/mqtt` (WebSocket, as MQTTX and the browser panels use it):
 * it talks to the world's boards and the broker panel shows where it comes from.
 */
import assert from "node:assert/strict";
import mqtt from "mqtt";
import type { BrokerView } from "../web/protocol.ts";
import { startPlayground } from "./support/playground_process.ts";

Deno.test({
  name: "an MQTT.js client over /mqtt hears the publisher board and shows its real address",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const playground = await startPlayground();
    const url = playground.url.replace("http://", "ws://") + "mqtt";
    const client = mqtt.connect(url, { clientId: "mqttx-student", protocolVersion: 5 });
    try {
      await new Promise<void>((resolve, reject) => {
        client.once("connect", () => resolve());
        client.once("error", reject);
      });
      await client.subscribeAsync("/public/pz_esp32/1");
      await fetch(new URL("/api/time", playground.url), {
        method: "POST",
        body: JSON.stringify({ action: "play", speed: 10 }),
      });
      const message = await new Promise<string>((resolve) =>
        client.once("message", (_topic, payload) => resolve(new TextDecoder().decode(payload)))
      );
      assert.equal(message, "Hello PRECHIN");
      const { broker }: { broker: BrokerView } = await fetch(new URL("/api/world", playground.url))
        .then((r) => r.json());
      const me = broker.clients.find((c) => c.clientId === "mqttx-student");
      assert.ok(me, JSON.stringify(broker.clients));
      assert.equal(me.transport, "ws");
      assert.equal(me.level, 5);
      assert.match(me.remoteAddress ?? "", /^127\.0\.0\.1:\d+$/);
    } finally {
      await client.endAsync();
      await playground.stop();
    }
  },
});
