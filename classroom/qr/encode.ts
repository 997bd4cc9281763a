/**
 * A QR code of a short text (a URL): byte mode, error correction level M, the smallest of
 * versions 1 to 10 that holds it, the mask with the lowest penalty (ISO/IEC 18004:2015).
 *
 *     const qr = encodeQr("http://192.168.1.20:8000/");
 *     qr.size; qr.get(x, y); // 1 = dark
 */
import { dataCodewordsFor, finalCodewords } from "./codewords.ts";
import { QrMatrix } from "./matrix.ts";
import { penalty } from "./penalty.ts";
import { byteCapacity, MAX_VERSION, versionInfo } from "./versions.ts";

export interface QrCode {
  version: number;
  /** Modules per side, without the quiet zone. */
  size: number;
  mask: number;
  /** Row-major, 1 = dark. */
  modules: Uint8Array;
  get(x: number, y: number): number;
}

export interface QrOptions {
  /** Force a mask 0..7 instead of evaluating all eight. */
  mask?: number;
  /** Smallest version to use (default 1). */
  minVersion?: number;
}

/** The symbol for ready-made codewords (data and error correction, interleaved). */
export function buildSymbol(version: number, codewords: Uint8Array, mask: number): QrCode {
  const matrix = new QrMatrix(versionInfo(version));
  matrix.placeCodewords(codewords);
  matrix.applyMask(mask);
  matrix.drawFormat(mask);
  const { size, modules } = matrix;
  return { version, size, mask, modules, get: (x, y) => modules[y * size + x] };
}

export function encodeQr(text: string | Uint8Array, options: QrOptions = {}): QrCode {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  let version = options.minVersion ?? 1;
  while (version <= MAX_VERSION && byteCapacity(version) < bytes.length) version++;
  if (version > MAX_VERSION) {
    throw new RangeError(
      `Cannot make a QR code of ${bytes.length} bytes: versions 1-${MAX_VERSION} at level M ` +
        `hold up to ${byteCapacity(MAX_VERSION)}`,
    );
  }
  const info = versionInfo(version);
  const codewords = finalCodewords(dataCodewordsFor(bytes, info), info);
  if (options.mask !== undefined) return buildSymbol(version, codewords, options.mask);
  let best: QrCode | undefined;
  let bestScore = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    const symbol = buildSymbol(version, codewords, mask);
    const score = penalty(symbol.modules, symbol.size);
    if (score < bestScore) {
      best = symbol;
      bestScore = score;
    }
  }
  return best!;
}
