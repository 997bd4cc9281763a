/**
 * `deno task dev --broker mqtt://...`: the boards talk to a real Mosquitto, the
 * packet API still shows their packets (recorded at the boards), and a real
 * client subscribed at Mosquitto hears the publisher.
 */
import assert from "node:assert/strict";
import type { PacketRow } from "../web/protocol.ts";
import { MOSQUITTO_PATH, startMosquitto } from "./support/mosquitto.ts";
import { startPlayground } from "./support/playground_process.ts";

Deno.test({
  name: "dev --broker sends the boards to a real Mosquitto and the inspector still sees them",
  ignore: MOSQUITTO_PATH === "",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const mosquitto = await startMosquitto();
    const listener = new Deno.Command("mosquitto_sub", {
      args: ["-p", String(mosquitto.port), "-t", "/public/pz_esp32/1", "-C", "1", "-W", "30"],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const playground = await startPlayground([
      "--broker",
      `mqtt://127.0.0.1:${mosquitto.port}`,
      "--paused",
    ]);
    try {
      const post = (path: string, body: unknown) =>
        fetch(new URL(path, playground.url), { method: "POST", body: JSON.stringify(body) })
          .then((r) => r.json());
      await post("/api/time", { action: "play", speed: 5 });
      const heard = new TextDecoder().decode((await listener.output()).stdout).trim();
      assert.equal(heard, "Hello PRECHIN");
      const rows: PacketRow[] = await fetch(new URL("/api/packets", playground.url))
        .then((r) => r.json());
      const publish = rows.find((r) => r.type === "PUBLISH" && r.direction === "in");
      assert.ok(publish, `no PUBLISH from a board in ${rows.map((r) => r.summary).join("; ")}`);
      assert.equal(publish.peer, "board:publisher");
      assert.equal(publish.transport, "tcp");
      assert.ok(rows.some((r) => r.type === "CONNACK" && r.peer === "board:subscriber"));
    } finally {
      try {
        listener.kill();
      } catch { /* already done */ }
      await listener.status;
      await playground.stop();
      await mosquitto.stop();
    }
  },
});
