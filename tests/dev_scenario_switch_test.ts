/**
 * A class switches worlds many times: every load answers 200, and real clients
 * can connect over TCP to each new world's broker on the same port.
 */
import assert from "node:assert/strict";
import { encode } from "../broker/codec/mod.ts";
import { startPlayground } from "./support/playground_process.ts";

const CONNECT = encode({
  type: "CONNECT",
  protocolName: "MQTT",
  protocolLevel: 4,
  cleanStart: true,
  keepaliveS: 0,
  clientId: "probe",
}, 4);

async function connack(port: number): Promise<number[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const conn = await Deno.connect({ hostname: "127.0.0.1", port });
      try {
        await conn.write(CONNECT);
        const buf = new Uint8Array(4);
        const n = await conn.read(buf);
        if (n) return [...buf.subarray(0, n)];
      } finally {
        conn.close();
      }
    } catch { /* the listener is moving to the new broker */ }
    await new Promise((r) => setTimeout(r, 20));
  }
  return [];
}

Deno.test({
  name: "loading scenarios one after another always works, and TCP clients reach each new broker",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const playground = await startPlayground();
    try {
      const port = Number(/mqtt:\/\/127\.0\.0\.1:(\d+)/.exec(playground.output())![1]);
      for (
        const id of [
          "phone-led-switch",
          "textbook-pubsub",
          "temperature-sensors",
          "textbook-pubsub",
        ]
      ) {
        const response = await fetch(new URL("/api/scenario", playground.url), {
          method: "POST",
          body: JSON.stringify({ id }),
        });
        assert.equal(response.status, 200, `${id}: ${await response.text()}`);
        assert.deepEqual(await connack(port), [0x20, 0x02, 0x00, 0x00], `no CONNACK after ${id}`);
      }
    } finally {
      await playground.stop();
    }
  },
});
