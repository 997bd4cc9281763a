/**
 * End to end against the real world: main.ts with its scenarios, broker and `/mqtt`,
 * driven from headless Chromium as a class would. Screenshots of every view go to
 * test-artifacts/ (ui-*.png).
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { artifactPath, launchBrowser } from "./support/browser.ts";
import { startPlayground } from "./support/playground_process.ts";

const opts = { sanitizeResources: false, sanitizeOps: false };
const VIEWPORT = { width: 1280, height: 720 };

async function view(page: Page, key: string): Promise<void> {
  await page.locator("body").click({ position: { x: 5, y: 700 } }).catch(() => {});
  await page.keyboard.press(key);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: await artifactPath(name) });
}

/** Records every change of a board's LED in the page, so a blink cannot slip between polls. */
async function watchLed(page: Page, board: string): Promise<void> {
  await page.evaluate((name) => {
    const w = globalThis as unknown as { ledLog: Record<string, string[]> };
    w.ledLog ??= {};
    w.ledLog[name] = [];
    const seen = () => {
      const led = document.querySelector(`[data-testid=board-${name}]`)?.getAttribute("data-led");
      const log = w.ledLog[name];
      if (led && log[log.length - 1] !== led) log.push(led);
    };
    new MutationObserver(seen).observe(document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ["data-led"],
      childList: true,
    });
    seen();
  }, board);
}

Deno.test({
  name: "textbook scenario: the publisher's LED blinks while joining WiFi and PUBLISH rows appear",
  ...opts,
  fn: async () => {
    const playground = await startPlayground(["--paused", "--mqtt-port", "0"]);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: VIEWPORT, locale: "zh-CN" });
      await page.goto(playground.url + "#boards");
      await page.getByTestId("board-publisher").waitFor();
      await watchLed(page, "publisher");
      await page.keyboard.press("Space"); // play
      // The textbook blinks GPIO15 every 300 ms while WiFi joins: on, off, on...
      await page.waitForFunction(
        () => {
          const log = (globalThis as unknown as { ledLog: Record<string, string[]> }).ledLog
            .publisher;
          return log.filter((v) => v === "on").length >= 1 && log.includes("off") &&
            log.indexOf("on") < log.lastIndexOf("off");
        },
        undefined,
        { timeout: 20_000 },
      );
      await page.getByTestId("console-subscriber").getByText("Hello PRECHIN").first().waitFor({
        timeout: 20_000,
      });
      await shot(page, "ui-boards-zh.png");

      // The program editor is its own chunk, fetched only when a program is opened.
      const scripts: string[] = [];
      page.on("request", (r) => {
        if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
      });
      await page.getByTestId("board-publisher").getByRole("button", { name: /程序 main.py/ })
        .click();
      await page.locator("[data-testid=program-editor] .cm-editor").waitFor();
      // CodeMirror draws only the lines in view: the textbook's imports are at the top.
      await page.locator(".cm-line", { hasText: "from simple import MQTTClient" }).waitFor();
      assert.ok(
        scripts.some((path) => path.startsWith("/assets/") && path !== "/assets/main.js"),
        `the editor chunk loads on demand (scripts fetched: ${scripts.join(", ")})`,
      );
      await shot(page, "ui-boards-editor-zh.png");

      await view(page, "2");
      await page.locator(".prow[data-type=PUBLISH]").first().waitFor();
      const publishRows = await page.locator(".prow[data-type=PUBLISH]").count();
      assert.ok(publishRows >= 1, "PUBLISH rows in the inspector");
      // Select a PUBLISH from the publisher and its topic: the hex view lights the topic.
      await page.getByTestId("filter-type").selectOption("PUBLISH");
      await page.locator(".prow[data-type=PUBLISH]").first().click();
      await page.locator('[data-name="variableHeader.topic"]').click();
      const ascii = await page.locator(".hex-ascii .byte.hl").allTextContents();
      assert.equal(ascii.join("").slice(2), "/public/pz_esp32/1");
      await shot(page, "ui-packets-zh.png");

      await view(page, "1");
      // Tokens move along the wires while the world runs.
      await page.waitForFunction(
        () => Number(document.querySelector(".tokens")?.getAttribute("data-tokens")) > 0,
        undefined,
        { timeout: 10_000 },
      );
      await shot(page, "ui-topology-zh.png");
      // Tokens move in virtual time: paused, they hold still.
      await page.keyboard.press("Space");
      await page.getByText("已暂停").waitFor();
      await page.waitForTimeout(300);
      const tokenPlaces = () =>
        page.locator(".tokens .token").evaluateAll((els) =>
          els.filter((el) => (el as SVGElement).style.display !== "none")
            .map((el) => el.getAttribute("transform"))
        );
      const before = await tokenPlaces();
      await page.waitForTimeout(500);
      assert.deepEqual(await tokenPlaces(), before);
      await page.keyboard.press("Space");

      await view(page, "6");
      await page.locator('tr[data-client="PZ-ESP32"]').waitFor();
      await shot(page, "ui-broker-zh.png");
    } finally {
      await browser.close();
      await playground.stop();
    }
  },
});

Deno.test({
  name:
    "phone switch publishes 'on' (seen in the packet list) and turns the LED-switch board's LED on",
  ...opts,
  fn: async () => {
    const playground = await startPlayground([
      "--scenario",
      "phone-led-switch",
      "--mqtt-port",
      "0",
    ]);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: VIEWPORT, locale: "en-US" });
      await page.goto(playground.url + "#boards");
      // The scenario's own phone toggles the LED every 3 s: power it off first.
      const virtualPhone = page.getByTestId("board-phone");
      await virtualPhone.getByRole("button", { name: /Power off/ }).click();
      await virtualPhone.getByText("Off", { exact: true }).waitFor();
      const esp32 = page.getByTestId("board-esp32");
      await esp32.getByText("network information").first().waitFor({ timeout: 20_000 })
        .catch(() => {}); // printed before the page opened, perhaps
      await page.waitForFunction(
        () =>
          document.querySelector("[data-testid=board-esp32]")?.getAttribute("data-led") === "off",
        undefined,
        { timeout: 20_000 },
      );

      await view(page, "4");
      await page.getByTestId("phone").getByText("Connected").waitFor();
      const ledSwitch = page.getByRole("switch", { name: "LED" });
      if ((await ledSwitch.getAttribute("aria-checked")) === "true") await ledSwitch.click();
      await ledSwitch.click();
      assert.equal(await ledSwitch.getAttribute("aria-checked"), "true");
      await page.getByTestId("widget-esp32/publish").getByText("on", { exact: true }).waitFor();
      await shot(page, "ui-phone-en.png");

      await view(page, "3");
      await page.waitForFunction(
        () =>
          document.querySelector("[data-testid=board-esp32]")?.getAttribute("data-led") === "on",
        undefined,
        { timeout: 15_000 },
      );
      await shot(page, "ui-boards-led-on-en.png");

      await view(page, "2");
      await page.getByTestId("filter-topic").fill("esp32/publish");
      const phoneRow = page.locator(".prow[data-type=PUBLISH]").filter({ hasText: '"on"' })
        .filter({ hasText: "iot-onoff-" });
      await phoneRow.first().waitFor();
      await shot(page, "ui-packets-phone-en.png");

      await view(page, "1");
      await page.locator('[data-node^="client:iot-onoff-"]').waitFor();
      await shot(page, "ui-topology-phone-en.png");
    } finally {
      await browser.close();
      await playground.stop();
    }
  },
});

Deno.test({
  name:
    "client panel: a subscription receives what the same panel publishes, and a board gets it too",
  ...opts,
  fn: async () => {
    const playground = await startPlayground(["--mqtt-port", "0"]);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: VIEWPORT, locale: "zh-CN" });
      await page.goto(playground.url + "#client");
      await page.getByTestId("cp-client-id").fill("mqttx-class");
      await page.getByTestId("cp-connect").click();
      await page.locator(".client-panel").getByText("已连接").first().waitFor();
      await page.getByTestId("cp-sub-filter").fill("/public/#");
      await page.getByTestId("cp-subscribe").click();
      await page.getByTestId("cp-messages-/public/#").waitFor();
      await page.getByTestId("cp-pub-topic").fill("/public/pz_esp32/1");
      await page.getByTestId("cp-pub-payload").fill("来自 MQTTX");
      await page.getByTestId("cp-publish").click();
      await page.getByTestId("cp-messages-/public/#").getByText("来自 MQTTX").waitFor();
      await shot(page, "ui-client-zh.png");

      // The textbook's subscriber board gets it too and prints it on its serial console
      // (MicroPython prints bytes, so ASCII reads back as written).
      await page.getByTestId("cp-pub-payload").fill("hello from MQTTX");
      await page.getByTestId("cp-publish").click();
      await view(page, "3");
      await page.getByTestId("console-subscriber").getByText("msg: b'hello from MQTTX'").first()
        .waitFor({ timeout: 20_000 });
      await shot(page, "ui-boards-subscriber-got-mqttx-zh.png");
    } finally {
      await browser.close();
      await playground.stop();
    }
  },
});

Deno.test({
  name: "language switch: every view reads in Chinese, then English, and the choice is remembered",
  ...opts,
  fn: async () => {
    const playground = await startPlayground(["--paused", "--mqtt-port", "0"]);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: VIEWPORT, locale: "zh-CN" });
      await page.goto(playground.url);
      const tabs = page.getByRole("tablist");
      for (const name of ["拓扑", "数据包", "开发板", "手机", "客户端", "代理服务器"]) {
        await tabs.getByRole("tab", { name: new RegExp(name) }).waitFor();
      }
      await page.getByRole("radio", { name: "English" }).click();
      for (const name of ["Topology", "Packets", "Boards", "Phone", "Client", "Broker"]) {
        await tabs.getByRole("tab", { name: new RegExp(name) }).waitFor();
      }
      await view(page, "5");
      await page.getByRole("button", { name: "Subscribe" }).waitFor();
      await shot(page, "ui-client-en.png");
      await page.reload();
      await page.getByRole("tab", { name: /Client/, selected: true }).waitFor();
      await page.getByRole("radio", { name: "中文" }).click();
      await page.getByRole("button", { name: "订阅" }).waitFor();
      await view(page, "4");
      await page.getByText("手机客户端（IoT OnOff）").waitFor();
      await shot(page, "ui-phone-zh.png");
    } finally {
      await browser.close();
      await playground.stop();
    }
  },
});

Deno.test({
  name: "MicroPython board: the REPL lights the LED, and Run uploads the edited main.py",
  ...opts,
  fn: async () => {
    const playground = await startPlayground(["--scenario", "lesson-01", "--mqtt-port", "0"]);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: VIEWPORT, locale: "zh-CN" });
      await page.goto(playground.url + "#boards");
      // The textbook's main.py ends after starting its timer: the board sits at >>>.
      const repl = page.getByTestId("repl-publisher");
      await repl.waitFor({ timeout: 30_000 });
      await repl.fill("led1.value(1)");
      await repl.press("Enter");
      await page.waitForFunction(
        () =>
          document.querySelector("[data-testid=board-publisher]")?.getAttribute("data-led") ===
            "on",
        undefined,
        { timeout: 15_000 },
      );

      const board = page.getByTestId("board-publisher");
      await board.getByRole("button", { name: /程序 main.py/ }).click();
      // The editor opens on the board's own main.py, then takes a new one.
      await page.locator(".cm-line", { hasText: "from simple import MQTTClient" }).waitFor();
      await page.locator(".cm-content").click();
      await page.keyboard.press("Control+A");
      await page.keyboard.type('print("hello from the editor")');
      await board.getByRole("button", { name: /运行/ }).click();
      await page.getByTestId("console-publisher").getByText("hello from the editor").last()
        .waitFor({ timeout: 20_000 });
      await shot(page, "ui-boards-micropython-zh.png");
    } finally {
      await browser.close();
      await playground.stop();
    }
  },
});
