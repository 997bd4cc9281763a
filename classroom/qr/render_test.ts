import assert from "node:assert/strict";
import { encodeQr } from "./encode.ts";
import { crc32, encodePng, renderPng } from "./png.ts";
import { renderSvg } from "./render_svg.ts";
import { renderText } from "./render_text.ts";

Deno.test("crc32() of 'IEND' is the constant every PNG ends with (AE 42 60 82)", () => {
  assert.equal(crc32(new TextEncoder().encode("IEND")), 0xae426082);
});

Deno.test("encodePng() writes signature, IHDR, IDAT (zlib), IEND", async () => {
  const png = await encodePng(2, 1, new Uint8Array([0, 255]));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(new TextDecoder().decode(png.subarray(12, 16)), "IHDR");
  const idat = 8 + 25;
  assert.equal(new TextDecoder().decode(png.subarray(idat + 4, idat + 8)), "IDAT");
  assert.equal(png[idat + 8], 0x78, "zlib header (RFC 1950 CMF: deflate, 32K window)");
  assert.deepEqual([...png.subarray(-8)], [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
});

Deno.test("renderPng() scales modules and adds a 4-module quiet zone", async () => {
  const qr = encodeQr("hi");
  const png = await renderPng(qr, { scale: 2 });
  const width = new DataView(png.buffer).getUint32(16);
  assert.equal(width, (21 + 8) * 2);
});

Deno.test("renderText() packs two module rows per line with half blocks", () => {
  const qr = encodeQr("hi");
  const plain = renderText(qr, { ansi: false, quietZone: 0 });
  const lines = plain.slice(0, -1).split("\n");
  assert.equal(lines.length, Math.ceil(21 / 2));
  assert.ok(lines.every((l) => [...l].length === 21));
  // The top-left finder: rows 0 and 1 are ####### / #.....# -> full, then upper halves.
  assert.equal([...lines[0]].slice(0, 7).join(""), "\u2588\u2580\u2580\u2580\u2580\u2580\u2588");
  const ansi = renderText(qr);
  assert.ok(ansi.startsWith("\x1b[30;107m"));
});

Deno.test("renderSvg() draws one path in module units with a light background", () => {
  const qr = encodeQr("hi");
  const svg = renderSvg(qr, { title: "a<b", sizePx: 200 });
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 29 29" width="200"/);
  assert.match(svg, /<title>a&lt;b<\/title>/);
  assert.match(svg, /<path d="M4 4h7v1h-7z/); // the top-left finder's first row
});

Deno.test("renderSvg()'s runs cover exactly the dark modules", () => {
  const qr = encodeQr("http://192.168.1.20:8000/");
  const svg = renderSvg(qr, { quietZone: 0 });
  const drawn = new Set<string>();
  for (const [, x, y, run] of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(run); i++) drawn.add(`${Number(x) + i},${y}`);
  }
  for (let y = 0; y < qr.size; y++) {
    for (let x = 0; x < qr.size; x++) assert.equal(drawn.has(`${x},${y}`), qr.get(x, y) === 1);
  }
});
