/**
 * The symbol: function patterns, codeword placement, masking, format and version
 * information (ISO/IEC 18004:2015 section 6.3 "Structure", 7.7 "Codeword placement in
 * matrix", 7.8 "Data masking", 7.9 "Format information", 7.10 "Version information").
 * Coordinates are (x = column, y = row) from the top-left corner; 1 is dark.
 */
import type { VersionInfo } from "./versions.ts";

/** Level M's two format bits (Table 12: L 01, M 00, Q 11, H 10). */
const EC_LEVEL_M_BITS = 0b00;
/** BCH(15,5) generator x^10+x^8+x^5+x^4+x^2+x+1 and the XOR mask (section 7.9.1). */
const FORMAT_GENERATOR = 0x537;
const FORMAT_MASK = 0x5412;
/** BCH(18,6) generator x^12+x^11+x^10+x^9+x^8+x^5+x^2+1 (section 7.10, Annex D). */
const VERSION_GENERATOR = 0x1f25;

/** The 15 format bits for level M and a mask (section 7.9.1, Annex C). */
export function formatBits(mask: number): number {
  const data = (EC_LEVEL_M_BITS << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * FORMAT_GENERATOR);
  return ((data << 10) | rem) ^ FORMAT_MASK;
}

/** The 18 version bits (versions 7 and up, section 7.10, Annex D). */
export function versionBits(version: number): number {
  let rem = version;
  for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * VERSION_GENERATOR);
  return (version << 12) | rem;
}

/** Mask conditions, Table 10: where true, the module is inverted. */
export const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0, // 000: (i + j) mod 2 = 0
  (_x, y) => y % 2 === 0, // 001: i mod 2 = 0
  (x) => x % 3 === 0, // 010: j mod 3 = 0
  (x, y) => (x + y) % 3 === 0, // 011
  (x, y) => (Math.floor(y / 2) + Math.floor(x / 3)) % 2 === 0, // 100
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0, // 101
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0, // 110
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0, // 111
];

export class QrMatrix {
  readonly size: number;
  /** Row-major modules, 1 = dark. */
  readonly modules: Uint8Array;
  /** 1 where a function pattern (or format / version area) sits: no data, no mask. */
  readonly isFunction: Uint8Array;

  constructor(readonly info: VersionInfo) {
    this.size = info.size;
    this.modules = new Uint8Array(this.size * this.size);
    this.isFunction = new Uint8Array(this.size * this.size);
    this.#drawFunctionPatterns();
  }

  get(x: number, y: number): number {
    return this.modules[y * this.size + x];
  }

  #setFunction(x: number, y: number, dark: boolean): void {
    const i = y * this.size + x;
    this.modules[i] = dark ? 1 : 0;
    this.isFunction[i] = 1;
  }

  #drawFunctionPatterns(): void {
    const size = this.size;
    // Timing patterns (6.3.5): row 6 and column 6 alternate, dark on even positions.
    for (let i = 0; i < size; i++) {
      this.#setFunction(6, i, i % 2 === 0);
      this.#setFunction(i, 6, i % 2 === 0);
    }
    // Finder patterns with their separators (6.3.3, 6.3.4).
    this.#drawFinder(3, 3);
    this.#drawFinder(size - 4, 3);
    this.#drawFinder(3, size - 4);
    // Alignment patterns (6.3.6) at every pair of centres except the finders' corners.
    const centres = this.info.alignment;
    const last = centres.length - 1;
    for (let i = 0; i <= last; i++) {
      for (let j = 0; j <= last; j++) {
        const onFinder = (i === 0 && j === 0) || (i === 0 && j === last) ||
          (i === last && j === 0);
        if (!onFinder) this.#drawAlignment(centres[i], centres[j]);
      }
    }
    // Reserve the format areas (drawn for real once the mask is chosen) and the version.
    this.drawFormat(0);
    this.#drawVersion();
  }

  #drawFinder(cx: number, cy: number): void {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        if (x < 0 || y < 0 || x >= this.size || y >= this.size) continue;
        const ring = Math.max(Math.abs(dx), Math.abs(dy)); // 0..1 core, 2 light, 3 dark, 4 separator
        this.#setFunction(x, y, ring !== 2 && ring !== 4);
      }
    }
  }

  #drawAlignment(cx: number, cy: number): void {
    for (let dy = -2; dy <= 2; dy++) {
      for (let dx = -2; dx <= 2; dx++) {
        this.#setFunction(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }
    }
  }

  /** Both copies of the format information (7.9.1, Figure 25) and the dark module. */
  drawFormat(mask: number): void {
    const bits = formatBits(mask);
    const bit = (i: number) => ((bits >>> i) & 1) === 1;
    const size = this.size;
    // Around the top-left finder: bits 0-5 down column 8, then 6-8 round the corner,
    // bits 9-14 along row 8 leftwards.
    for (let i = 0; i <= 5; i++) this.#setFunction(8, i, bit(i));
    this.#setFunction(8, 7, bit(6));
    this.#setFunction(8, 8, bit(7));
    this.#setFunction(7, 8, bit(8));
    for (let i = 9; i < 15; i++) this.#setFunction(14 - i, 8, bit(i));
    // The second copy: bits 0-7 along row 8 at the right, 8-14 up column 8 at the bottom.
    for (let i = 0; i < 8; i++) this.#setFunction(size - 1 - i, 8, bit(i));
    for (let i = 8; i < 15; i++) this.#setFunction(8, size - 15 + i, bit(i));
    this.#setFunction(8, size - 8, true); // the dark module (7.9.1)
  }

  /** Two 6x3 blocks of version information, versions 7 and up (7.10, Figure 27). */
  #drawVersion(): void {
    if (this.info.version < 7) return;
    const bits = versionBits(this.info.version);
    for (let i = 0; i < 18; i++) {
      const dark = ((bits >>> i) & 1) === 1;
      const a = this.size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      this.#setFunction(a, b, dark);
      this.#setFunction(b, a, dark);
    }
  }

  /**
   * Places codewords in two-module columns from the bottom right, upwards then downwards,
   * skipping the vertical timing column (7.7.3). Modules left over stay light: the
   * remainder bits are zeros.
   */
  placeCodewords(codewords: Uint8Array): void {
    const size = this.size;
    let i = 0;
    const total = codewords.length * 8;
    for (let right = size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      const upward = ((right + 1) & 2) === 0;
      for (let vert = 0; vert < size; vert++) {
        const y = upward ? size - 1 - vert : vert;
        for (let j = 0; j < 2; j++) {
          const at = y * size + right - j;
          if (this.isFunction[at] || i >= total) continue;
          this.modules[at] = (codewords[i >>> 3] >>> (7 - (i & 7))) & 1;
          i++;
        }
      }
    }
    if (i !== total) throw new Error(`Placed ${i} of ${total} codeword bits: the table is wrong`);
  }

  /** Inverts data modules where the mask's condition holds (XOR: applying twice undoes). */
  applyMask(mask: number): void {
    const condition = MASKS[mask];
    for (let y = 0; y < this.size; y++) {
      for (let x = 0; x < this.size; x++) {
        const at = y * this.size + x;
        if (!this.isFunction[at] && condition(x, y)) this.modules[at] ^= 1;
      }
    }
  }
}
