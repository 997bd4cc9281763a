/**
 * End to end: `main.ts` serves the page, the page opens `/events`, and headless
 * Chromium sees the virtual clock tick, pause, step and switch language.
 */
import assert from "node:assert/strict";
import { artifactPath, launchBrowser } from "./support/browser.ts";
import { startPlayground } from "./support/playground_process.ts";

Deno.test({
  name: "the page shows the world's virtual clock ticking, streamed over /events",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const playground = await startPlayground();
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 720 },
        locale: "zh-CN",
      });
      await page.goto(playground.url);
      const clock = page.getByTestId("clock");
      await page.waitForFunction(() =>
        Number(document.querySelector("[data-testid=clock]")?.getAttribute("data-now-us")) > 0
      );
      const first = Number(await clock.getAttribute("data-now-us"));
      await page.waitForFunction(
        (t) =>
          Number(document.querySelector("[data-testid=clock]")?.getAttribute("data-now-us")) > t,
        first,
      );
      const text = await clock.textContent();
      assert.match(text ?? "", /^\d\d:\d\d\.\d\d\d$/);
      await page.getByText("已连接").waitFor();

      // Space pauses: the clock stops moving.
      await page.keyboard.press("Space");
      await page.getByText("已暂停").waitFor();
      const pausedAt = Number(await clock.getAttribute("data-now-us"));
      await page.waitForTimeout(400);
      assert.equal(Number(await clock.getAttribute("data-now-us")), pausedAt);
      await page.screenshot({ path: await artifactPath("clock-zh-paused.png") });

      // English everywhere after the switch, and it is remembered across a reload.
      await page.getByRole("radio", { name: "English" }).click();
      await page.getByText("Paused").waitFor();
      await page.reload();
      await page.getByRole("button", { name: /Play/ }).waitFor();
      await page.getByRole("button", { name: /Play/ }).click();
      await page.getByText("Running").waitFor();
      await page.waitForFunction(
        (t) =>
          Number(document.querySelector("[data-testid=clock]")?.getAttribute("data-now-us")) > t,
        pausedAt,
      );
      await page.screenshot({ path: await artifactPath("clock-en-running.png") });
    } finally {
      await browser.close();
      await playground.stop();
    }
  },
});
