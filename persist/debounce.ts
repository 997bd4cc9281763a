/**
 * Saves on change, but not on every change: `poke()` asks for a save `delayMs` after the
 * last change (at most `maxDelayMs` after the first, so a busy world still gets saved);
 * `flush()` saves now. Host timers, injected so tests never sleep.
 */
export interface HostTimers {
  set(callback: () => void, delayMs: number): unknown;
  clear(id: unknown): void;
  nowMs(): number;
}

export const HOST_TIMERS: HostTimers = {
  set: (callback, delayMs) => setTimeout(callback, delayMs),
  clear: (id) => clearTimeout(id as number),
  nowMs: () => performance.now(),
};

export class Debouncer {
  #timer: unknown;
  #firstPokeMs: number | undefined;
  #running: Promise<void> | undefined;
  #again = false;

  constructor(
    readonly save: () => Promise<void>,
    readonly delayMs = 1_000,
    readonly maxDelayMs = 10_000,
    readonly timers: HostTimers = HOST_TIMERS,
  ) {}

  get pending(): boolean {
    return this.#timer !== undefined;
  }

  poke(): void {
    const now = this.timers.nowMs();
    this.#firstPokeMs ??= now;
    if (this.#timer !== undefined) this.timers.clear(this.#timer);
    const wait = Math.max(0, Math.min(this.delayMs, this.#firstPokeMs + this.maxDelayMs - now));
    this.#timer = this.timers.set(() => void this.flush(), wait);
  }

  /** Saves now (after a save in progress, never two at once). Errors are reported. */
  async flush(): Promise<void> {
    if (this.#timer !== undefined) this.timers.clear(this.#timer);
    this.#timer = undefined;
    this.#firstPokeMs = undefined;
    if (this.#running) {
      this.#again = true;
      return await this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        try {
          await this.save();
        } catch (e) {
          console.error((e as Error).message);
        }
      } while (this.#again);
    })();
    try {
      await this.#running;
    } finally {
      this.#running = undefined;
    }
  }

  /** Stops the timer without saving. */
  cancel(): void {
    if (this.#timer !== undefined) this.timers.clear(this.#timer);
    this.#timer = undefined;
    this.#firstPokeMs = undefined;
  }
}
