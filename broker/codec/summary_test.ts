import assert from "node:assert/strict";
import { previewPayload, summarize } from "./mod.ts";

const text = (s: string) => new TextEncoder().encode(s);

Deno.test("previewPayload() shows UTF-8 text as text", () => {
  assert.deepEqual(previewPayload(text("Hello PRECHIN")), { kind: "text", text: "Hello PRECHIN" });
  assert.deepEqual(previewPayload(text("温度 21.5℃\n")), { kind: "text", text: "温度 21.5℃\n" });
  assert.deepEqual(previewPayload(new Uint8Array()), { kind: "text", text: "" });
});

Deno.test("previewPayload() recognises a JSON object or array", () => {
  assert.deepEqual(previewPayload(text('{"led":1}')), { kind: "json", text: '{"led":1}' });
  assert.deepEqual(previewPayload(text(" [1, 2] ")), { kind: "json", text: " [1, 2] " });
  assert.equal(previewPayload(text("{not json}")).kind, "text");
  assert.equal(previewPayload(text("42")).kind, "text");
});

Deno.test("previewPayload() shows binary and control characters as hex", () => {
  assert.deepEqual(previewPayload(new Uint8Array([0xff, 0x00, 0x10])), {
    kind: "hex",
    text: "ff 00 10",
  });
  assert.deepEqual(previewPayload(text("a\u0000b")), { kind: "hex", text: "61 00 62" });
});

Deno.test("previewPayload() cuts long payloads with an ellipsis, never inside a character", () => {
  assert.deepEqual(previewPayload(text("abcdef"), 4), { kind: "text", text: "abcd…" });
  // "中" is 3 bytes: a cut at 4 bytes keeps one character
  assert.deepEqual(previewPayload(text("中中中"), 4), { kind: "text", text: "中…" });
  assert.deepEqual(previewPayload(new Uint8Array([1, 2, 3]), 2), { kind: "hex", text: "01 02…" });
});

Deno.test("summarize() writes one line per packet type", () => {
  const p = text("on");
  const cases: [Parameters<typeof summarize>[0], string][] = [
    [
      {
        type: "CONNECT",
        protocolName: "MQTT",
        protocolLevel: 4,
        cleanStart: true,
        keepaliveS: 0,
        clientId: "PZ-ESP32",
      },
      `CONNECT MQTT 3.1.1 client "PZ-ESP32" clean keepalive 0s`,
    ],
    [{ type: "CONNACK", sessionPresent: false, reasonCode: 0 }, "CONNACK accepted"],
    [
      { type: "CONNACK", sessionPresent: false, reasonCode: 4 },
      "CONNACK bad user name or password",
    ],
    [{ type: "CONNACK", sessionPresent: false, reasonCode: 0x87 }, "CONNACK Not authorized"],
    [
      { type: "PUBLISH", dup: false, qos: 1, retain: true, topic: "led", packetId: 3, payload: p },
      `PUBLISH qos1 retain id 3 led "on" (2 B)`,
    ],
    [
      {
        type: "PUBLISH",
        dup: false,
        qos: 0,
        retain: false,
        topic: "raw",
        payload: new Uint8Array([1, 2]),
      },
      "PUBLISH qos0 raw <01 02> (2 B)",
    ],
    [{ type: "PUBACK", packetId: 3 }, "PUBACK id 3"],
    [{ type: "PUBREC", packetId: 3, reasonCode: 0x10 }, "PUBREC id 3 No matching subscribers"],
    [{ type: "PUBREL", packetId: 3 }, "PUBREL id 3"],
    [{ type: "PUBCOMP", packetId: 3 }, "PUBCOMP id 3"],
    [
      {
        type: "SUBSCRIBE",
        packetId: 1,
        subscriptions: [{ topicFilter: "/public/pz_esp32/1", qos: 0 }],
      },
      "SUBSCRIBE id 1 /public/pz_esp32/1 qos0",
    ],
    [
      { type: "SUBACK", packetId: 1, reasonCodes: [0, 0x80] },
      "SUBACK id 1 [qos0, Unspecified error]",
    ],
    [{ type: "UNSUBSCRIBE", packetId: 2, topicFilters: ["a", "b"] }, "UNSUBSCRIBE id 2 a, b"],
    [{ type: "UNSUBACK", packetId: 2 }, "UNSUBACK id 2"],
    [{ type: "PINGREQ" }, "PINGREQ"],
    [{ type: "PINGRESP" }, "PINGRESP"],
    [{ type: "DISCONNECT" }, "DISCONNECT"],
    [{ type: "DISCONNECT", reasonCode: 0x8e }, "DISCONNECT Session taken over"],
    [{ type: "AUTH", reasonCode: 0x18 }, "AUTH Continue authentication"],
  ];
  for (const [packet, line] of cases) assert.equal(summarize(packet), line);
});

Deno.test("summarize() shortens a long payload", () => {
  const s = summarize({
    type: "PUBLISH",
    dup: false,
    qos: 0,
    retain: false,
    topic: "t",
    payload: text("x".repeat(100)),
  });
  assert.equal(s, `PUBLISH qos0 t "${"x".repeat(40)}"… (100 B)`);
});
