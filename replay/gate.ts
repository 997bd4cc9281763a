/**
 * Lets inputs from outside the world in only while the world is quiet: no board code
 * running (World.activity is 0). Real sockets, host timers and HTTP requests arrive at any
 * moment, even while the pacer waits for a board's MicroPython worker in the middle of a
 * tick; applied then, their effects would interleave with the board's in an order replay
 * could not know. Held here until the world settles, each input lands at a point replay
 * can name exactly: after N clock events, everything settled (README: "Ordering").
 * Inputs keep their arrival order.
 */
export interface Quiet {
  /** Undefined when nothing runs; else a promise that resolves once nothing does. */
  settled(): Promise<void> | undefined;
}

export class QuietGate {
  #queue: (() => void)[] = [];
  #waiting = false;
  #draining = false;

  constructor(readonly quiet: () => Quiet | undefined) {}

  /** Runs `work` now if the world is quiet (and nothing is queued), else once it is. */
  run(work: () => void): void {
    this.#queue.push(work);
    this.#drain();
  }

  /** `run` for work with a result. */
  call<T>(work: () => T): Promise<T> {
    return new Promise((resolve, reject) => {
      this.run(() => {
        try {
          resolve(work());
        } catch (e) {
          reject(e);
        }
      });
    });
  }

  #drain(): void {
    if (this.#waiting || this.#draining) return;
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        const busy = this.quiet()?.settled();
        if (busy) {
          this.#waiting = true;
          busy.then(() => {
            this.#waiting = false;
            this.#drain();
          });
          return;
        }
        const work = this.#queue.shift()!;
        try {
          work();
        } catch (e) {
          console.error(`An input to the world failed: ${(e as Error).message}`);
        }
      }
    } finally {
      this.#draining = false;
    }
  }
}
