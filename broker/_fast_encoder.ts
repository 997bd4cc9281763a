/**
 * The hot path's encoders for real sockets (PUBLISH and the four-byte acks):
 * the same bytes as the codec's `encode`, written into slices of a shared slab
 * instead of one new ArrayBuffer per packet (allocating and freeing those
 * dominated fan-in).
 * Slices are handed only to transports that copy or write them out (TCP,
 * WebSocket), never to virtual links, which may keep or transfer their bytes.
 * Packets with v5 properties go through the codec.
 */
import type { Packet, ProtocolLevel, PublishPacket } from "./codec/mod.ts";
import { encode } from "./_codec.ts";

const SLAB_BYTES = 256 * 1024;
/** Larger frames get their own buffer. */
const MAX_SLICE_BYTES = 4 * 1024;
const TOPIC_CACHE_MAX = 4096;
const PUBLISH_FIRST_BYTE = 0x30;
const DUP_FLAG = 0x08;
const QOS_SHIFT = 1;
const RETAIN_FLAG = 0x01;
const VARINT_CONTINUE = 0x80;
const VARINT_DIGIT = 0x7f;

let slab = new Uint8Array(SLAB_BYTES);
let slabUsed = 0;
const topicCache = new Map<string, Uint8Array>();
const utf8 = new TextEncoder();

function topicBytes(topic: string): Uint8Array {
  let bytes = topicCache.get(topic);
  if (bytes === undefined) {
    if (topicCache.size >= TOPIC_CACHE_MAX) topicCache.clear();
    bytes = utf8.encode(topic);
    topicCache.set(topic, bytes);
  }
  return bytes;
}

function alloc(size: number): Uint8Array {
  if (size > MAX_SLICE_BYTES) return new Uint8Array(size);
  if (slabUsed + size > SLAB_BYTES) {
    slab = new Uint8Array(SLAB_BYTES);
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + size);
  slabUsed += size;
  return out;
}

/** Encodes a PUBLISH built by the broker (valid by construction). */
export function encodePublishFast(p: PublishPacket, level: ProtocolLevel): Uint8Array {
  if (level === 5 && p.properties !== undefined) return encode(p, level);
  const topic = topicBytes(p.topic);
  const payload = p.payload;
  let remaining = 2 + topic.length + payload.length;
  if (p.qos > 0) remaining += 2;
  if (level === 5) remaining += 1; // property length 0
  let varintBytes = 1;
  for (let r = remaining; r > VARINT_DIGIT; r = Math.floor(r / 128)) varintBytes++;
  const out = alloc(1 + varintBytes + remaining);
  out[0] = PUBLISH_FIRST_BYTE | (p.dup ? DUP_FLAG : 0) | (p.qos << QOS_SHIFT) |
    (p.retain ? RETAIN_FLAG : 0);
  let pos = 1;
  let r = remaining;
  do {
    let digit = r % 128;
    r = Math.floor(r / 128);
    if (r > 0) digit |= VARINT_CONTINUE;
    out[pos++] = digit;
  } while (r > 0);
  out[pos++] = topic.length >> 8;
  out[pos++] = topic.length & 0xff;
  out.set(topic, pos);
  pos += topic.length;
  if (p.qos > 0) {
    out[pos++] = p.packetId! >> 8;
    out[pos++] = p.packetId! & 0xff;
  }
  if (level === 5) out[pos++] = 0;
  out.set(payload, pos);
  return out;
}

/** First bytes of the acknowledgements (type << 4 | required flags, [MQTT-2.2.2-1]). */
const ACK_FIRST_BYTE: Partial<Record<Packet["type"], number>> = {
  PUBACK: 0x40,
  PUBREC: 0x50,
  PUBREL: 0x62,
  PUBCOMP: 0x70,
};
const ACK_REMAINING_LENGTH = 2;

/**
 * Encodes any packet the broker sends: PUBLISH and plain acks (no reason code,
 * no properties) on the fast path, everything else through the codec.
 */
export function encodeFast(packet: Packet, level: ProtocolLevel): Uint8Array {
  if (packet.type === "PUBLISH") return encodePublishFast(packet, level);
  if (
    (packet.type === "PUBACK" || packet.type === "PUBREC" || packet.type === "PUBREL" ||
      packet.type === "PUBCOMP") &&
    packet.reasonCode === undefined &&
    packet.properties === undefined
  ) {
    const first = ACK_FIRST_BYTE[packet.type]!;
    const out = alloc(4);
    out[0] = first;
    out[1] = ACK_REMAINING_LENGTH;
    out[2] = packet.packetId >> 8;
    out[3] = packet.packetId & 0xff;
    return out;
  }
  return encode(packet, level);
}
