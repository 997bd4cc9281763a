/**
 * UTF-8 for MQTT strings (1.5.4): well-formed UTF-8, no surrogates [MQTT-1.5.4-1], no U+0000
 * [MQTT-1.5.4-2], and a BOM is kept, never skipped [MQTT-1.5.4-3]. ASCII takes a fast path
 * without allocating; anything else goes through the platform's TextDecoder/TextEncoder.
 */

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** ASCII strings up to this length are built char by char; longer ones use TextDecoder. */
const SHORT_STRING = 48;

/**
 * Decodes bytes[start, end) or returns undefined when they are not valid UTF-8 or contain
 * U+0000 (call utf8Problem for the reason).
 */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string | undefined {
  if (end - start <= SHORT_STRING) {
    let s = "";
    let i = start;
    for (; i < end; i++) {
      const c = bytes[i];
      if (c === 0 || c >= 0x80) break;
      s += String.fromCharCode(c);
    }
    if (i === end) return s;
  }
  let s: string;
  try {
    s = decoder.decode(bytes.subarray(start, end));
  } catch {
    return undefined;
  }
  return s.indexOf("\0") === -1 ? s : undefined;
}

/** Why bytes[start, end) is not an MQTT string: a message and its rule, or undefined if it is. */
export function utf8Problem(
  bytes: Uint8Array,
  start: number,
  end: number,
): { why: string; rule: string } | undefined {
  let s: string;
  try {
    s = decoder.decode(bytes.subarray(start, end));
  } catch {
    return { why: "not valid UTF-8", rule: "MQTT-1.5.4-1" };
  }
  if (s.indexOf("\0") !== -1) return { why: "contains U+0000", rule: "MQTT-1.5.4-2" };
  return undefined;
}

/**
 * UTF-8 byte length of `s`, or -1 when it cannot be an MQTT string (U+0000 or a lone
 * surrogate, which has no UTF-8 encoding).
 */
export function utf8Length(s: string): number {
  const n = s.length;
  let len = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0) return -1;
    } else if (c < 0x800) {
      len += 1;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || next < 0xdc00 || next > 0xdfff) return -1;
      len += 2; // 2 UTF-16 units, 4 UTF-8 bytes
      i++;
    } else {
      len += 2;
    }
  }
  return len;
}

/** Writes `s`, whose UTF-8 length is `byteLength`, at `pos`; returns the position after it. */
export function writeUtf8(out: Uint8Array, pos: number, s: string, byteLength: number): number {
  const n = s.length;
  if (byteLength === n) {
    for (let i = 0; i < n; i++) out[pos + i] = s.charCodeAt(i);
  } else {
    encoder.encodeInto(s, out.subarray(pos, pos + byteLength));
  }
  return pos + byteLength;
}

/** Plain UTF-8 encoding (for payloads given as text). */
export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Lenient decoding for display: invalid sequences become U+FFFD. */
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });
export function utf8Display(bytes: Uint8Array): string {
  return lenient.decode(bytes);
}

/** Strict decoding of any bytes (no U+0000 rule): undefined when not valid UTF-8. */
export function utf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
