/**
 * A recorded session, loaded with --replay, can be scrubbed: forward to the end and
 * back to any moment, from the API and from the scrub bar in the page, and what the
 * inspector holds is exactly the recording's packets up to that moment.
 */
import assert from "node:assert/strict";
import { launchBrowser } from "./support/browser.ts";
import { post, runUntil } from "./support/playground_api.ts";
import { startPlayground } from "./support/playground_process.ts";

interface LoggedPacket {
  atUs: number;
  hex: string;
}

const logged = async (url: string): Promise<LoggedPacket[]> =>
  (await fetch(new URL("/api/packets?format=jsonl", url)).then((r) => r.text()))
    .trim().split("\n").filter((l) => l).map((l) => JSON.parse(l))
    .map(({ atUs, hex }) => ({ atUs, hex }));

Deno.test({
  name: "a replayed session scrubs to the end and back, and the log matches the recording",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    const file = `${dir}/session.json`;
    try {
      const live = await startPlayground(["--paused", "--scenario", "textbook-pubsub"]);
      let session: { packets: LoggedPacket[] };
      try {
        await runUntil(live.url, (rows) => rows.filter((r) => r.type === "PUBLISH").length >= 8);
        session = await fetch(new URL("/api/session.json", live.url)).then((r) => r.json());
        await Deno.writeTextFile(file, JSON.stringify(session));
      } finally {
        await live.stop();
      }
      const recorded = session.packets.map(({ atUs, hex }) => ({ atUs, hex }));
      assert.ok(recorded.length >= 10);

      const replay = await startPlayground(["--replay", file]);
      const browser = await launchBrowser();
      try {
        const endUs = recorded.at(-1)!.atUs;
        await post(replay.url, "/api/time", { action: "seek", atUs: endUs });
        assert.deepEqual(await logged(replay.url), recorded);

        // Back to a moment between two packets: exactly the packets before it.
        const middle = recorded[Math.floor(recorded.length / 2)];
        const cutUs = middle.atUs + 1;
        await post(replay.url, "/api/time", { action: "seek", atUs: cutUs });
        assert.deepEqual(await logged(replay.url), recorded.filter((p) => p.atUs <= cutUs));

        // The page's scrub bar does the same.
        const page = await browser.newPage({
          viewport: { width: 1280, height: 720 },
          locale: "en-US",
        });
        await page.goto(replay.url + "#packets");
        const bar = page.getByTestId("replay-position");
        await bar.waitFor();
        await bar.evaluate((el: HTMLInputElement) => {
          el.value = "0";
          el.dispatchEvent(new Event("change", { bubbles: true }));
        });
        await page.getByText("No packets yet.").waitFor();
        assert.deepEqual(await logged(replay.url), []);
      } finally {
        await browser.close();
        await replay.stop();
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
