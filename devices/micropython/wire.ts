/**
 * The binary format of requests and replies in the control block: a sequence of tagged
 * values. Bytes travel as bytes (no hex, no JSON); numbers as float64, so virtual
 * microseconds beyond 2^31 survive.
 */

export type WireValue = null | boolean | number | string | Uint8Array;

const TAG_NONE = 0;
const TAG_TRUE = 1;
const TAG_FALSE = 2;
const TAG_NUMBER = 3;
const TAG_STRING = 4;
const TAG_BYTES = 5;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class WireWriter {
  #bytes: Uint8Array;
  #view: DataView;
  #at = 0;

  constructor(region: Uint8Array) {
    this.#bytes = region;
    this.#view = new DataView(region.buffer, region.byteOffset, region.byteLength);
  }

  get length(): number {
    return this.#at;
  }

  reset(): this {
    this.#at = 0;
    return this;
  }

  value(v: WireValue | undefined): this {
    if (v === null || v === undefined) return this.#tag(TAG_NONE);
    if (v === true) return this.#tag(TAG_TRUE);
    if (v === false) return this.#tag(TAG_FALSE);
    if (typeof v === "number") {
      this.#room(9);
      this.#bytes[this.#at] = TAG_NUMBER;
      this.#view.setFloat64(this.#at + 1, v, true);
      this.#at += 9;
      return this;
    }
    if (typeof v === "string") return this.#blob(TAG_STRING, encoder.encode(v));
    return this.#blob(TAG_BYTES, v);
  }

  #tag(tag: number): this {
    this.#room(1);
    this.#bytes[this.#at++] = tag;
    return this;
  }

  #blob(tag: number, data: Uint8Array): this {
    this.#room(5 + data.length);
    this.#bytes[this.#at] = tag;
    this.#view.setUint32(this.#at + 1, data.length, true);
    this.#bytes.set(data, this.#at + 5);
    this.#at += 5 + data.length;
    return this;
  }

  #room(n: number): void {
    if (this.#at + n > this.#bytes.length) {
      throw new RangeError(
        `Cannot encode: ${this.#at + n} bytes do not fit the ${this.#bytes.length}-byte region`,
      );
    }
  }
}

export class WireReader {
  #bytes: Uint8Array;
  #view: DataView;
  #at = 0;
  #end: number;

  constructor(region: Uint8Array, length: number) {
    this.#bytes = region;
    this.#view = new DataView(region.buffer, region.byteOffset, region.byteLength);
    this.#end = length;
  }

  get done(): boolean {
    return this.#at >= this.#end;
  }

  /** The next value; undefined past the end (a missing argument). */
  next(): WireValue | undefined {
    if (this.#at >= this.#end) return undefined;
    const tag = this.#bytes[this.#at++];
    switch (tag) {
      case TAG_NONE:
        return null;
      case TAG_TRUE:
        return true;
      case TAG_FALSE:
        return false;
      case TAG_NUMBER: {
        const v = this.#view.getFloat64(this.#at, true);
        this.#at += 8;
        return v;
      }
      case TAG_STRING:
      case TAG_BYTES: {
        const n = this.#view.getUint32(this.#at, true);
        const start = this.#at + 4;
        this.#at = start + n;
        // slice(): the region is shared memory, which TextDecoder refuses.
        const data = this.#bytes.slice(start, start + n);
        return tag === TAG_STRING ? decoder.decode(data) : data;
      }
      default:
        throw new Error(`Cannot decode wire value: unknown tag ${tag} at ${this.#at - 1}`);
    }
  }

  /** True when the next value is bytes. */
  peekIsBytes(): boolean {
    return this.#at < this.#end && this.#bytes[this.#at] === TAG_BYTES;
  }

  /** Bytes of a BYTES value copied straight into `target` (the wasm heap); returns count. */
  bytesInto(target: Uint8Array, max: number): number {
    const tag = this.#bytes[this.#at++];
    if (tag !== TAG_BYTES) throw new Error(`Cannot decode wire bytes: tag ${tag}`);
    const n = this.#view.getUint32(this.#at, true);
    const start = this.#at + 4;
    this.#at = start + n;
    const count = Math.min(n, max);
    target.set(this.#bytes.subarray(start, start + count));
    return count;
  }
}
