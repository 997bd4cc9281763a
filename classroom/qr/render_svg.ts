/** A QR code as SVG for a page: one path of horizontal runs, in module units. */
import type { QrCode } from "./encode.ts";

export interface SvgOptions {
  /** Light modules around the symbol (default 4, as ISO/IEC 18004 section 6.3.8 asks). */
  quietZone?: number;
  /** Rendered width and height in CSS pixels (default: scales with its container). */
  sizePx?: number;
  dark?: string;
  light?: string;
  /** Accessible name (the URL, say). */
  title?: string;
}

const escapeXml = (s: string) =>
  s.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!);

export function renderSvg(qr: QrCode, options: SvgOptions = {}): string {
  const quiet = options.quietZone ?? 4;
  const span = qr.size + 2 * quiet;
  let d = "";
  for (let y = 0; y < qr.size; y++) {
    for (let x = 0; x < qr.size;) {
      if (!qr.get(x, y)) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < qr.size && qr.get(x + run, y)) run++;
      d += `M${x + quiet} ${y + quiet}h${run}v1h-${run}z`;
      x += run;
    }
  }
  const size = options.sizePx !== undefined
    ? ` width="${options.sizePx}" height="${options.sizePx}"`
    : "";
  const title = options.title ? `<title>${escapeXml(options.title)}</title>` : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${span} ${span}"${size} ` +
    `shape-rendering="crispEdges" role="img">${title}` +
    `<rect width="${span}" height="${span}" fill="${options.light ?? "#fff"}"/>` +
    `<path d="${d}" fill="${options.dark ?? "#000"}"/></svg>`;
}
