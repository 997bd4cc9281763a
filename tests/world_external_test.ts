/**
 * External broker mode against a real Mosquitto started here: the boards' streams leave
 * the virtual network over TCP, and the log is recorded at the boards' sockets.
 */
import assert from "node:assert/strict";

import { MOSQUITTO_PATH, startMosquitto } from "./support/mosquitto.ts";

Deno.test({
  name: "--broker mqtt://127.0.0.1:PORT runs the textbook pair through a real Mosquitto",
  ignore: MOSQUITTO_PATH === "",
  async fn() {
    const mosquitto = await startMosquitto();
    const port = mosquitto.port;
    try {
      const { code, stdout } = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          "tools/sim.ts",
          "textbook-pubsub",
          "--broker",
          `mqtt://127.0.0.1:${port}`,
          "--until",
          "10s",
          "--speed",
          "10",
          "--format",
          "jsonl",
        ],
        cwd: new URL("..", import.meta.url),
        stdout: "piped",
        stderr: "inherit",
      }).output();
      assert.equal(code, 0);
      const records = new TextDecoder().decode(stdout).trim().split("\n").map((l) => JSON.parse(l));
      const packets = records.filter((r) => r.kind === "packet");
      const kinds = (from: string, to: string, type: string) =>
        packets.filter((r) => r.from === from && r.to === to && r.type === type);
      assert.equal(kinds("publisher", "broker", "CONNECT").length, 1);
      assert.equal(kinds("broker", "publisher", "CONNACK").length, 1);
      assert.equal(kinds("broker", "subscriber", "SUBACK").length, 1);
      const sent = kinds("publisher", "broker", "PUBLISH");
      const received = kinds("broker", "subscriber", "PUBLISH");
      assert.ok(sent.length >= 3, `only ${sent.length} publishes left the publisher`);
      assert.ok(received.length >= 2, `only ${received.length} came back from Mosquitto`);
      assert.equal(received[0].payloadText, "Hello PRECHIN");
      assert.equal(received[0].clientId, "PZ-ESP32-SUB");
      assert.ok(records.some((r) => r.kind === "console" && r.text === "msg: b'Hello PRECHIN'"));
    } finally {
      await mosquitto.stop();
    }
  },
});
