/**
 * The browser's MQTT client (web/ui/mqtt/client.ts) against the real broker over the
 * playground's `/mqtt` WebSocket: Deno has the same WebSocket the page has.
 */
import assert from "node:assert/strict";
import { startPlayground } from "./support/playground_process.ts";
import { type Message, MqttClient } from "../web/ui/mqtt/client.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };

function nextMessage(client: MqttClient): Promise<Message> {
  return new Promise((resolve) => {
    const off = client.onMessage((m) => {
      off();
      resolve(m);
    });
  });
}

for (const level of [4, 5] as const) {
  Deno.test({
    name: `mqtt client (level ${level}) publishes QoS 0, 1 and 2 and receives each on a wildcard`,
    ...opts,
    fn: async () => {
      const playground = await startPlayground(["--paused", "--mqtt-port", "0"]);
      const url = new URL("/mqtt", playground.url);
      url.protocol = "ws:";
      const client = new MqttClient({
        url: url.href,
        clientId: `ui-test-${level}`,
        level,
        keepaliveS: 2,
      });
      try {
        const ack = await client.connect();
        assert.equal(ack.reasonCode, 0);
        assert.equal(client.state, "connected");
        assert.deepEqual(await client.subscribe("class/+/led", 2), [2]);
        for (const qos of [0, 1, 2] as const) {
          const got = nextMessage(client);
          await client.publish("class/esp32/led", `on ${qos}`, { qos });
          const m = await got;
          assert.equal(m.topic, "class/esp32/led");
          assert.equal(new TextDecoder().decode(m.payload), `on ${qos}`);
          assert.equal(m.qos, qos);
        }
        // Keep-alive: idle for longer than the keep-alive, still connected (pings sent).
        await new Promise((r) => setTimeout(r, 3_500));
        assert.equal(client.state, "connected");
        await client.unsubscribe("class/+/led");
      } finally {
        client.disconnect();
        await playground.stop();
      }
    },
  });
}
