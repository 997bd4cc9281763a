import assert from "node:assert/strict";
import {
  enhancedPacketBlock,
  interfaceDescriptionBlock,
  sectionHeaderBlock,
} from "./pcapng_blocks.ts";
import { coalesce, writePcapng } from "./pcapng.ts";
import type { CaptureRecord } from "./record.ts";
import { TcpFlows } from "./tcp_flows.ts";

const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint32(at, true);

/** Walks the blocks of a pcapng file: [type, total length] each, checking both lengths agree. */
function blocks(file: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  for (let at = 0; at < file.length;) {
    const total = u32(file, at + 4);
    assert.equal(total % 4, 0, "blocks are 32-bit aligned");
    assert.equal(u32(file, at + total - 4), total, "trailing total length repeats the first");
    out.push([u32(file, at), total]);
    at += total;
  }
  return out;
}

Deno.test("sectionHeaderBlock() has the byte-order magic, version 1.0 and length -1", () => {
  const shb = sectionHeaderBlock("x");
  assert.equal(u32(shb, 0), 0x0a0d0d0a);
  assert.equal(u32(shb, 8), 0x1a2b3c4d);
  assert.deepEqual([...shb.subarray(12, 16)], [1, 0, 0, 0]);
  assert.deepEqual([...shb.subarray(16, 24)], Array(8).fill(0xff));
});

Deno.test("interfaceDescriptionBlock() is Ethernet with if_tsresol 6 (microseconds)", () => {
  const idb = interfaceDescriptionBlock();
  assert.equal(u32(idb, 0), 1);
  assert.equal(idb[8], 1); // LINKTYPE_ETHERNET
  // Options: if_tsresol (9), length 1, value 6, padding, then opt_endofopt.
  assert.deepEqual([...idb.subarray(16, 24)], [9, 0, 1, 0, 6, 0, 0, 0]);
  assert.deepEqual([...idb.subarray(24, 28)], [0, 0, 0, 0]);
});

Deno.test("enhancedPacketBlock() splits a timestamp above 2^32 us into high and low words", () => {
  const atUs = 5 * 2 ** 32 + 123;
  const epb = enhancedPacketBlock(atUs, new Uint8Array([1, 2, 3]));
  assert.equal(u32(epb, 0), 6);
  assert.equal(u32(epb, 12), 5);
  assert.equal(u32(epb, 16), 123);
  assert.equal(u32(epb, 20), 3);
  assert.equal(u32(epb, 24), 3);
  assert.equal(epb.length, 28 + 4 + 4); // 3 bytes padded to 4
  assert.throws(() => enhancedPacketBlock(-1, new Uint8Array(0)), /integers >= 0/);
});

const record = (bytes: number, toBroker = true, atUs = 10): CaptureRecord => ({
  atUs,
  connection: "c1",
  clientIp: "192.168.1.100",
  clientPort: 49152,
  toBroker,
  bytes: new Uint8Array(bytes),
});

Deno.test("writePcapng() writes SHB, IDB, then one EPB per frame", () => {
  const file = writePcapng([record(10), record(3000, false)]);
  const types = blocks(file).map(([t]) => t);
  // 3 handshake frames, 1 segment, then 3000 bytes in 1460 + 1460 + 80.
  assert.deepEqual(types, [0x0a0d0d0a, 1, 6, 6, 6, 6, 6, 6, 6]);
});

Deno.test("TcpFlows: handshake once, then sequence numbers advance by payload bytes", () => {
  const flows = new TcpFlows();
  const seqOf = (f: Uint8Array) => new DataView(f.buffer).getUint32(38);
  const ackOf = (f: Uint8Array) => new DataView(f.buffer).getUint32(42);
  const first = flows.push(record(10)).map((f) => f.frame);
  assert.equal(first.length, 4);
  const [syn, synAck, ack, data] = first;
  assert.equal(syn[47], 0x02);
  assert.equal(synAck[47], 0x12);
  assert.equal(ack[47], 0x10);
  assert.equal(ackOf(synAck), seqOf(syn) + 1);
  assert.equal(seqOf(data), seqOf(syn) + 1);
  assert.equal(ackOf(data), seqOf(synAck) + 1);
  const [reply] = flows.push(record(4, false)).map((f) => f.frame);
  assert.equal(ackOf(reply), seqOf(data) + 10, "the broker acknowledges the 10 bytes");
  const [next] = flows.push(record(2)).map((f) => f.frame);
  assert.equal(seqOf(next), seqOf(data) + 10);
  assert.equal(ackOf(next), seqOf(reply) + 4);
});

Deno.test("coalesce() glues records of one connection, direction and instant only", () => {
  const glued = coalesce([record(2), record(3), record(4, false), record(5, false, 11)]);
  assert.deepEqual(glued.map((r) => r.bytes.length), [5, 4, 5]);
});
