/**
 * The EMQX blog's main.py (seeds/blog-esp32-emqx.md), unmodified: its imports all work
 * (urequests, json, utime, math, lib.umqtt), then it calls connect(), which it never
 * defined, and stops with the NameError a board prints.
 */
import assert from "node:assert/strict";
import { drain, fixture, rig } from "./micropython_rig.ts";

Deno.test("blog main.py stops with the NameError for connect as a traceback", async () => {
  const r = await rig([{ name: "esp32", program: fixture("blog_main.py") }]);
  try {
    r.world.start();
    await r.world.runUntil(2_000_000);
    const lines = r.console("esp32");
    assert.deepEqual(lines.slice(0, 4), [
      "Traceback (most recent call last):",
      '  File "main.py", line 33, in <module>',
      "NameError: name 'connect' isn't defined",
      "MicroPython v1.27.0 on 2025-12-10; Generic ESP32 module with ESP32",
    ]);
    assert.equal(r.host("esp32").state, "repl");
    assert.equal(r.packets.length, 0);
  } finally {
    r.close();
    await drain();
  }
});

Deno.test("blog imports: lib.umqtt, umqtt.simple and simple all give MQTTClient; urequests fails offline as on a board", async () => {
  const program = `
from lib.umqtt import MQTTClient as A
from umqtt.simple import MQTTClient as B, MQTTException
from simple import MQTTClient as C
import urequests, requests, json, math, utime, time, usocket, socket, network, machine
print(A.__name__, B.__name__, C.__name__, MQTTException.__name__)
print(time is utime, usocket.socket is socket.socket, urequests.get is requests.get)
print(json.dumps({"t": math.floor(2.5)}))
try:
    urequests.get("http://example.com/")
except OSError as e:
    print("OSError", e.errno)
`;
  const r = await rig([{ name: "esp32", program }]);
  try {
    r.world.start();
    await r.world.runUntil(1_000_000);
    const lines = r.console("esp32");
    assert.deepEqual(lines.slice(0, 4), [
      "MQTTClient MQTTClient MQTTClient MQTTException",
      "True True True",
      '{"t": 2}',
      "OSError -202", // getaddrinfo without WiFi, as on the board
    ]);
  } finally {
    r.close();
    await drain();
  }
});
