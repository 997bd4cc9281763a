import assert from "node:assert/strict";
import { VirtualClock } from "../sim/mod.ts";
import { Broker } from "./broker.ts";
import { serveTcp } from "./transport_tcp.ts";
import { upgradeMqttWebSocket } from "./transport_ws.ts";

Deno.test("serveTcp(): a port in use is one clear line naming --mqtt-port", () => {
  const broker = new Broker({ clock: new VirtualClock() });
  const first = serveTcp(broker, { port: 0 });
  try {
    assert.throws(
      () => serveTcp(broker, { port: first.port }),
      (e: Error) => /already in use.*--mqtt-port/.test(e.message) && !e.message.includes("\n"),
    );
  } finally {
    first.close();
  }
});

Deno.test("upgradeMqttWebSocket(): a plain GET gets 400; a WebSocket gets subprotocol mqtt and CONNACK", async () => {
  const broker = new Broker({ clock: new VirtualClock() });
  const plain = upgradeMqttWebSocket(broker, new Request("http://x/mqtt"));
  assert.equal(plain.status, 400);
  await plain.body?.cancel();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => upgradeMqttWebSocket(broker, req),
  );
  const ws = new WebSocket(`ws://127.0.0.1:${server.addr.port}/mqtt`, ["mqtt"]);
  ws.binaryType = "arraybuffer";
  const reply = await new Promise<Uint8Array>((resolve, reject) => {
    ws.onopen = () =>
      ws.send(new Uint8Array([0x10, 0x0d, 0, 4, 0x4d, 0x51, 0x54, 0x54, 4, 2, 0, 60, 0, 1, 0x63]));
    ws.onmessage = (e) => resolve(new Uint8Array(e.data as ArrayBuffer));
    ws.onerror = () => reject(new Error("websocket error"));
  });
  assert.equal(ws.protocol, "mqtt");
  assert.deepEqual([...reply], [0x20, 0x02, 0x00, 0x00]);
  const closed = new Promise((r) => ws.onclose = r);
  ws.close();
  await closed;
  broker.close();
  await server.shutdown();
});

Deno.test("upgradeMqttWebSocket(): a text frame closes the connection [MQTT-6.0.0-1]", async () => {
  const broker = new Broker({ clock: new VirtualClock() });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => upgradeMqttWebSocket(broker, req),
  );
  const ws = new WebSocket(`ws://127.0.0.1:${server.addr.port}/mqtt`, ["mqtt"]);
  const code = await new Promise<number>((resolve) => {
    ws.onopen = () => ws.send("CONNECT please");
    ws.onclose = (e) => resolve(e.code);
  });
  assert.equal(code, 1002);
  assert.equal(broker.snapshot().pendingConnections, 0);
  broker.close();
  await server.shutdown();
});
