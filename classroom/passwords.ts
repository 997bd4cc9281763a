/**
 * Passwords a student can read off a printed sheet and type on a phone: 8 characters in two
 * groups ("k7pm-2qxw") from lower-case letters and digits without the look-alikes
 * 0/o, 1/l/i. About 39.6 bits: plenty for a classroom broker that lives for one lesson.
 */

/** Fills `bytes` with random values (crypto.getRandomValues by default; inject for tests). */
export type RandomBytes = (bytes: Uint8Array) => Uint8Array;

export const PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const PASSWORD_CHARS = 8;

export const hostRandom: RandomBytes = (bytes) => crypto.getRandomValues(bytes);

/** A uniform index below `n` (rejection sampling: no modulo bias). */
function uniform(random: RandomBytes, n: number): number {
  const limit = 256 - (256 % n);
  const one = new Uint8Array(1);
  for (;;) {
    random(one);
    if (one[0] < limit) return one[0] % n;
  }
}

export function makePassword(random: RandomBytes = hostRandom): string {
  let out = "";
  for (let i = 0; i < PASSWORD_CHARS; i++) {
    if (i === PASSWORD_CHARS / 2) out += "-";
    out += PASSWORD_ALPHABET[uniform(random, PASSWORD_ALPHABET.length)];
  }
  return out;
}

/**
 * A deterministic RandomBytes from a seed (xorshift32), for tests and for a teacher who
 * wants the same sheet twice (`--seats 30 --seats-seed 7`). Not for secrets.
 */
export function seededBytes(seed: number): RandomBytes {
  let s = (seed >>> 0) || 0x9e3779b9;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) {
      s ^= s << 13;
      s >>>= 0;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
      bytes[i] = s & 0xff;
    }
    return bytes;
  };
}
