/**
 * QR code versions 1 to 10 at error correction level M (enough for a URL of up to 213
 * bytes): codewords and blocks from ISO/IEC 18004:2015 Table 9 "Error correction
 * characteristics for QR Code", alignment pattern centres from Annex E Table E.1.
 */

export interface VersionInfo {
  version: number;
  /** Modules per side: 17 + 4 * version (section 6.1). */
  size: number;
  /** Error correction codewords per block. */
  ecPerBlock: number;
  /** Blocks of each group: [count, data codewords per block]. */
  groups: [number, number][];
  /** Row / column centres of the alignment patterns (Annex E). */
  alignment: number[];
}

const M_LEVEL: [number, [number, number][], number[]][] = [
  // [EC codewords per block, [[blocks, data codewords]...], alignment centres]
  [10, [[1, 16]], []], // 1-M: 26 codewords
  [16, [[1, 28]], [6, 18]], // 2-M: 44
  [26, [[1, 44]], [6, 22]], // 3-M: 70
  [18, [[2, 32]], [6, 26]], // 4-M: 100
  [24, [[2, 43]], [6, 30]], // 5-M: 134
  [16, [[4, 27]], [6, 34]], // 6-M: 172
  [18, [[4, 31]], [6, 22, 38]], // 7-M: 196
  [22, [[2, 38], [2, 39]], [6, 24, 42]], // 8-M: 242
  [22, [[3, 36], [2, 37]], [6, 26, 46]], // 9-M: 292
  [26, [[4, 43], [1, 44]], [6, 28, 50]], // 10-M: 346
];

export const MAX_VERSION = M_LEVEL.length;

export function versionInfo(version: number): VersionInfo {
  const row = M_LEVEL[version - 1];
  if (!Number.isInteger(version) || !row) {
    throw new RangeError(`QR version ${version} is not supported (1 to ${MAX_VERSION})`);
  }
  const [ecPerBlock, groups, alignment] = row;
  return { version, size: 17 + 4 * version, ecPerBlock, groups, alignment };
}

export function dataCodewords(info: VersionInfo): number {
  return info.groups.reduce((n, [blocks, data]) => n + blocks * data, 0);
}

export function totalCodewords(info: VersionInfo): number {
  return info.groups.reduce((n, [blocks, data]) => n + blocks * (data + info.ecPerBlock), 0);
}

/** Bits of the byte mode character count indicator (Table 3): 8 up to version 9, then 16. */
export function byteCountBits(version: number): number {
  return version <= 9 ? 8 : 16;
}

/** Bytes a version holds in byte mode: mode (4 bits) + count + 8 per byte. */
export function byteCapacity(version: number): number {
  const bits = dataCodewords(versionInfo(version)) * 8 - 4 - byteCountBits(version);
  return Math.floor(bits / 8);
}
