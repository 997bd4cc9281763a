/**
 * Our QR codes read by an independent decoder: Debian's zbarimg (zbar-tools) decodes the
 * PNGs we render, for every version 1-10 filled to capacity and every mask.
 */
import assert from "node:assert/strict";
import {
  byteCapacity,
  encodePng,
  encodeQr,
  MAX_VERSION,
  renderPng,
  renderText,
} from "../classroom/qr/mod.ts";

const HAVE_ZBAR = (() => {
  try {
    return Deno.statSync("/usr/bin/zbarimg").isFile;
  } catch {
    return false;
  }
})();

/** zbarimg prints one line per decoded symbol, in the order of the files given. */
async function zbar(files: string[]): Promise<string[]> {
  const out = await new Deno.Command("zbarimg", {
    args: ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", ...files],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, `zbarimg: ${new TextDecoder().decode(out.stderr)}`);
  return new TextDecoder().decode(out.stdout).replace(/\n$/, "").split("\n");
}

Deno.test({
  name: "zbarimg decodes our QR codes: versions 1-10 at capacity, all eight masks",
  ignore: !HAVE_ZBAR,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "qr-" });
    try {
      const files: string[] = [];
      const texts: string[] = [];
      for (let version = 1; version <= MAX_VERSION; version++) {
        const base = "http://192.168.1.20:8000/seat/07?v=";
        const text = (base + "abcdefghij".repeat(22)).slice(0, byteCapacity(version));
        for (let mask = 0; mask < 8; mask++) {
          const qr = encodeQr(text, { mask });
          assert.equal(qr.version, version);
          const file = `${dir}/v${version}-m${mask}.png`;
          await Deno.writeFile(file, await renderPng(qr, { scale: 4 }));
          files.push(file);
          texts.push(text);
        }
      }
      assert.deepEqual(await zbar(files), texts);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "zbarimg decodes the classroom URL with the mask our evaluation chose",
  ignore: !HAVE_ZBAR,
  async fn() {
    const file = await Deno.makeTempFile({ suffix: ".png" });
    try {
      const url = "http://192.168.1.20:8000/";
      await Deno.writeFile(file, await renderPng(encodeQr(url)));
      assert.deepEqual(await zbar([file]), [url]);
    } finally {
      await Deno.remove(file);
    }
  },
});

Deno.test({
  name: "zbarimg decodes the terminal drawing (half blocks read back as pixels)",
  ignore: !HAVE_ZBAR,
  async fn() {
    const url = "http://192.168.1.20:8000/";
    const lines = renderText(encodeQr(url), { ansi: false, quietZone: 4 }).slice(0, -1).split("\n");
    // Each character is one module wide and two tall: upper half, lower half.
    const halves: Record<string, [number, number]> = {
      " ": [0, 0],
      "\u2580": [1, 0],
      "\u2584": [0, 1],
      "\u2588": [1, 1],
    };
    const width = [...lines[0]].length;
    const scale = 4;
    const side = width * scale;
    const height = lines.length * 2 * scale;
    const grey = new Uint8Array(side * height).fill(255);
    lines.forEach((line, row) => {
      [...line].forEach((ch, x) => {
        halves[ch].forEach((dark, half) => {
          if (!dark) return;
          for (let dy = 0; dy < scale; dy++) {
            const at = ((row * 2 + half) * scale + dy) * side + x * scale;
            grey.fill(0, at, at + scale);
          }
        });
      });
    });
    const file = await Deno.makeTempFile({ suffix: ".png" });
    try {
      await Deno.writeFile(file, await encodePng(side, height, grey));
      assert.deepEqual(await zbar([file]), [url]);
    } finally {
      await Deno.remove(file);
    }
  },
});
