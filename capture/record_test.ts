import assert from "node:assert/strict";
import type { PacketEvent } from "../broker/tap.ts";
import type { WorldPacket } from "../devices/world_events.ts";
import { BoardAddressBook, derivedIpv4 } from "./addresses.ts";
import { recordFromPacketEvent, recordsFromWorldPackets } from "./record.ts";

const tap = (remoteAddress: string, connectionId = 3): PacketEvent => ({
  seq: 1,
  atUs: 42,
  connectionId,
  transport: "tcp",
  remoteAddress,
  direction: "in",
  bytes: new Uint8Array([0xc0, 0]),
  packet: { type: "PINGREQ" },
  level: 4,
});

Deno.test("recordFromPacketEvent() keeps an IPv4 peer's address and port", () => {
  const r = recordFromPacketEvent(tap("192.168.1.23:50123"), { epoch: 2 });
  assert.deepEqual(
    [r.clientIp, r.clientPort, r.connection, r.toBroker, r.atUs],
    ["192.168.1.23", 50123, "tap/2/3", true, 42],
  );
});

Deno.test("recordFromPacketEvent() gives an IPv6 or named peer a stable derived IPv4", () => {
  const a = recordFromPacketEvent(tap("[::1]:40000"));
  assert.equal(a.clientIp, derivedIpv4("::1"));
  assert.equal(a.clientPort, 40000);
  const b = recordFromPacketEvent(tap("publisher", 7));
  assert.equal(b.clientIp, derivedIpv4("publisher"));
  assert.equal(b.clientPort, 49152 + 7);
  assert.match(b.clientIp, /^10\.\d+\.\d+\.\d+$/);
});

const wp = (
  from: string,
  to: string,
  type: "CONNECT" | "PINGREQ",
  remoteAddress: string,
  connectionId?: number,
): WorldPacket => ({
  seq: 1,
  atUs: 0,
  from,
  to,
  packet: type === "PINGREQ" ? { type } : {
    type,
    protocolName: "MQTT",
    protocolLevel: 4,
    cleanStart: true,
    keepaliveS: 0,
    clientId: "x",
  },
  bytes: new Uint8Array(2),
  level: 4,
  direction: to === "broker" ? "in" : "out",
  remoteAddress,
  transport: "virtual",
  ...(connectionId !== undefined && { connectionId }),
});

Deno.test("recordsFromWorldPackets(): the broker's view of each socket is one connection", () => {
  const records = recordsFromWorldPackets([
    wp("pub", "broker", "CONNECT", "192.168.1.100:49152", 1),
    wp("broker", "pub", "PINGREQ", "192.168.1.100:49152", 1),
    wp("pub", "broker", "CONNECT", "192.168.1.100:49153", 2), // reconnect: new socket
    wp("sub", "broker", "CONNECT", "192.168.1.101:49152"), // external broker: no id
    wp("sub", "broker", "CONNECT", "192.168.1.101:49152"), // a new CONNECT, same address
    wp("websocket", "broker", "CONNECT", "websocket", 5),
    wp("websocket", "broker", "CONNECT", "websocket", 6),
  ]);
  assert.deepEqual(records.map((r) => [r.connection, r.clientIp, r.clientPort]), [
    ["world/192.168.1.100:49152#1/0", "192.168.1.100", 49152],
    ["world/192.168.1.100:49152#1/0", "192.168.1.100", 49152],
    ["world/192.168.1.100:49153#2/0", "192.168.1.100", 49153],
    ["world/192.168.1.101:49152/0", "192.168.1.101", 49152],
    ["world/192.168.1.101:49152/1", "192.168.1.101", 49152],
    ["world/websocket#5/0", derivedIpv4("websocket"), 49152 + 5],
    ["world/websocket#6/0", derivedIpv4("websocket"), 49152 + 6],
  ]);
  assert.deepEqual(records.map((r) => r.toBroker), [true, false, true, true, true, true, true]);
});

Deno.test("recordsFromWorldPackets(): without an IPv4 remote address, the board's WiFi address", () => {
  const book = new BoardAddressBook();
  book.observe({
    kind: "wifi",
    atUs: 0,
    board: "pub",
    iface: "sta",
    active: true,
    status: 1010,
    ip: "192.168.1.100",
  });
  const [known, ghost] = recordsFromWorldPackets([
    wp("pub", "broker", "CONNECT", ""),
    wp("ghost", "broker", "CONNECT", ""),
  ], { ipOf: book.ipOf });
  assert.equal(known.clientIp, "192.168.1.100");
  assert.equal(ghost.clientIp, derivedIpv4("ghost"));
});
