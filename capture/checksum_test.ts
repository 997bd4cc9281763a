import assert from "node:assert/strict";
import { fold, internetChecksum, sumWords } from "./checksum.ts";

Deno.test("sumWords() gives RFC 1071's worked example sum (section 3: 00 01 f2 03 f4 f5 f6 f7)", () => {
  const bytes = new Uint8Array([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]);
  assert.equal(fold(sumWords(bytes)), 0xddf2);
  assert.equal(internetChecksum(bytes), 0x220d);
});

Deno.test("internetChecksum() of an IPv4 header with its checksum filled in is 0", () => {
  // A classic example header (45 00 00 73 ... c0 a8 00 01 c0 a8 00 c7), checksum b861.
  const header = new Uint8Array([
    0x45,
    0x00,
    0x00,
    0x73,
    0x00,
    0x00,
    0x40,
    0x00,
    0x40,
    0x11,
    0x00,
    0x00, //
    0xc0,
    0xa8,
    0x00,
    0x01,
    0xc0,
    0xa8,
    0x00,
    0xc7,
  ]);
  assert.equal(internetChecksum(header), 0xb861);
  header[10] = 0xb8;
  header[11] = 0x61;
  assert.equal(internetChecksum(header), 0);
});

Deno.test("internetChecksum() pads an odd last byte with zero", () => {
  assert.equal(internetChecksum(new Uint8Array([0x12])), ~0x1200 & 0xffff);
});
