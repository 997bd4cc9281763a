/**
 * A tiny PNG encoder (8-bit greyscale), enough to hand a QR code to an image decoder such as
 * zbarimg: signature, IHDR, one IDAT compressed with zlib (CompressionStream "deflate" is
 * RFC 1950 zlib), IEND; every chunk with its CRC-32 (PNG specification, ISO/IEC 15948,
 * sections 5 "Datastream structure" and 11 "Chunk specifications").
 */
import type { QrCode } from "./encode.ts";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const COLOUR_GREYSCALE = 0;
const FILTER_NONE = 0;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG (and zlib's crc32) computes it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

async function zlib(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(
    new CompressionStream("deflate"),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Greyscale pixels (0 black .. 255 white), row-major, as a PNG file. */
export async function encodePng(
  width: number,
  height: number,
  grey: Uint8Array,
): Promise<Uint8Array> {
  if (grey.length !== width * height) {
    throw new RangeError(`Cannot encode a ${width}x${height} PNG from ${grey.length} pixels`);
  }
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = COLOUR_GREYSCALE;
  // [10] compression 0 (deflate), [11] filter method 0, [12] interlace 0: all zero.
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = FILTER_NONE; // each scanline starts with its filter type
    raw.set(grey.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }
  const parts = [
    new Uint8Array(SIGNATURE),
    chunk("IHDR", ihdr),
    chunk("IDAT", await zlib(raw)),
    chunk("IEND", new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface PngOptions {
  /** Pixels per module (default 8). */
  scale?: number;
  /** Light modules around the symbol (default 4). */
  quietZone?: number;
}

/** A QR code as a PNG image, black modules on white. */
export function renderPng(qr: QrCode, options: PngOptions = {}): Promise<Uint8Array> {
  const scale = options.scale ?? 8;
  const quiet = options.quietZone ?? 4;
  const side = (qr.size + 2 * quiet) * scale;
  const grey = new Uint8Array(side * side).fill(255);
  for (let y = 0; y < qr.size; y++) {
    for (let x = 0; x < qr.size; x++) {
      if (!qr.get(x, y)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = ((y + quiet) * scale + dy) * side + (x + quiet) * scale;
        grey.fill(0, row, row + scale);
      }
    }
  }
  return encodePng(side, side, grey);
}
