/**
 * Seeded fuzzing of the decoder and the dissector: random bytes and mutated valid frames go
 * through decodeFrame, an incremental Decoder fed in random chunks, and dissect. Only
 * CodecError may be thrown, dissect never throws and always covers every byte, whatever
 * decodes re-encodes stably, and a Decoder never holds more than its maxPacketSize.
 *
 * `deno task fuzz [frames] [seed]` runs a million frames by default.
 */
import { SeededRandom } from "../../sim/mod.ts";
import { coverageProblems } from "./_coverage.ts";
import { PACKET_TYPES, randomPacket } from "./_generate.ts";
import { decodeFrame, Decoder } from "./decode.ts";
import { dissect } from "./dissect.ts";
import { encode } from "./encode.ts";
import { CodecError } from "./errors.ts";
import type { ProtocolLevel } from "./packet.ts";

export interface FuzzStats {
  frames: number;
  decoded: number;
  rejected: number;
  /** Rejections by rule, e.g. { "MQTT-2.2.2-1": 1234 }. */
  rules: Record<string, number>;
}

const LEVELS: ProtocolLevel[] = [3, 4, 5];
const MAX_PACKET_SIZE = 4096;

function corpus(r: SeededRandom, size: number): { level: ProtocolLevel; bytes: Uint8Array }[] {
  const out = [];
  for (let i = 0; i < size; i++) {
    const level = r.pick(LEVELS);
    const type = r.pick(PACKET_TYPES);
    if (type === "AUTH" && level !== 5) continue;
    out.push({ level, bytes: encode(randomPacket(r, type, level), level) });
  }
  return out;
}

function mutate(r: SeededRandom, src: Uint8Array, other: Uint8Array): Uint8Array {
  let b = Array.from(src);
  const edits = r.int(1, 4);
  for (let e = 0; e < edits; e++) {
    const at = r.int(0, Math.max(1, b.length));
    switch (r.int(0, 8)) {
      case 0: // flip a bit
        if (b.length) b[at] ^= 1 << r.int(0, 8);
        break;
      case 1: // a random byte
        if (b.length) b[at] = r.int(0, 256);
        break;
      case 2: // an interesting byte
        if (b.length) b[at] = r.pick([0, 1, 0x7f, 0x80, 0xff, 0x23, 0x2b, 0xc0, 0xed]);
        break;
      case 3: // insert
        b.splice(at, 0, ...Array.from({ length: r.int(1, 4) }, () => r.int(0, 256)));
        break;
      case 4: // delete
        b.splice(at, r.int(1, 4));
        break;
      case 5: // truncate
        b = b.slice(0, Math.max(at, 2));
        break;
      case 6: // first byte: another type and flags, now and then
        if (b.length && r.chance(0.3)) b[0] = r.int(0, 256);
        break;
      case 7: // glue another frame on
        b = b.concat(Array.from(other.subarray(0, r.int(0, other.length + 1))));
        break;
    }
  }
  // most of the time, make the remaining length agree so the mutation reaches the body
  if (b.length >= 2 && r.chance(0.7)) {
    let h = 1;
    while (h < 5 && h < b.length && (b[h] & 0x80) !== 0) h++;
    const body = b.slice(Math.min(h + 1, b.length));
    const len: number[] = [];
    let n = body.length;
    do {
      len.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
      n >>>= 7;
    } while (n > 0);
    b = [b[0], ...len, ...body];
  }
  return new Uint8Array(b);
}

function randomBytes(r: SeededRandom): Uint8Array {
  const b = r.fill(new Uint8Array(r.int(0, 48)));
  if (b.length > 0 && r.chance(0.7)) {
    b[0] = (r.int(1, 16) << 4) | (r.chance(0.7) ? 0 : r.int(0, 16));
  }
  if (b.length > 1 && r.chance(0.7)) b[1] = Math.min(b.length - 2, r.int(0, 128));
  return b;
}

function fail(what: string, input: Uint8Array, level: ProtocolLevel, e: unknown): never {
  const hex = Array.from(input, (x) => x.toString(16).padStart(2, "0")).join(" ");
  throw new Error(
    `fuzz: ${what} at level ${level} on [${hex}]: ${e instanceof Error ? e.stack : e}`,
  );
}

/** Runs `frames` fuzz cases from `seed`; throws on the first finding. */
export function fuzz(seed: number, frames: number, progress?: (done: number) => void): FuzzStats {
  const r = new SeededRandom(seed);
  const seeds = corpus(r.fork("corpus"), 2000);
  const stats: FuzzStats = { frames: 0, decoded: 0, rejected: 0, rules: {} };
  for (let i = 0; i < frames; i++) {
    const base = r.pick(seeds);
    const level = r.chance(0.9) ? base.level : r.pick(LEVELS);
    const input = r.chance(0.25) ? randomBytes(r) : mutate(r, base.bytes, r.pick(seeds).bytes);

    // 1. whole-frame decoding: a packet or a CodecError, nothing else
    try {
      const packet = decodeFrame(input, level);
      stats.decoded++;
      const level2 = packet.type === "CONNECT" ? packet.protocolLevel : level;
      let again: Uint8Array;
      try {
        again = encode(packet, level2);
        const twice = encode(decodeFrame(again, level2), level2);
        if (twice.length !== again.length || twice.some((x, k) => x !== again[k])) {
          throw new Error("re-encoding is not stable");
        }
      } catch (e) {
        fail("re-encoding a decoded packet", input, level, e);
      }
    } catch (e) {
      if (!(e instanceof CodecError)) fail("decodeFrame threw a non-CodecError", input, level, e);
      stats.rejected++;
      stats.rules[e.rule] = (stats.rules[e.rule] ?? 0) + 1;
    }

    // 2. the incremental decoder over random chunks, twice glued
    const d = new Decoder({ level, maxPacketSize: MAX_PACKET_SIZE });
    try {
      for (let round = 0; round < 2; round++) {
        for (let pos = 0; pos < input.length;) {
          const n = r.int(1, 16);
          d.push(input.subarray(pos, pos + n));
          pos += n;
          if (d.buffered > MAX_PACKET_SIZE) throw new Error(`decoder holds ${d.buffered} bytes`);
        }
      }
    } catch (e) {
      if (!(e instanceof CodecError)) fail("Decoder threw a non-CodecError", input, level, e);
    }

    // 3. the dissector: never throws, always tiles the frame
    let problems: string[];
    try {
      problems = coverageProblems(dissect(input, level), input.length);
    } catch (e) {
      fail("dissect threw", input, level, e);
    }
    if (problems.length > 0) {
      fail("dissect left bytes uncovered", input, level, problems.join("; "));
    }

    stats.frames++;
    if (progress && (i + 1) % 100_000 === 0) progress(i + 1);
  }
  return stats;
}

if (import.meta.main) {
  const frames = Number(Deno.args[0] ?? 1_000_000);
  const seed = Number(Deno.args[1] ?? 1);
  console.log(`fuzzing the codec: ${frames} frames, seed ${seed}`);
  const mib = () => (Deno.memoryUsage().heapUsed / 2 ** 20).toFixed(1);
  const stats = fuzz(seed, frames, (n) => console.log(`  ${n} frames, heap ${mib()} MiB`));
  console.log(
    `done: ${stats.frames} frames, ${stats.decoded} decoded, ${stats.rejected} rejected with a CodecError, 0 findings`,
  );
  const top = Object.entries(stats.rules).sort((a, b) => b[1] - a[1]);
  for (const [rule, n] of top) console.log(`  ${rule.padEnd(16)} ${n}`);
}
