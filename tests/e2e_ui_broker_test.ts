/**
 * End to end: the broker panel draws what the server's `broker` and `broker-event`
 * messages say — clients, retained messages, wills, $SYS sparklines and an ACL refusal
 * with the rule that refused — routed into the page as the server would send them.
 */
import type { BrokerView } from "../web/protocol.ts";
import { artifactPath, launchBrowser } from "./support/browser.ts";
import { startPlayground } from "./support/playground_process.ts";
import { routeFakeWorld } from "./support/ui_fake_world.ts";

Deno.test({
  name: "broker panel: clients, retained, wills, live metrics and an ACL refusal with its rule",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const playground = await startPlayground(["--paused", "--mqtt-port", "0"]);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 720 },
        locale: "zh-CN",
      });
      const fake = await routeFakeWorld(page);
      await page.goto(playground.url + "#broker");
      await page.locator("[data-metric]").first().waitFor();
      const broker = (received: number): BrokerView => ({
        atUs: received * 1_000_000,
        clients: [
          {
            clientId: "esp32_client_001",
            connected: true,
            transport: "virtual",
            remoteAddress: "192.168.1.100:49152",
            username: "esp32_client_001",
            level: 4,
            keepaliveS: 60,
            subscriptions: [{ filter: "esp32/publish", qos: 0 }],
            inflight: 0,
            queued: 0,
            node: "board:esp32",
          },
          {
            clientId: "mqttx-class",
            connected: false,
            transport: "ws",
            level: 5,
            keepaliveS: 30,
            subscriptions: [{ filter: "esp32/#", qos: 1 }],
            inflight: 0,
            queued: 3,
            node: "client:mqttx-class",
          },
        ],
        retained: [{ topic: "esp32/status", payloadText: "online", qos: 1 }],
        wills: [{
          clientId: "esp32_client_001",
          topic: "esp32/status",
          qos: 1,
          retain: true,
          delayS: 0,
        }],
        metrics: {
          "clients/connected": "1",
          "messages/received": String(received * 3),
          "messages/sent": String(received * 2),
          "bytes/received": String(received * 70),
          "bytes/sent": String(received * 50),
          "subscriptions/count": "2",
          "retained messages/count": "1",
          "publish/messages/dropped": "0",
        },
        endpoints: { tcp: "mqtt://127.0.0.1:1883", ws: "/mqtt" },
      });
      for (let i = 1; i <= 12; i++) {
        fake.send({ kind: "broker", broker: broker(i * i) });
        await page.waitForTimeout(30);
      }
      fake.send({
        kind: "broker-event",
        event: {
          type: "acl-refused",
          atUs: 12_000_000,
          clientId: "mqttx-class",
          action: "publish",
          topic: "esp32/admin",
          rule: "deny mqttx-class publish esp32/admin",
          text: "ACL refused publish to esp32/admin by mqttx-class",
        },
      });
      await page.locator('tr[data-client="esp32_client_001"]').getByText("esp32/publish (QoS 0)")
        .waitFor();
      await page.locator('tr[data-client="mqttx-class"]').getByText("未连接").waitFor();
      await page.getByText("esp32/status").first().waitFor();
      await page.locator(".events li.refused").getByText("deny mqttx-class publish esp32/admin")
        .waitFor();
      await page.locator('[data-metric="messages/received"] polyline').waitFor();
      await page.locator('[data-metric="messages/received"] .metric-value').getByText("432")
        .waitFor();
      await page.screenshot({ path: await artifactPath("ui-broker-acl-zh.png") });
    } finally {
      await browser.close();
      await playground.stop();
    }
  },
});
