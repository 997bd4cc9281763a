/**
 * Captures read by tshark (Debian): the message types and topics Wireshark's MQTT dissector
 * finds in our pcapng equal the packet log's, packet for packet (issue 9, "Captures").
 */
import assert from "node:assert/strict";
import { Broker, type PacketEvent } from "../broker/mod.ts";
import { encode, type Packet, PacketTypeCode } from "../broker/codec/mod.ts";
import {
  BROKER_IP,
  PHONE_LED_SWITCH,
  type Scenario,
  TEXTBOOK_PUBSUB,
  TEXTBOOK_SAME_CLIENT_ID,
  World,
  type WorldPacket,
} from "../devices/mod.ts";
import {
  BoardAddressBook,
  CAPTURE_BROKER_IP,
  ETHERNET_MSS_BYTES,
  type PcapngOptions,
  recordFromPacketEvent,
  recordsFromWorldPackets,
  writePcapng,
} from "../capture/mod.ts";
import type { CaptureRecord } from "../capture/mod.ts";
import { sToUs, VirtualClock } from "../sim/mod.ts";

const HAVE_TSHARK = (() => {
  try {
    return Deno.statSync("/usr/bin/tshark").isFile;
  } catch {
    return false;
  }
})();

interface FrameRow {
  frame: number;
  tcpLen: number;
  types: number[];
  topics: string[];
}

/** tshark's view of a capture: per frame, its TCP payload length and the MQTT in it. */
async function tshark(bytes: Uint8Array, extra: string[] = []): Promise<FrameRow[]> {
  const file = await Deno.makeTempFile({ suffix: ".pcapng" });
  try {
    await Deno.writeFile(file, bytes);
    const out = await new Deno.Command("tshark", {
      args: [
        "-r",
        file,
        "-d",
        "tcp.port==1883,mqtt",
        ...extra,
        "-T",
        "fields",
        "-E",
        "separator=/t",
        "-E",
        "occurrence=a",
        "-E",
        "aggregator=,",
        "-e",
        "frame.number",
        "-e",
        "tcp.len",
        "-e",
        "mqtt.msgtype",
        "-e",
        "mqtt.topic",
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, `tshark failed: ${stderr}`);
    return new TextDecoder().decode(out.stdout).split("\n").filter((l) => l !== "").map(
      (line) => {
        const [frame, tcpLen, types, topics] = line.split("\t");
        return {
          frame: Number(frame),
          tcpLen: Number(tcpLen),
          types: types ? types.split(",").map(Number) : [],
          topics: topics ? topics.split(",") : [],
        };
      },
    );
  } finally {
    await Deno.remove(file);
  }
}

/** What the dissector should find for one logged packet: its type code and its topics. */
function expected(packet: Packet): { type: number; topics: string[] } {
  const type = PacketTypeCode[packet.type];
  switch (packet.type) {
    case "PUBLISH":
      return { type, topics: [packet.topic] };
    case "SUBSCRIBE":
      return { type, topics: packet.subscriptions.map((s) => s.topicFilter) };
    case "UNSUBSCRIBE":
      return { type, topics: packet.topicFilters };
    default:
      return { type, topics: [] };
  }
}

/** Every MQTT message tshark reports, in frame order, against the log's packets in order. */
function assertSameMessages(rows: FrameRow[], log: Packet[]): void {
  const gotTypes = rows.flatMap((r) => r.types);
  const gotTopics = rows.flatMap((r) => r.topics);
  const want = log.map(expected);
  assert.deepEqual(gotTypes, want.map((w) => w.type), "message types, packet for packet");
  assert.deepEqual(gotTopics, want.flatMap((w) => w.topics), "topics, packet for packet");
}

async function runWorld(scenario: Scenario = TEXTBOOK_PUBSUB): Promise<
  { packets: WorldPacket[]; taps: PacketEvent[]; book: BoardAddressBook }
> {
  const world = new World(scenario);
  const book = new BoardAddressBook();
  world.addListener((ev) => book.observe(ev));
  const packets: WorldPacket[] = [];
  const taps: PacketEvent[] = [];
  world.addPacketListener((p) => packets.push(p));
  world.broker!.tap.listen((ev) => taps.push(ev));
  world.start();
  await world.runUntil(sToUs(15));
  world.close();
  return { packets, taps, book };
}

Deno.test("the capture's broker address is the world's", () => {
  assert.equal(CAPTURE_BROKER_IP, BROKER_IP);
});

for (const scenario of [TEXTBOOK_PUBSUB, TEXTBOOK_SAME_CLIENT_ID, PHONE_LED_SWITCH]) {
  Deno.test({
    name: `tshark reads ${scenario.name}'s capture: same MQTT types and topics, packet for packet`,
    ignore: !HAVE_TSHARK,
    async fn() {
      const { packets, book } = await runWorld(scenario);
      assert.ok(packets.length >= 10, `the world logged ${packets.length} packets`);
      const records = recordsFromWorldPackets(packets, { ipOf: book.ipOf });
      // Boards appear at their WiFi addresses.
      assert.deepEqual(
        [...new Set(records.map((r) => r.clientIp))].sort(),
        ["192.168.1.100", "192.168.1.101"],
      );
      const rows = await tshark(writePcapng(records));
      const mqttRows = rows.filter((r) => r.types.length > 0);
      assert.equal(mqttRows.length, packets.length, "one frame per logged packet");
      mqttRows.forEach((row, i) => {
        const want = expected(packets[i].packet);
        assert.deepEqual(row.types, [want.type], `frame ${row.frame}: packet ${packets[i].seq}`);
        assert.deepEqual(row.topics, want.topics, `frame ${row.frame}: packet ${packets[i].seq}`);
      });
      // Each connection opened by SYN, SYN-ACK, ACK: the only frames without MQTT.
      const connections = new Set(records.map((r) => r.connection)).size;
      assert.equal(rows.length - mqttRows.length, 3 * connections);
    },
  });
}

Deno.test({
  name: "tshark reads a capture of the broker's tap: checksums good, no expert warnings",
  ignore: !HAVE_TSHARK,
  async fn() {
    const { taps } = await runWorld();
    const bytes = writePcapng(taps.map((ev) => recordFromPacketEvent(ev)));
    assertSameMessages(await tshark(bytes), taps.map((ev) => ev.packet));
    // With checksum validation on, every IPv4 and TCP checksum is good (status 1), and
    // nothing in the TCP analysis (bad sequence numbers, lost segments) is a warning.
    const suspicious = await tshark(bytes, [
      "-o",
      "ip.check_checksum:TRUE",
      "-o",
      "tcp.check_checksum:TRUE",
      "-Y",
      "ip.checksum.status != 1 || tcp.checksum.status != 1 || _ws.expert.severity >= 6291456",
    ]);
    assert.deepEqual(suspicious, []);
  },
});

/** A broker on a still clock with two in-memory clients at given addresses. */
function brokerLog() {
  const clock = new VirtualClock();
  const broker = new Broker({ clock, config: { sysIntervalS: 0 } });
  const taps: PacketEvent[] = [];
  broker.tap.listen((ev) => taps.push(ev));
  const client = (remoteAddress: string) => {
    const attached = broker.attach({
      transport: "virtual",
      remoteAddress,
      send: () => {},
      close: () => attached.closed(),
    });
    return (p: Packet) => {
      attached.receive(encode(p, 4));
      clock.advanceBy(1_000);
    };
  };
  return { broker, clock, taps, client };
}

const connect = (clientId: string): Packet => ({
  type: "CONNECT",
  protocolName: "MQTT",
  protocolLevel: 4,
  clientId,
  cleanStart: true,
  keepaliveS: 60,
});

Deno.test({
  name: "tshark reassembles a PUBLISH larger than one segment and splits glued packets",
  ignore: !HAVE_TSHARK,
  async fn() {
    const { broker, clock, taps, client } = brokerLog();
    const big = new Uint8Array(5000).map((_, i) => i & 0xff);
    const pub = client("192.168.1.50:50000");
    pub(connect("pub"));
    pub({ type: "PUBLISH", topic: "class/big", qos: 0, retain: true, dup: false, payload: big });
    pub({
      type: "PUBLISH",
      topic: "class/small",
      qos: 0,
      retain: true,
      dup: false,
      payload: new TextEncoder().encode("hi"),
    });
    const sub = client("192.168.1.51:50001");
    sub(connect("sub"));
    // The broker answers with SUBACK and both retained messages at one instant.
    sub({ type: "SUBSCRIBE", packetId: 1, subscriptions: [{ topicFilter: "class/#", qos: 0 }] });
    clock.advanceBy(1_000);
    broker.close();

    const types = taps.map((ev) => ev.packet.type);
    assert.deepEqual(types, [
      "CONNECT",
      "CONNACK",
      "PUBLISH",
      "PUBLISH",
      "CONNECT",
      "CONNACK",
      "SUBSCRIBE",
      "SUBACK",
      "PUBLISH",
      "PUBLISH",
    ]);
    const records: CaptureRecord[] = taps.map((ev) => recordFromPacketEvent(ev));
    for (const options of [{}, { coalesce: true }] satisfies PcapngOptions[]) {
      const rows = await tshark(writePcapng(records, options));
      assertSameMessages(rows, taps.map((ev) => ev.packet));
      const lengths = rows.map((r) => r.tcpLen);
      assert.ok(lengths.every((n) => n <= ETHERNET_MSS_BYTES), "no segment above the MSS");
      assert.ok(
        lengths.filter((n) => n === ETHERNET_MSS_BYTES).length >= 6,
        "both copies of the 5,000-byte PUBLISH go out in full-size segments",
      );
      if (options.coalesce) {
        assert.ok(
          rows.some((r) => r.types.length >= 2),
          "some segment carries two MQTT packets, and tshark finds both",
        );
      }
    }
  },
});
