/**
 * The mask evaluation (ISO/IEC 18004:2015 section 7.8.3, Table 11): the mask with the
 * lowest penalty wins. N1 = 3, N2 = 3, N3 = 40, N4 = 10.
 */
const N1 = 3; // runs of 5 + i same-colour modules in a row or column: N1 + i
const N2 = 3; // each 2x2 block of one colour
const N3 = 40; // each 1:1:3:1:1 finder-like pattern with 4 light modules on one side
const N4 = 10; // each 5 % the dark share is away from 50 %

/** dark:light:dark:dark:dark:light:dark then 4 light, and its mirror (Table 11, feature 3). */
const FINDER_LIKE = [
  [1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0],
  [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1],
];

export function penalty(modules: Uint8Array, size: number): number {
  let score = 0;
  const at = (x: number, y: number) => modules[y * size + x];
  // Outside the symbol is the light quiet zone.
  const atOr0 = (x: number, y: number) =>
    x < 0 || y < 0 || x >= size || y >= size ? 0 : modules[y * size + x];

  for (const horizontal of [true, false]) {
    for (let a = 0; a < size; a++) {
      const get = (b: number) => horizontal ? at(b, a) : at(a, b);
      // Feature 1: runs.
      let run = 1;
      for (let b = 1; b <= size; b++) {
        if (b < size && get(b) === get(b - 1)) {
          run++;
        } else {
          if (run >= 5) score += N1 + run - 5;
          run = 1;
        }
      }
      // Feature 3: finder-like patterns, counting the quiet zone as light.
      for (let b = -4; b < size; b++) {
        for (const pattern of FINDER_LIKE) {
          let match = true;
          for (let k = 0; k < 11 && match; k++) {
            const v = horizontal ? atOr0(b + k, a) : atOr0(a, b + k);
            match = v === pattern[k];
          }
          if (match) score += N3;
        }
      }
    }
  }
  // Feature 2: 2x2 blocks.
  for (let y = 0; y + 1 < size; y++) {
    for (let x = 0; x + 1 < size; x++) {
      const c = at(x, y);
      if (c === at(x + 1, y) && c === at(x, y + 1) && c === at(x + 1, y + 1)) score += N2;
    }
  }
  // Feature 4: proportion of dark modules.
  let dark = 0;
  for (const m of modules) dark += m;
  const percent = (dark * 100) / (size * size);
  score += Math.floor(Math.abs(percent - 50) / 5) * N4;
  return score;
}
