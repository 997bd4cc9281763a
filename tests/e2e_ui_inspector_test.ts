/**
 * End to end: the packet inspector in headless Chromium, on the real world: the textbook
 * boards' packets through the real broker, `/events` and the packet API.
 */
import assert from "node:assert/strict";
import type { PacketRow } from "../web/protocol.ts";
import { artifactPath, launchBrowser } from "./support/browser.ts";
import { packetDetail, packets, post, runUntil } from "./support/playground_api.ts";
import { startPlayground } from "./support/playground_process.ts";

/** The textbook world run until the publisher has published `n` times, then paused. */
const publishes = (n: number) => (rows: PacketRow[]) =>
  rows.filter((r) => r.type === "PUBLISH" && r.peer === "board:publisher").length >= n;

const opts = { sanitizeResources: false, sanitizeOps: false };

Deno.test({
  name: "inspector: selecting a PUBLISH's topic field highlights exactly the topic's bytes",
  ...opts,
  fn: async () => {
    const playground = await startPlayground(["--paused", "--mqtt-port", "0"]);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 720 },
        locale: "en-US",
      });
      const rows = await runUntil(playground.url, publishes(4));
      await page.goto(playground.url + "#packets");
      await page.locator(".prow[data-type=PUBLISH]").first().waitFor();

      // The list follows the newest rows; stop following and go to the top so rows hold still.
      await page.locator(".follow input").uncheck();
      await page.getByTestId("packet-list").evaluate((el) => (el.scrollTop = 0));
      await page.locator('.prow[data-seq="1"]').waitFor();
      const seq = Number(
        await page.locator(".prow[data-type=PUBLISH]").first().getAttribute("data-seq"),
      );
      assert.ok(rows.some((r) => r.seq === seq));
      const publish = await packetDetail(playground.url, seq);
      await page.locator(`.prow[data-seq="${publish.row.seq}"]`).click();
      await page.getByTestId("packet-detail").waitFor();

      const topic = publish.fields
        .flatMap((f) => [f, ...(f.children ?? [])])
        .find((f) => f.name === "variableHeader.topic")!;
      await page.locator('[data-name="variableHeader.topic"]').click();
      const highlighted = await page.locator(".hex-bytes .byte.hl").evaluateAll((els) =>
        els.map((el) => Number(el.getAttribute("data-offset")))
      );
      const expected = Array.from({ length: topic.end - topic.start }, (_, i) => topic.start + i);
      assert.deepEqual(highlighted, expected);
      // The ASCII column highlights the same bytes, which spell the topic.
      const ascii = await page.locator(".hex-ascii .byte.hl").allTextContents();
      assert.equal(ascii.join("").slice(2), "/public/pz_esp32/1");
      await page.getByTestId("field-explain").getByText("§3.3.2.1").waitFor();
      await page.screenshot({ path: await artifactPath("ui-inspector-topic-en.png") });

      // Clicking a payload byte selects the payload field.
      const payload = publish.fields.find((f) => f.name === "payload")!;
      await page.locator(`.hex-bytes .byte[data-offset="${payload.start + 2}"]`).click();
      await page.locator('.field.selected[data-name="payload"]').waitFor();
      assert.equal(
        await page.locator(".hex-bytes .byte.hl").count(),
        payload.end - payload.start,
      );

      // Clicking the first byte selects the packet type bits and shows the 8 bits.
      await page.locator('.hex-bytes .byte[data-offset="0"]').click();
      await page.locator('.field.selected[data-name="fixedHeader.packetType"]').waitFor();
      await page.getByTestId("bit-view").waitFor();

      // Down arrow in the list moves to the next packet.
      await page.getByTestId("packet-list").focus();
      await page.keyboard.press("ArrowDown");
      await page.locator(`[data-testid=packet-detail][data-seq="${publish.row.seq + 1}"]`)
        .waitFor();
    } finally {
      await browser.close();
      await playground.stop();
    }
  },
});

Deno.test({
  name: "inspector: filters by type and topic narrow the list",
  ...opts,
  fn: async () => {
    const playground = await startPlayground(["--paused", "--mqtt-port", "0"]);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 720 },
        locale: "zh-CN",
      });
      const rows = await runUntil(playground.url, publishes(5));
      const publishRows = rows.filter((r) => r.type === "PUBLISH").length;
      await page.goto(playground.url + "#packets");
      await page.locator(".plist-spacer .prow").first().waitFor();
      // The list draws only the rows in view; the count says how many the filter keeps.
      const countIs = (text: string) =>
        page.locator("[data-testid=packet-count]", { hasText: new RegExp(`^${text}$`) }).waitFor();
      await countIs(`${rows.length} / ${rows.length}`);
      await page.getByTestId("filter-type").selectOption("SUBSCRIBE");
      await countIs(`1 / ${rows.length}`);
      assert.deepEqual(
        await page.locator(".plist-spacer .prow").evaluateAll((els) =>
          els.map((el) => el.getAttribute("data-type"))
        ),
        ["SUBSCRIBE"],
      );
      await page.getByTestId("filter-type").selectOption("");
      await page.getByTestId("filter-topic").fill("/public/+/1");
      await countIs(`${publishRows} / ${rows.length}`);
      const shown = await page.locator(".plist-spacer .prow").evaluateAll((els) =>
        els.map((el) => el.getAttribute("data-type"))
      );
      assert.ok(shown.length > 0 && shown.every((type) => type === "PUBLISH"), shown.join());
      await page.screenshot({ path: await artifactPath("ui-inspector-filter-zh.png") });
    } finally {
      await browser.close();
      await playground.stop();
    }
  },
});

Deno.test({
  name: "'show me' from a lesson opens the inspector on that packet, or flashes the board",
  ...opts,
  fn: async () => {
    const playground = await startPlayground(["--paused", "--mqtt-port", "0"]);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 720 },
        locale: "en-US",
      });
      const rows = await runUntil(playground.url, publishes(2));
      const seq = rows.find((r) => r.type === "PUBLISH")!.seq;
      await page.goto(playground.url + "#topology");
      await page.getByTestId("topology").waitFor();
      await page.keyboard.press("l");
      await page.locator(".lesson-panel").waitFor();
      await page.evaluate(
        (seq) => dispatchEvent(new CustomEvent("playground:show", { detail: { seq } })),
        seq,
      );
      await page.locator(`[data-testid=packet-detail][data-seq="${seq}"]`).waitFor();
      await page.locator(`.prow.selected[data-seq="${seq}"]`).waitFor();
      await page.evaluate(() =>
        dispatchEvent(new CustomEvent("playground:show", { detail: { board: "subscriber" } }))
      );
      await page.locator("[data-testid=board-subscriber].flash").waitFor();
    } finally {
      await browser.close();
      await playground.stop();
    }
  },
});

Deno.test({
  name: "a new world (scenario loaded) replaces the boards, packets and topology nodes",
  ...opts,
  fn: async () => {
    const playground = await startPlayground(["--paused", "--mqtt-port", "0"]);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 720 },
        locale: "en-US",
      });
      await runUntil(playground.url, publishes(1));
      await page.goto(playground.url + "#topology");
      await page.locator('[data-node="board:publisher"]').waitFor();
      await post(playground.url, "/api/scenario", { id: "phone-led-switch" });
      await page.locator('[data-node="board:esp32"]').waitFor();
      await page.locator('[data-node="board:publisher"]').waitFor({ state: "detached" });
      // The new world is paused at its start: no packets yet, none of the old world's.
      assert.deepEqual(await packets(playground.url), []);
      await page.keyboard.press("2");
      await page.getByText("No packets yet.").waitFor();
      await page.keyboard.press("3");
      await page.getByTestId("board-esp32").waitFor();
      assert.equal(await page.getByTestId("board-publisher").count(), 0);
    } finally {
      await browser.close();
      await playground.stop();
    }
  },
});

Deno.test({
  name: "N steps the paused world on to its next packet, which the list shows",
  ...opts,
  fn: async () => {
    const playground = await startPlayground(["--paused", "--scenario", "textbook-pubsub"]);
    const browser = await launchBrowser();
    try {
      const rows = await runUntil(playground.url, publishes(1));
      const page = await browser.newPage({
        viewport: { width: 1280, height: 720 },
        locale: "en-US",
      });
      await page.goto(playground.url + "#packets");
      const countIs = (text: string) =>
        page.locator("[data-testid=packet-count]", { hasText: new RegExp(`^${text}$`) }).waitFor();
      await countIs(`${rows.length} / ${rows.length}`);
      await page.locator("body").click({ position: { x: 5, y: 700 } });
      await page.keyboard.press("n");
      const after = await packets(playground.url).then(async (now) => {
        for (let i = 0; i < 100 && now.length === rows.length; i++) {
          await new Promise((r) => setTimeout(r, 50));
          now = await packets(playground.url);
        }
        return now;
      });
      assert.ok(after.length > rows.length, "N made no packet");
      assert.equal(after[rows.length].type, "PUBLISH"); // the publisher's next one
      await countIs(`${after.length} / ${after.length}`);
    } finally {
      await browser.close();
      await playground.stop();
    }
  },
});
