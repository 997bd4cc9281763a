/**
 * `deno task dev --seats N`: the printed passwords log in over real TCP, a seat
 * is kept to its own tree, strangers are refused, and the world's own boards
 * (anonymous, on the virtual network) keep working.
 */
import assert from "node:assert/strict";
import type { PacketRow } from "../web/protocol.ts";
import { startPlayground } from "./support/playground_process.ts";

async function mosquitto(tool: "mosquitto_pub" | "mosquitto_sub", args: string[]) {
  const { code, stdout, stderr } = await new Deno.Command(tool, {
    args,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code, out: text.decode(stdout).trim(), err: text.decode(stderr).trim() };
}

Deno.test({
  name: "dev --seats: seats log in with the printed passwords and keep to their own topics",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const playground = await startPlayground(["--seats", "2"]);
    try {
      const output = playground.output();
      const password = (user: string) => {
        const match = new RegExp(`${user}\\s+(\\S+)`).exec(output);
        assert.ok(match, `no password for ${user} in:\n${output}`);
        return match[1];
      };
      const port = /mqtt:\/\/127\.0\.0\.1:(\d+)/.exec(output)![1];
      const as = (user: string, pass = password(user)) => ["-p", port, "-u", user, "-P", pass];

      // The teacher listens to everything; seat01 publishes in its tree and outside it.
      const teacher = new Deno.Command("mosquitto_sub", {
        args: [...as("teacher"), "-t", "class/#", "-v", "-C", "1", "-W", "10"],
        stdout: "piped",
      }).spawn();
      await new Promise((r) => setTimeout(r, 300));
      const outside = await mosquitto("mosquitto_pub", [
        ...as("seat01"),
        "-t",
        "class/seat02/led",
        "-m",
        "not mine",
        "-q",
        "1",
      ]);
      assert.equal(outside.code, 0); // 3.1.1 has no refusal in PUBACK: the message is dropped
      const own = await mosquitto("mosquitto_pub", [
        ...as("seat01"),
        "-t",
        "class/seat01/led",
        "-m",
        "on",
      ]);
      assert.equal(own.code, 0, own.err);
      const heard = new TextDecoder().decode((await teacher.output()).stdout).trim();
      assert.equal(heard, "class/seat01/led on");

      const stranger = await mosquitto("mosquitto_pub", [
        ...as("seat01", "wrong-password"),
        "-t",
        "class/seat01/led",
        "-m",
        "x",
      ]);
      assert.notEqual(stranger.code, 0);
      const anonymous = await mosquitto("mosquitto_pub", ["-p", port, "-t", "a", "-m", "x"]);
      assert.notEqual(anonymous.code, 0);

      // The textbook boards still connect and publish.
      await fetch(new URL("/api/time", playground.url), {
        method: "POST",
        body: JSON.stringify({ action: "play", speed: 100 }),
      });
      let rows: PacketRow[] = [];
      for (let i = 0; i < 100; i++) {
        rows = await fetch(new URL("/api/packets", playground.url)).then((r) => r.json());
        if (rows.some((r) => r.type === "PUBLISH" && r.peer === "board:subscriber")) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(
        rows.some((r) => r.type === "PUBLISH" && r.peer === "board:subscriber"),
        rows.map((r) => `${r.peer} ${r.summary}`).join("\n"),
      );
    } finally {
      await playground.stop();
    }
  },
});
