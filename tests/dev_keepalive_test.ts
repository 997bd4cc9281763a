/**
 * Real clients' keep-alive is judged in wall time (ARCHITECTURE.md): with the
 * world paused, a TCP client that goes quiet is still closed after 1.5 x its
 * keep-alive, and one that pings stays.
 */
import assert from "node:assert/strict";
import { encode } from "../broker/codec/mod.ts";
import { startPlayground } from "./support/playground_process.ts";

const connect = (clientId: string) =>
  encode({
    type: "CONNECT",
    protocolName: "MQTT",
    protocolLevel: 4,
    cleanStart: true,
    keepaliveS: 1,
    clientId,
  }, 4);

/** Reads until the broker closes; returns the wall milliseconds that took. */
async function msUntilClosed(conn: Deno.Conn, limitMs: number): Promise<number | undefined> {
  const started = Date.now();
  const buf = new Uint8Array(64);
  const timer = setTimeout(() => conn.close(), limitMs);
  try {
    while ((await conn.read(buf)) !== null) { /* CONNACK, PINGRESP */ }
    return Date.now() - started;
  } catch {
    return undefined; // closed by us: the broker kept it open
  } finally {
    clearTimeout(timer);
  }
}

Deno.test({
  name:
    "a quiet real client is closed after 1.5 x keep-alive of wall time, even with the world paused",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const playground = await startPlayground(["--paused"]);
    try {
      const port = Number(/mqtt:\/\/127\.0\.0\.1:(\d+)/.exec(playground.output())![1]);
      const quiet = await Deno.connect({ hostname: "127.0.0.1", port });
      await quiet.write(connect("quiet"));
      const pinging = await Deno.connect({ hostname: "127.0.0.1", port });
      await pinging.write(connect("pinging"));
      const pings = setInterval(() => pinging.write(new Uint8Array([0xc0, 0x00])), 400);
      try {
        const [quietMs, pingingMs] = await Promise.all([
          msUntilClosed(quiet, 5_000),
          msUntilClosed(pinging, 3_000),
        ]);
        assert.ok(
          quietMs !== undefined && quietMs >= 1_000,
          `quiet client closed after ${quietMs} ms`,
        );
        assert.equal(pingingMs, undefined, "the pinging client was closed");
      } finally {
        clearInterval(pings);
      }
    } finally {
      await playground.stop();
    }
  },
});
