/**
 * End to end: the broker panel on the real broker, set up as in the blog's EMQX:
 * users with passwords and an ACL (`--config`). Real MQTT.js clients log in, leave
 * a retained message and a will, and one is refused by a rule the panel names.
 */
import assert from "node:assert/strict";
import mqtt from "mqtt";
import { hashPassword } from "../broker/mod.ts";
import { artifactPath, launchBrowser } from "./support/browser.ts";
import { startPlayground } from "./support/playground_process.ts";

async function writeConfig(): Promise<string> {
  const salt = new Uint8Array(16).fill(7);
  const config = {
    users: [
      // The blog's board logs in with its client id as user name.
      { username: "esp32_client_001", passwordHash: await hashPassword("xxxxxx", salt, 1000) },
      { username: "mqttx", passwordHash: await hashPassword("mqttx-pass", salt, 1000) },
    ],
    acl: {
      default: "allow",
      rules: [{
        permission: "deny",
        username: "mqttx",
        action: "publish",
        topics: ["esp32/admin"],
      }],
    },
  };
  const file = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(file, JSON.stringify(config));
  return file;
}

const connected = (client: mqtt.MqttClient) =>
  new Promise<void>((resolve, reject) => {
    client.once("connect", () => resolve());
    client.once("error", reject);
  });

Deno.test({
  name:
    "broker panel: real logins, a retained message, a will, live metrics and an ACL refusal with its rule",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const config = await writeConfig();
    const playground = await startPlayground(["--paused", "--config", config]);
    const browser = await launchBrowser();
    const port = Number(/mqtt:\/\/127\.0\.0\.1:(\d+)/.exec(playground.output())![1]);
    const esp32 = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
      clientId: "esp32_client_001",
      username: "esp32_client_001",
      password: "xxxxxx",
      will: {
        topic: "esp32/status",
        payload: "offline",
        qos: 1,
        retain: true,
      },
    });
    const mqttx = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
      clientId: "mqttx-class",
      username: "mqttx",
      password: "mqttx-pass",
      protocolVersion: 5,
    });
    try {
      await Promise.all([connected(esp32), connected(mqttx)]);
      await esp32.subscribeAsync("esp32/publish");
      await esp32.publishAsync("esp32/status", "online", { qos: 1, retain: true });
      await mqttx.subscribeAsync("esp32/#", { qos: 1 });
      // Refused by the rule: under MQTT 5 the PUBACK says 0x87 (not authorized).
      const refused = await mqttx.publishAsync("esp32/admin", "reboot", { qos: 1 })
        .then(
          (packet) => (packet as { reasonCode?: number } | undefined)?.reasonCode,
          (err) => (err as { code?: number }).code,
        );
      assert.equal(refused, 0x87);

      const page = await browser.newPage({
        viewport: { width: 1280, height: 720 },
        locale: "zh-CN",
      });
      await page.goto(playground.url + "#broker");
      await page.locator('tr[data-client="esp32_client_001"]').getByText("esp32/publish (QoS 0)")
        .waitFor();
      await page.locator('tr[data-client="mqttx-class"]').getByText("esp32/# (QoS 1)").waitFor();
      await page.getByText("esp32/status").first().waitFor(); // retained and the will
      // The refusal happened before the page opened; a second one shows live with its rule.
      await mqttx.publishAsync("esp32/admin", "reboot again", { qos: 1 }).catch(() => {});
      await page.locator(".events li.refused").getByText(/deny.*esp32\/admin/).waitFor();
      await page.locator('[data-metric="messages/received"] polyline').waitFor();
      await mqttx.endAsync();
      await page.locator('tr[data-client="mqttx-class"]').waitFor({ state: "detached" });
      await page.screenshot({ path: await artifactPath("ui-broker-acl-zh.png") });
    } finally {
      await esp32.endAsync(true);
      await mqttx.endAsync(true);
      await browser.close();
      await playground.stop();
      await Deno.remove(config);
    }
  },
});
