/**
 * The Internet checksum (RFC 1071, "Computing the Internet Checksum"): the one's complement
 * of the one's complement sum of 16-bit big-endian words, used by the IPv4 header (RFC 791
 * section 3.1, "Header Checksum") and by TCP over a pseudo-header (RFC 793 section 3.1,
 * "Checksum").
 */

/** Adds `bytes` to a running one's complement sum (not yet folded or inverted). */
export function sumWords(bytes: Uint8Array, start = 0, end = bytes.length, sum = 0): number {
  let i = start;
  for (; i + 1 < end; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if (i < end) sum += bytes[i] << 8; // an odd last byte is padded with a zero byte
  // Fold now and then so the sum stays a small integer even for large segments.
  return sum > 0xffff_ffff ? fold(sum) : sum;
}

/** Folds carries back into 16 bits (end-around carry). */
export function fold(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/** The checksum of `bytes[start, end)`, ready to store: ~fold(sum) & 0xffff. */
export function internetChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return ~fold(sumWords(bytes, start, end)) & 0xffff;
}
