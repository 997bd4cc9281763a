/** A fixed-size ring keyed by a running sequence number: the newest `capacity` items. */
export class SeqRing<T> {
  readonly capacity: number;
  #items: (T | undefined)[];
  #seqs: Float64Array;
  #nextSeq = 1;
  /** The first seq still meant to be kept (moves on at `clear()`). */
  #firstSeq = 1;

  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`A ring needs a capacity of at least 1, got ${capacity}`);
    }
    this.capacity = capacity;
    this.#items = new Array(capacity);
    this.#seqs = new Float64Array(capacity);
  }

  /** Stores `item` and returns the sequence number it got (from 1). */
  push(item: T): number {
    const seq = this.#nextSeq++;
    const slot = seq % this.capacity;
    this.#items[slot] = item;
    this.#seqs[slot] = seq;
    return seq;
  }

  get(seq: number): T | undefined {
    const slot = seq % this.capacity;
    return this.#seqs[slot] === seq ? this.#items[slot] : undefined;
  }

  /** The newest `n` items, oldest first. */
  latest(n: number): T[] {
    const last = this.#nextSeq - 1;
    const first = Math.max(this.#firstSeq, last - Math.min(n, this.capacity) + 1);
    const out: T[] = [];
    for (let seq = first; seq <= last; seq++) out.push(this.get(seq)!);
    return out;
  }

  /** Forgets every item; numbering goes on from where it was. */
  clear(): void {
    this.#items = new Array(this.capacity);
    this.#seqs.fill(0);
    this.#firstSeq = this.#nextSeq;
  }

  get size(): number {
    return Math.min(this.#nextSeq - this.#firstSeq, this.capacity);
  }
}
