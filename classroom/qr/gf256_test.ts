import assert from "node:assert/strict";
import { gfExp, gfMultiply, rsGenerator, rsRemainder } from "./gf256.ts";

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ");

Deno.test("GF(256): a^8 = 0x1D (x^8 = x^4 + x^3 + x^2 + 1) and a^255 = 1", () => {
  assert.equal(gfExp(8), 0x1d);
  assert.equal(gfExp(255), 1);
  assert.equal(gfMultiply(0x53, 0), 0);
  assert.equal(gfMultiply(2, 0x80), 0x1d);
});

Deno.test("rsGenerator(10) is ISO/IEC 18004 Annex A's degree-10 polynomial", () => {
  // Annex A, 10 EC codewords: a^0 x^10 + a^251 x^9 + a^67 x^8 + a^46 x^7 + a^61 x^6 +
  // a^118 x^5 + a^70 x^4 + a^64 x^3 + a^94 x^2 + a^32 x + a^45.
  const exponents = [251, 67, 46, 61, 118, 70, 64, 94, 32, 45];
  assert.deepEqual([...rsGenerator(10)], exponents.map(gfExp));
});

Deno.test("rsRemainder() gives ISO/IEC 18004 Annex I's EC codewords for '01234567' 1-M", () => {
  const data = new Uint8Array([
    0x10,
    0x20,
    0x0c,
    0x56,
    0x61,
    0x80,
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
  ]);
  assert.equal(hex(rsRemainder(data, 10)), "a5 24 d4 c1 ed 36 c7 87 2c 55");
});

Deno.test("rsRemainder() gives the well-known 'HELLO WORLD' 1-M EC codewords", () => {
  // Alphanumeric "HELLO WORLD" at 1-M (the thonky.com tutorial's worked example).
  const data = new Uint8Array([
    32,
    91,
    11,
    120,
    209,
    114,
    220,
    77,
    67,
    64,
    236,
    17,
    236,
    17,
    236,
    17,
  ]);
  assert.deepEqual([...rsRemainder(data, 10)], [196, 35, 39, 119, 235, 215, 231, 226, 93, 23]);
});
