import assert from "node:assert/strict";
import { dataCodewordsFor } from "./codewords.ts";
import { encodeQr } from "./encode.ts";
import { formatBits } from "./matrix.ts";
import { penalty } from "./penalty.ts";
import { byteCapacity, dataCodewords, totalCodewords, versionInfo } from "./versions.ts";

Deno.test("versions 1-10 at M: codeword totals and byte capacities of ISO/IEC 18004 Table 7", () => {
  const totals = [26, 44, 70, 100, 134, 172, 196, 242, 292, 346];
  const bytes = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213];
  for (let v = 1; v <= 10; v++) {
    assert.equal(totalCodewords(versionInfo(v)), totals[v - 1], `version ${v} codewords`);
    assert.equal(byteCapacity(v), bytes[v - 1], `version ${v} byte capacity`);
  }
  assert.throws(() => versionInfo(11), /1 to 10/);
});

Deno.test("dataCodewordsFor() writes mode 0100, the count, bytes, terminator and 0xEC 0x11", () => {
  const cw = dataCodewordsFor(new TextEncoder().encode("hi"), versionInfo(1));
  // 0100 00000010 01101000 01101001 0000 -> 40 26 86 90, then pad codewords.
  assert.deepEqual(
    [...cw],
    [
      0x40,
      0x26,
      0x86,
      0x90,
      0xec,
      0x11,
      0xec,
      0x11,
      0xec,
      0x11,
      0xec,
      0x11,
      0xec,
      0x11,
      0xec,
      0x11,
    ],
  );
  assert.equal(cw.length, dataCodewords(versionInfo(1)));
});

Deno.test("encodeQr() picks the smallest version and the mask with the lowest penalty", () => {
  const url = "http://192.168.1.20:8000/";
  const qr = encodeQr(url);
  assert.equal(qr.version, 2); // 25 bytes: more than 1-M's 14, within 2-M's 26
  assert.equal(qr.size, 25);
  for (let mask = 0; mask < 8; mask++) {
    const other = encodeQr(url, { mask });
    assert.ok(penalty(qr.modules, qr.size) <= penalty(other.modules, other.size));
  }
  assert.equal(encodeQr("x".repeat(213)).version, 10);
  assert.throws(() => encodeQr("x".repeat(214)), /up to 213/);
});

Deno.test("encodeQr(): both copies of the format information say level M and the mask", () => {
  const qr = encodeQr("http://10.0.0.7:8000/seat/07");
  const s = qr.size;
  // Figure 25: first copy bits 0-5 down column 8, 6-7 at (8,7) and (8,8), 8 at (7,8),
  // 9-14 leftwards along row 8 from column 5; second copy along row 8 and up column 8.
  const first: [number, number][] = [
    ...[0, 1, 2, 3, 4, 5].map((y) => [8, y] as [number, number]),
    [8, 7],
    [8, 8],
    [7, 8],
    ...[5, 4, 3, 2, 1, 0].map((x) => [x, 8] as [number, number]),
  ];
  const second: [number, number][] = [
    ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => [s - 1 - i, 8] as [number, number]),
    ...[8, 9, 10, 11, 12, 13, 14].map((i) => [8, s - 15 + i] as [number, number]),
  ];
  const read = (cells: [number, number][]) =>
    cells.reduce((bits, [x, y], i) => bits | (qr.get(x, y) << i), 0);
  assert.equal(read(first), formatBits(qr.mask));
  assert.equal(read(second), formatBits(qr.mask));
  assert.equal(qr.get(8, s - 8), 1, "the dark module");
});
