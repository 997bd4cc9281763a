/**
 * classroom/qr: a QR code encoder (byte mode, level M, versions 1-10, ISO/IEC 18004:2015)
 * with terminal, SVG and PNG renderings. Written here because it is small and the project
 * has no registry for it.
 */
export { buildSymbol, encodeQr, type QrCode, type QrOptions } from "./encode.ts";
export { renderText, type TextOptions } from "./render_text.ts";
export { renderSvg, type SvgOptions } from "./render_svg.ts";
export { encodePng, type PngOptions, renderPng } from "./png.ts";
export { byteCapacity, MAX_VERSION } from "./versions.ts";
