/**
 * End to end with `--seats 2`: two real MQTT.js clients log in as seat01 and seat02 and
 * publish into their trees; the Classroom view (key 7) shows both seats online with their
 * message counts, and seat01's page (`#seat=seat01`) lists seat01's PUBLISH, not seat02's.
 */
import assert from "node:assert/strict";
import mqtt from "mqtt";
import { artifactPath, launchBrowser } from "./support/browser.ts";
import { startPlayground } from "./support/playground_process.ts";

Deno.test({
  name: "classroom view: seats online with their messages; a seat's page lists only its own",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const playground = await startPlayground(["--seats", "2", "--paused", "--mqtt-port", "0"]);
    const browser = await launchBrowser();
    const clients: mqtt.MqttClient[] = [];
    try {
      const output = playground.output();
      const password = (seat: string) => {
        const row = new RegExp(`^\\s*\\d+\\s+${seat}\\s+(\\S+)\\s+class/${seat}/#`, "m")
          .exec(output);
        if (!row) throw new Error(`No ${seat} in the seat table:\n${output}`);
        return row[1];
      };
      const port = /mqtt:\/\/[^:\s]+:(\d+)/.exec(output)?.[1];
      if (!port) throw new Error(`No MQTT port in the output:\n${output}`);

      const page = await browser.newPage({
        viewport: { width: 1280, height: 720 },
        locale: "zh-CN",
      });
      await page.goto(playground.url + "#topology");
      await page.getByRole("tab", { name: "课堂" }).waitFor(); // seats exist: key 7 is there
      await page.keyboard.press("7");
      await page.getByTestId("seat-tile-seat01").waitFor();

      for (const seat of ["seat01", "seat02"]) {
        const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
          reconnectPeriod: 0,
          clientId: `${seat}-esp32`,
          username: seat,
          password: password(seat),
        });
        clients.push(client);
      }
      await clients[0].publishAsync("class/seat01/led", "on", { qos: 1 });
      await clients[0].publishAsync("class/seat01/temp", "21.5", { qos: 1 });
      await clients[1].publishAsync("class/seat02/led", "off", { qos: 1 });

      const tile = (seat: string) => page.getByTestId(`seat-tile-${seat}`);
      await page.locator('[data-testid="seat-tile-seat01"][data-online="true"]').waitFor();
      await page.locator('[data-testid="seat-tile-seat02"][data-online="true"]').waitFor();
      await tile("seat01").getByTestId("seat-messages").getByText("2", { exact: true }).waitFor();
      await tile("seat02").getByTestId("seat-messages").getByText("1", { exact: true }).waitFor();
      await tile("seat01").getByText("seat01-esp32").waitFor();
      await tile("seat01").getByTestId("seat-last").getByText("class/seat01/temp").waitFor();
      await page.getByTestId("classroom-online").getByText("2 / 2").waitFor();
      // Two activity samples (a second apart) draw the sparkline.
      await tile("seat01").locator(".sparkline polyline").waitFor({ state: "attached" });
      await page.screenshot({ path: await artifactPath("ui-classroom-zh.png") });

      // Clicking a tile opens the seat's page: the inspector's list, only seat01's packets.
      await tile("seat01").click();
      await page.waitForURL(/#seat=seat01$/);
      const list = page.getByTestId("packet-list");
      await list.getByText("class/seat01/led").first().waitFor();
      await list.getByText("class/seat01/temp").first().waitFor();
      await list.locator('[data-type="CONNECT"]').first().waitFor();
      assert.equal(await list.getByText("class/seat02/led").count(), 0);
      assert.equal(await list.getByText("seat02-esp32").count(), 0);

      // A student opens their page directly (a new page, in English).
      const student = await browser.newPage({
        viewport: { width: 1280, height: 720 },
        locale: "en-US",
      });
      await student.goto(playground.url + "#seat=seat01");
      await student.getByTestId("seat-tile-seat01").getByText("online").waitFor();
      const own = student.getByTestId("packet-list");
      await own.getByText("class/seat01/temp").first().waitFor();
      assert.equal(await own.getByText("class/seat02/led").count(), 0);
      const rows = await own.locator('[data-type="PUBLISH"]').allTextContents();
      assert(rows.length >= 2, `seat01's PUBLISH rows: ${rows.join(" | ")}`);
      assert(rows.every((r) => r.includes("class/seat01/")), rows.join(" | "));
      await student.getByTestId("seat-tile-seat01").getByTestId("seat-messages")
        .getByText("2", { exact: true }).waitFor();
      await student.screenshot({ path: await artifactPath("ui-seat-en.png") });

      // Leaving the seat's page leaves the inspector unfiltered.
      await student.keyboard.press("2");
      await student.getByTestId("packet-list").getByText("class/seat02/led").first().waitFor();
    } finally {
      for (const client of clients) await client.endAsync().catch(() => {});
      await browser.close();
      await playground.stop();
    }
  },
});
