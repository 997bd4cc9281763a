import assert from "node:assert/strict";
import { rsRemainder } from "./gf256.ts";
import { buildSymbol } from "./encode.ts";
import { formatBits, versionBits } from "./matrix.ts";

Deno.test("formatBits() matches ISO/IEC 18004 Annex C for level M, masks 0-7", () => {
  const table = [
    "101010000010010",
    "101000100100101",
    "101111001111100",
    "101101101001011",
    "100010111111001",
    "100000011001110",
    "100111110010111",
    "100101010100000",
  ];
  assert.deepEqual(
    table.map((_, mask) => formatBits(mask).toString(2).padStart(15, "0")),
    table,
  );
});

Deno.test("versionBits() matches ISO/IEC 18004 Annex D for versions 7-10", () => {
  assert.deepEqual([7, 8, 9, 10].map(versionBits), [0x07c94, 0x085bc, 0x09a99, 0x0a4d3]);
});

/**
 * ISO/IEC 18004 Annex I: "01234567" at 1-M with mask 010. The matrix as published (and as
 * used as a test vector by the Rust `qrcode` crate); '#' dark, '.' light.
 */
const ANNEX_I = `
#######..#.##.#######
#.....#..####.#.....#
#.###.#.#.....#.###.#
#.###.#.##....#.###.#
#.###.#.#.###.#.###.#
#.....#.#...#.#.....#
#######.#.#.#.#######
........#..##........
#.#####..#..#.#####..
...#.#.##.#.#..#.##..
..#...##.#.#.#..#####
....#....#.....####..
...######..#.#..#....
........#.#####..##..
#######..##.#.##.....
#.....#.#.#####...#.#
#.###.#.#...#..#.##..
#.###.#.##..#..#.....
#.###.#.#.##.#..#.#..
#.....#........##.##.
#######.####.#..#.#..`.trim();

Deno.test("buildSymbol() draws ISO/IEC 18004 Annex I's symbol module for module", () => {
  const data = new Uint8Array([
    0x10,
    0x20,
    0x0c,
    0x56,
    0x61,
    0x80,
    0xec,
    0x11,
    0xec,
    0x11,
    0xec,
    0x11,
    0xec,
    0x11,
    0xec,
    0x11,
  ]);
  const symbol = buildSymbol(1, new Uint8Array([...data, ...rsRemainder(data, 10)]), 2);
  const rows: string[] = [];
  for (let y = 0; y < symbol.size; y++) {
    let row = "";
    for (let x = 0; x < symbol.size; x++) row += symbol.get(x, y) ? "#" : ".";
    rows.push(row);
  }
  assert.equal(rows.join("\n"), ANNEX_I);
});
