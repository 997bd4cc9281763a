/**
 * From bytes to the final codeword sequence (ISO/IEC 18004:2015 section 7.4 "Data
 * encodation" in byte mode, 7.4.9 terminator and pad codewords 0xEC 0x11, 7.5 error
 * correction per block, 7.6 "Constructing the final message codeword sequence").
 */
import { rsRemainder } from "./gf256.ts";
import { byteCountBits, dataCodewords, type VersionInfo } from "./versions.ts";

const MODE_BYTE = 0b0100; // Table 2: 8-bit byte mode indicator
const PAD_CODEWORDS = [0xec, 0x11];

class BitBuffer {
  readonly bits: number[] = [];
  put(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.bits.push((value >>> i) & 1);
  }
}

/** The data codewords: mode, count, bytes, terminator, padding to capacity. */
export function dataCodewordsFor(bytes: Uint8Array, info: VersionInfo): Uint8Array {
  const capacityBits = dataCodewords(info) * 8;
  const buffer = new BitBuffer();
  buffer.put(MODE_BYTE, 4);
  buffer.put(bytes.length, byteCountBits(info.version));
  for (const b of bytes) buffer.put(b, 8);
  if (buffer.bits.length > capacityBits) {
    throw new RangeError(
      `Cannot fit ${bytes.length} bytes in QR version ${info.version}-M (${capacityBits} bits)`,
    );
  }
  buffer.put(0, Math.min(4, capacityBits - buffer.bits.length)); // terminator
  buffer.put(0, (8 - buffer.bits.length % 8) % 8); // to a byte boundary
  const out = new Uint8Array(capacityBits / 8);
  for (let i = 0; i < buffer.bits.length; i += 8) {
    let byte = 0;
    for (let j = 0; j < 8; j++) byte = (byte << 1) | buffer.bits[i + j];
    out[i / 8] = byte;
  }
  for (let i = buffer.bits.length / 8, k = 0; i < out.length; i++, k++) {
    out[i] = PAD_CODEWORDS[k % 2];
  }
  return out;
}

/** Data split into blocks, error correction per block, both interleaved (section 7.6). */
export function finalCodewords(data: Uint8Array, info: VersionInfo): Uint8Array {
  const blocks: Uint8Array[] = [];
  let at = 0;
  for (const [count, size] of info.groups) {
    for (let i = 0; i < count; i++, at += size) blocks.push(data.subarray(at, at + size));
  }
  const ec = blocks.map((b) => rsRemainder(b, info.ecPerBlock));
  const out: number[] = [];
  const longest = Math.max(...blocks.map((b) => b.length));
  for (let i = 0; i < longest; i++) {
    for (const b of blocks) if (i < b.length) out.push(b[i]);
  }
  for (let i = 0; i < info.ecPerBlock; i++) for (const e of ec) out.push(e[i]);
  return new Uint8Array(out);
}
