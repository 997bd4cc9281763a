/**
 * A QR code in a terminal: two module rows per text line with Unicode half blocks
 * (U+2580 upper, U+2584 lower, U+2588 full), so modules come out about square.
 */
import type { QrCode } from "./encode.ts";

export interface TextOptions {
  /** Light modules around the symbol (ISO asks for 4; 2 is usually enough on screen). */
  quietZone?: number;
  /**
   * Force black on white with ANSI colours (default true), so the code scans on dark and
   * light terminal themes alike; false gives plain characters (dark = block).
   */
  ansi?: boolean;
}

const BLOCKS = [" ", "\u2580", "\u2584", "\u2588"]; // by (top dark) + 2 * (bottom dark)
const BLACK_ON_WHITE = "\x1b[30;107m";
const RESET = "\x1b[0m";

export function renderText(qr: QrCode, options: TextOptions = {}): string {
  const quiet = options.quietZone ?? 2;
  const ansi = options.ansi ?? true;
  const span = qr.size + 2 * quiet;
  const dark = (x: number, y: number) => {
    const mx = x - quiet;
    const my = y - quiet;
    return mx >= 0 && my >= 0 && mx < qr.size && my < qr.size ? qr.get(mx, my) : 0;
  };
  const lines: string[] = [];
  for (let y = 0; y < span; y += 2) {
    let line = "";
    for (let x = 0; x < span; x++) line += BLOCKS[dark(x, y) + 2 * dark(x, y + 1)];
    lines.push(ansi ? BLACK_ON_WHITE + line + RESET : line);
  }
  return lines.join("\n") + "\n";
}
