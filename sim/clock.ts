/**
 * The world's one source of time: a counter of integer microseconds and a
 * queue of events ordered by (time, insertion sequence).
 *
 * Nothing here reads host time. The host advances the clock (see web/pacer.ts);
 * tests advance it directly and assert, never sleep.
 */

/** A callback run when its event is due; `nowUs` is the event's own time. */
export type EventCallback = (nowUs: number) => void;

/** What `schedule` returns: the event's time and a way to take it back. */
export interface ScheduledEvent {
  readonly atUs: number;
  /** True once the event has fired or been cancelled. */
  readonly done: boolean;
  /** Takes the event out of the queue; a no-op once it has fired. */
  cancel(): void;
}

interface Entry extends ScheduledEvent {
  readonly seq: number;
  readonly callback: EventCallback;
  done: boolean;
}

/** Result of a bounded run. */
export interface RunResult {
  /** How many events fired. */
  fired: number;
  /** True when the queue ran empty; false when a bound stopped the run. */
  idle: boolean;
}

export class VirtualClock {
  #nowUs = 0;
  #seq = 0;
  /** Binary min-heap by (atUs, seq). Cancelled entries are dropped lazily. */
  #heap: Entry[] = [];
  #live = 0;
  #firedTotal = 0;

  /** The current virtual time in microseconds. */
  get nowUs(): number {
    return this.#nowUs;
  }

  /** Events waiting to fire (cancelled ones excluded). */
  get pending(): number {
    return this.#live;
  }

  /** Events fired since the clock was made. */
  get firedTotal(): number {
    return this.#firedTotal;
  }

  /**
   * Runs `callback` at the absolute time `atUs`. A time in the past is a bug in
   * the caller, so it is refused rather than silently moved.
   */
  schedule(atUs: number, callback: EventCallback): ScheduledEvent {
    if (!Number.isSafeInteger(atUs)) {
      throw new RangeError(`Cannot schedule at ${atUs} us: times are integer microseconds`);
    }
    if (atUs < this.#nowUs) {
      throw new RangeError(
        `Cannot schedule at ${atUs} us: the clock is already at ${this.#nowUs} us`,
      );
    }
    const entry: Entry = {
      atUs,
      seq: this.#seq++,
      callback,
      done: false,
      cancel: () => {
        if (entry.done) return;
        entry.done = true;
        this.#live--;
        this.#compactIfSparse();
      },
    };
    this.#push(entry);
    this.#live++;
    return entry;
  }

  /** Runs `callback` after `delayUs` microseconds (0 = later at this same time). */
  after(delayUs: number, callback: EventCallback): ScheduledEvent {
    if (!Number.isSafeInteger(delayUs) || delayUs < 0) {
      throw new RangeError(`Cannot schedule after ${delayUs} us: delays are integers >= 0`);
    }
    return this.schedule(this.#nowUs + delayUs, callback);
  }

  /** The time of the earliest pending event, or undefined when there is none. */
  nextEventAt(): number | undefined {
    this.#dropCancelledTop();
    return this.#heap.length > 0 ? this.#heap[0].atUs : undefined;
  }

  /**
   * Fires every event due at or before `targetUs`, in order, each with the clock
   * set to its own time, then leaves the clock at `targetUs`. Events scheduled by
   * callbacks fire too when they fall inside the window.
   */
  advanceTo(targetUs: number, maxEvents = Number.MAX_SAFE_INTEGER): RunResult {
    if (!Number.isSafeInteger(targetUs)) {
      throw new RangeError(`Cannot advance to ${targetUs} us: times are integer microseconds`);
    }
    if (targetUs < this.#nowUs) {
      throw new RangeError(
        `Cannot advance to ${targetUs} us: the clock is already at ${this.#nowUs} us`,
      );
    }
    let fired = 0;
    while (fired < maxEvents) {
      const next = this.nextEventAt();
      if (next === undefined || next > targetUs) {
        this.#nowUs = targetUs;
        return { fired, idle: next === undefined };
      }
      this.#fireTop();
      fired++;
    }
    return { fired, idle: false };
  }

  /** `advanceTo(now + deltaUs)`. */
  advanceBy(deltaUs: number, maxEvents?: number): RunResult {
    return this.advanceTo(this.#nowUs + deltaUs, maxEvents);
  }

  /** Fires exactly the earliest event. Returns false when there was none. */
  runNext(): boolean {
    if (this.nextEventAt() === undefined) return false;
    this.#fireTop();
    return true;
  }

  /**
   * Fires events until none is left, at most `maxEvents` of them and none later
   * than `untilUs`. A periodic timer never lets the queue run empty, hence the bounds.
   */
  runUntilIdle(
    { maxEvents = 1_000_000, untilUs = Number.MAX_SAFE_INTEGER }: {
      maxEvents?: number;
      untilUs?: number;
    } = {},
  ): RunResult {
    let fired = 0;
    while (fired < maxEvents) {
      const next = this.nextEventAt();
      if (next === undefined) return { fired, idle: true };
      if (next > untilUs) return { fired, idle: false };
      this.#fireTop();
      fired++;
    }
    return { fired, idle: this.nextEventAt() === undefined };
  }

  #fireTop(): void {
    const entry = this.#pop()!;
    entry.done = true;
    this.#live--;
    this.#nowUs = entry.atUs;
    this.#firedTotal++;
    entry.callback(entry.atUs);
  }

  #dropCancelledTop(): void {
    while (this.#heap.length > 0 && this.#heap[0].done) this.#pop();
  }

  /** Keeps memory bounded when many events are cancelled (keep-alive resets). */
  #compactIfSparse(): void {
    const total = this.#heap.length;
    if (total < 1024 || this.#live * 2 > total) return;
    const kept = this.#heap.filter((e) => !e.done);
    this.#heap = [];
    for (const e of kept) this.#push(e);
  }

  #push(entry: Entry): void {
    const heap = this.#heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  #pop(): Entry | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || last === undefined) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left], heap[smallest])) smallest = left;
      if (right < heap.length && before(heap[right], heap[smallest])) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
      i = smallest;
    }
    return top;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.atUs < b.atUs || (a.atUs === b.atUs && a.seq < b.seq);
}

/** Unit helpers: names that hold a time carry their unit. */
export const US_PER_MS = 1_000;
export const US_PER_S = 1_000_000;
export const msToUs = (ms: number): number => Math.round(ms * US_PER_MS);
export const sToUs = (s: number): number => Math.round(s * US_PER_S);

/** "12.345678 s" style rendering for consoles and logs. */
export function formatUs(us: number): string {
  const s = Math.floor(us / US_PER_S);
  const frac = String(us % US_PER_S).padStart(6, "0");
  return `${s}.${frac}`;
}
