/**
 * Which boards are running code right now. The lock-step rule of the world: virtual time
 * only advances when no board is running (every program is blocked in a sleep, a socket
 * wait or idle). TS programs run between clock events as promise continuations; a
 * MicroPython worker runs between a wake-up and its next blocking call. Both count here.
 */
export class Activity {
  #running = 0;
  #waiters: Array<() => void> = [];

  /** How many tasks are running now. */
  get running(): number {
    return this.#running;
  }

  enter(): void {
    this.#running++;
  }

  leave(): void {
    if (this.#running <= 0) throw new Error("Activity.leave() without a matching enter()");
    this.#running--;
    if (this.#running === 0 && this.#waiters.length > 0) {
      const waiters = this.#waiters;
      this.#waiters = [];
      for (const w of waiters) w();
    }
  }

  /** Undefined when nothing runs; else a promise that resolves once nothing does. */
  settled(): Promise<void> | undefined {
    if (this.#running === 0) return undefined;
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}
