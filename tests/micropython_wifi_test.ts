/**
 * The textbook publisher against a router with another password: the join fails, the
 * program keeps blinking the LED while it polls isconnected(), until its own timeout
 * (`time.time()-start_time>150`, the comment says 15 s, the code 150 s) prints the message.
 */
import assert from "node:assert/strict";
import { STAT_WRONG_PASSWORD } from "../devices/mod.ts";
import { drain, fixture, rig } from "./micropython_rig.ts";

Deno.test("wrong WiFi password: the LED blinks until 'WIFI Connect Timeout!'", async () => {
  const r = await rig([{ name: "publisher", program: fixture("textbook_publisher.py") }], {
    accessPoints: [{ ssid: "ssid", password: "another-password" }],
  });
  try {
    r.world.start();
    await r.world.runUntil(155_000_000);
    const lines = r.console("publisher");
    assert.deepEqual(lines.slice(0, 2), ["conneting to network...", "WIFI Connect Timeout!"]);
    const timeout = r.events.find((e) =>
      e.kind === "console" && e.text === "WIFI Connect Timeout!"
    );
    assert.ok(timeout);
    // time.time() counts whole seconds: the loop sees 151 s first, after 151 s of blinking
    assert.ok(timeout.atUs > 150_000_000 && timeout.atUs < 152_000_000, String(timeout.atUs));
    const edges = r.ledEdges("publisher").filter((e) => e.atUs < timeout.atUs);
    // on 300 ms, off 300 ms: two edges every 600 ms
    assert.ok(Math.abs(edges.length - (2 * timeout.atUs) / 600_000) <= 2, String(edges.length));
    const status = r.events.flatMap((e) =>
      e.kind === "wifi" && e.board === "publisher" ? [e.status] : []
    );
    assert.equal(status.at(-1), STAT_WRONG_PASSWORD);
    assert.equal(r.packets.length, 0);
  } finally {
    r.close();
    await drain();
  }
});
