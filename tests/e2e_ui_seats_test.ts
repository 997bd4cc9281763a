/**
 * End to end with `--seats`: anonymous clients are refused and the panel says why in the
 * class's language; a seat's user name and password connect, and its own topic works.
 */
import { artifactPath, launchBrowser } from "./support/browser.ts";
import { startPlayground } from "./support/playground_process.ts";

Deno.test({
  name: "client panel with --seats: refused without an account (and says why), connects as a seat",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const playground = await startPlayground(["--paused", "--mqtt-port", "0", "--seats", "2"]);
    const browser = await launchBrowser();
    try {
      const seat = playground.output().match(/^\s*1\s+(seat01)\s+(\S+)\s+class\/seat01\/#/m);
      if (!seat) throw new Error(`No seat table in the output:\n${playground.output()}`);
      const page = await browser.newPage({
        viewport: { width: 1280, height: 720 },
        locale: "zh-CN",
      });
      await page.goto(playground.url + "#client");
      await page.getByTestId("cp-connect").click();
      await page.getByRole("alert").getByText("代理拒绝了连接").waitFor();
      await page.screenshot({ path: await artifactPath("ui-client-refused-zh.png") });

      await page.getByLabel("用户名").fill(seat[1]);
      await page.getByLabel("密码").fill(seat[2]);
      await page.getByTestId("cp-connect").click();
      await page.locator(".client-panel").getByText("已连接").first().waitFor();
      await page.getByTestId("cp-sub-filter").fill("class/seat01/#");
      await page.getByTestId("cp-subscribe").click();
      await page.getByTestId("cp-pub-topic").fill("class/seat01/led");
      await page.getByTestId("cp-pub-payload").fill("on");
      await page.getByTestId("cp-publish").click();
      await page.getByTestId("cp-messages-class/seat01/#").getByText("on", { exact: true })
        .waitFor();
    } finally {
      await browser.close();
      await playground.stop();
    }
  },
});
