/**
 * Reed-Solomon error correction over GF(2^8) as QR codes use it (ISO/IEC 18004:2015,
 * section 7.5.2 "Generating the error correction codewords"): the field is built on the
 * primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D), the generator polynomial of
 * degree n is (x - a^0)(x - a^1)...(x - a^(n-1)) with a = 2, and the error correction
 * codewords are the remainder of data(x) * x^n divided by it.
 */

const PRIMITIVE = 0x11d;

/** EXP[i] = a^i (doubled so a product's index needs no modulo); LOG[a^i] = i. */
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= PRIMITIVE;
  }
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
}

export function gfMultiply(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]];
}

/** a^i in the field. */
export function gfExp(i: number): number {
  return EXP[i % 255];
}

/**
 * The generator polynomial's coefficients, highest degree first without the leading 1:
 * degree n gives n bytes.
 */
export function rsGenerator(degree: number): Uint8Array {
  if (!Number.isInteger(degree) || degree < 1 || degree > 254) {
    throw new RangeError(`Cannot make a Reed-Solomon generator of degree ${degree}`);
  }
  // Start from 1 and multiply by (x - a^i) for each i; in GF(2^8) minus is plus.
  let poly = new Uint8Array([1]);
  for (let i = 0; i < degree; i++) {
    const next = new Uint8Array(poly.length + 1);
    for (let j = 0; j < poly.length; j++) {
      next[j] ^= poly[j];
      next[j + 1] ^= gfMultiply(poly[j], gfExp(i));
    }
    poly = next;
  }
  return poly.subarray(1);
}

/** The `degree` error correction codewords for `data` (polynomial long division). */
export function rsRemainder(data: Uint8Array, degree: number): Uint8Array {
  const generator = rsGenerator(degree);
  const remainder = new Uint8Array(degree);
  for (const byte of data) {
    const factor = byte ^ remainder[0];
    remainder.copyWithin(0, 1);
    remainder[degree - 1] = 0;
    for (let i = 0; i < degree; i++) remainder[i] ^= gfMultiply(generator[i], factor);
  }
  return remainder;
}
