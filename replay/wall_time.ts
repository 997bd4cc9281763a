/**
 * The broker judges real sockets' keep-alive in wall time (ARCHITECTURE.md), the one
 * thing about them that is not an input byte. Recorded: every `nowUs()` the broker reads
 * and every timer that fires (through the quiet gate, so it lands at a nameable point).
 * Replayed: the same readings in the same order, and each timer fired where it fired.
 * Timers are named by creation order, which is deterministic given the same inputs.
 */
import type { Timebase, TimerHandle } from "../broker/mod.ts";
import type { QuietGate } from "./gate.ts";

export interface WallLog {
  /** Called with each reading while a recording runs. */
  reading(us: number): void;
  /** Called (inside the gate) when timer `index` fires; false = not ours, do not run it. */
  fired(index: number): boolean;
}

/** Wraps the host's wall timebase; `log()` says where the current recording goes. */
export function recordingTimebase(
  wall: Timebase,
  gate: QuietGate,
  log: () => { log: WallLog; nextTimer(): number } | undefined,
): Timebase {
  return {
    nowUs() {
      const us = Math.round(wall.nowUs());
      log()?.log.reading(us);
      return us;
    },
    after(delayUs, callback): TimerHandle {
      const current = log();
      const index = current?.nextTimer() ?? -1;
      let cancelled = false;
      const handle = wall.after(delayUs, () => {
        gate.run(() => {
          if (cancelled) return;
          cancelled = true;
          if (current && !current.log.fired(index)) return;
          callback();
        });
      });
      return {
        cancel() {
          cancelled = true;
          handle.cancel();
        },
      };
    },
  };
}

/** Plays the readings back; the replayer fires timers by index. */
export class ReplayTimebase implements Timebase {
  #readings: number[];
  #next = 0;
  #timers: { callback: () => void; done: boolean }[] = [];

  constructor(readingsUs: number[]) {
    this.#readings = readingsUs;
  }

  /** Readings asked for beyond the recorded ones (a sign the replay diverged). */
  overrun = 0;

  nowUs(): number {
    if (this.#next < this.#readings.length) return this.#readings[this.#next++];
    this.overrun++;
    return this.#readings.at(-1) ?? 0;
  }

  after(_delayUs: number, callback: () => void): TimerHandle {
    const timer = { callback, done: false };
    this.#timers.push(timer);
    return { cancel: () => void (timer.done = true) };
  }

  /** Fires timer `index` as recorded; throws when it does not exist or was cancelled. */
  fire(index: number): void {
    const timer = this.#timers[index];
    if (!timer || timer.done) {
      throw new Error(
        `Cannot fire wall timer #${index}: replay made ${this.#timers.length} timers` +
          (timer ? " and this one was cancelled" : ""),
      );
    }
    timer.done = true;
    timer.callback();
  }
}
