/** Variable byte integers (1.5.5): 7 bits a byte, low group first, bit 7 = more follows. */
import { VARINT_CONTINUE, VARINT_MAX, VARINT_MAX_BYTES, VARINT_VALUE_MASK } from "./constants.ts";

/** Bytes needed to encode `value` (0..268,435,455). */
export function varintSize(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x20_0000 ? 3 : 4;
}

/** Writes `value` at `pos`; returns the position after it. */
export function writeVarint(out: Uint8Array, pos: number, value: number): number {
  do {
    let byte = value & VARINT_VALUE_MASK;
    value = value >>> 7;
    if (value > 0) byte |= VARINT_CONTINUE;
    out[pos++] = byte;
  } while (value > 0);
  return pos;
}

export function isVarintValue(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= VARINT_MAX;
}

/** Result codes of readVarint besides a byte count. */
export const VARINT_INCOMPLETE = 0;
export const VARINT_TOO_LONG = -1;
export const VARINT_NOT_MINIMAL = -2;

/**
 * Reads a varint at `pos` (not past `end`). Returns the number of bytes used (1..4) and
 * stores the value in `result[0]`; or VARINT_INCOMPLETE when the bytes end first,
 * VARINT_TOO_LONG when a fourth byte still says "more" [MQTT-1.5.5], VARINT_NOT_MINIMAL
 * when it uses more bytes than needed [MQTT-1.5.5-1].
 */
export function readVarint(bytes: Uint8Array, pos: number, end: number, result: number[]): number {
  let value = 0;
  let mul = 1;
  for (let i = 0; i < VARINT_MAX_BYTES; i++) {
    if (pos + i >= end) return VARINT_INCOMPLETE;
    const byte = bytes[pos + i];
    value += (byte & VARINT_VALUE_MASK) * mul;
    if ((byte & VARINT_CONTINUE) === 0) {
      if (i > 0 && byte === 0) return VARINT_NOT_MINIMAL;
      result[0] = value;
      return i + 1;
    }
    mul *= 128;
  }
  return VARINT_TOO_LONG;
}
