/**
 * `deno task bench codec`: our codec beside npm:mqtt-packet, in the same process, rounds
 * alternating between them. Decode and encode of PUBLISH (64 B and 1 KB payloads) and
 * CONNECT, in packets/s and MB/s (frame bytes), with the ratio ours / mqtt-packet.
 * Decoding goes through each codec's streaming parser, one frame per push.
 */
import { Buffer } from "node:buffer";
import mqtt from "mqtt-packet";
import { Decoder, encode, type Packet } from "../broker/codec/mod.ts";

const ROUNDS = 7;
const ROUND_MS = 150;

interface Case {
  name: string;
  packet: Packet;
  theirs: Record<string, unknown>;
}

const payload = (n: number) => new Uint8Array(n).map((_, i) => 0x20 + (i % 90));
const publish = (n: number): Case => {
  const p = payload(n);
  return {
    name: `PUBLISH ${n >= 1024 ? `${n / 1024} KB` : `${n} B`}`,
    packet: {
      type: "PUBLISH",
      dup: false,
      qos: 0,
      retain: false,
      topic: "/public/pz_esp32/1",
      payload: p,
    },
    theirs: {
      cmd: "publish",
      qos: 0,
      dup: false,
      retain: false,
      topic: "/public/pz_esp32/1",
      payload: Buffer.from(p),
    },
  };
};

const CASES: Case[] = [
  publish(64),
  publish(1024),
  {
    name: "CONNECT",
    packet: {
      type: "CONNECT",
      protocolName: "MQTT",
      protocolLevel: 4,
      cleanStart: true,
      keepaliveS: 60,
      clientId: "esp32_client_001",
      username: "esp32_client_001",
      password: new TextEncoder().encode("xxxxxx"),
      will: {
        topic: "esp32/status",
        payload: new TextEncoder().encode("offline"),
        qos: 1,
        retain: true,
      },
    },
    theirs: {
      cmd: "connect",
      protocolId: "MQTT",
      protocolVersion: 4,
      clean: true,
      keepalive: 60,
      clientId: "esp32_client_001",
      username: "esp32_client_001",
      password: Buffer.from("xxxxxx"),
      will: { topic: "esp32/status", payload: Buffer.from("offline"), qos: 1, retain: true },
    },
  },
];

let sink = 0;

/** Runs `op` in batches for about `ms`; returns operations per second. */
function measure(op: () => void, ms: number): number {
  let n = 0;
  let batch = 64;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < batch; i++) op();
    n += batch;
    if (batch < 4096) batch *= 2;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

interface Row {
  name: string;
  frameBytes: number;
  ours: number;
  theirs: number;
}

function compare(name: string, frameBytes: number, ours: () => void, theirs: () => void): Row {
  for (let i = 0; i < 3; i++) { // warm up both
    measure(ours, 50);
    measure(theirs, 50);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    a.push(measure(ours, ROUND_MS));
    b.push(measure(theirs, ROUND_MS));
  }
  return { name, frameBytes, ours: median(a), theirs: median(b) };
}

const rows: Row[] = [];
for (const c of CASES) {
  const frame = encode(c.packet, 4);
  const theirFrame = mqtt.generate(c.theirs as never);
  if (Buffer.compare(Buffer.from(frame), theirFrame) !== 0) {
    throw new Error(`${c.name}: the two codecs encode differently; the comparison would be unfair`);
  }
  const frameBuf = Buffer.from(frame);

  const decoder = new Decoder({ level: 4 });
  const parser = mqtt.parser({ protocolVersion: 4 });
  parser.on("packet", (p) => sink += p.length ?? 0);
  rows.push(compare(
    `decode ${c.name}`,
    frame.length,
    () => sink += decoder.push(frame).length,
    () => parser.parse(frameBuf),
  ));
  rows.push(compare(
    `encode ${c.name}`,
    frame.length,
    () => sink += encode(c.packet, 4).length,
    () => sink += mqtt.generate(c.theirs as never).length,
  ));
}

const fmt = (n: number) => n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : `${(n / 1e3).toFixed(0)} k`;
const mb = (pps: number, bytes: number) => ((pps * bytes) / 1e6).toFixed(1);
const header = [
  "case",
  "frame B",
  "ours pkt/s",
  "ours MB/s",
  "mqtt-packet pkt/s",
  "mqtt-packet MB/s",
  "ratio",
];
const table = rows.map((r) => [
  r.name,
  String(r.frameBytes),
  fmt(r.ours),
  mb(r.ours, r.frameBytes),
  fmt(r.theirs),
  mb(r.theirs, r.frameBytes),
  `${(r.ours / r.theirs).toFixed(2)}x`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells: string[]) =>
  "| " + cells.map((c, i) => i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])).join(" | ") +
  " |";
console.log(`Deno ${Deno.version.deno}, median of ${ROUNDS} alternating rounds of ${ROUND_MS} ms`);
console.log(line(header));
console.log(
  "|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") +
    "|",
);
for (const row of table) console.log(line(row));
if (sink === 0.5) console.log(sink); // keeps the work observable
