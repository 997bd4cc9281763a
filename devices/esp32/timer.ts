/**
 * `machine.Timer(0..3)`: the ESP32's four hardware timers, PERIODIC or ONE_SHOT, with a
 * period in milliseconds or a frequency in hertz. Each expiry asks the CPU to run the
 * callback (with the timer as its argument) as MicroPython's scheduler does.
 */
import type { ScheduledEvent, VirtualClock } from "../../sim/mod.ts";
import { MicroPythonError } from "./pin.ts";

export const TIMER_ONE_SHOT = 0;
export const TIMER_PERIODIC = 1;
/** Two groups of two timers on the ESP32. */
export const TIMER_COUNT = 4;

export interface TimerInit {
  mode?: typeof TIMER_ONE_SHOT | typeof TIMER_PERIODIC;
  /** Milliseconds between expiries (the default unit of `period=`). */
  periodMs?: number;
  /** Expiries per second; wins over periodMs when both are given. */
  freqHz?: number;
  callback?: ((timer: HardwareTimer) => unknown) | null;
}

export class HardwareTimer {
  readonly id: number;
  #event: ScheduledEvent | undefined;
  #periodUs = 0;
  #mode = TIMER_PERIODIC;
  #callback: ((timer: HardwareTimer) => unknown) | null = null;
  #fires = 0;
  readonly #clock: VirtualClock;
  readonly #schedule: (cb: () => unknown) => void;
  readonly #onFire: (timer: HardwareTimer) => void;

  constructor(
    id: number,
    clock: VirtualClock,
    schedule: (cb: () => unknown) => void,
    onFire: (timer: HardwareTimer) => void = () => {},
  ) {
    this.id = id;
    this.#clock = clock;
    this.#schedule = schedule;
    this.#onFire = onFire;
  }

  get running(): boolean {
    return this.#event !== undefined;
  }
  get periodUs(): number {
    return this.#periodUs;
  }
  /** Expiries since the last init. */
  get fires(): number {
    return this.#fires;
  }

  init(init: TimerInit): void {
    this.deinit();
    const periodUs = init.freqHz !== undefined
      ? Math.round(1_000_000 / init.freqHz)
      : Math.round((init.periodMs ?? -1) * 1000);
    if (!(periodUs > 0)) throw new MicroPythonError("ValueError", "period must be > 0");
    this.#periodUs = periodUs;
    this.#mode = init.mode ?? TIMER_PERIODIC;
    this.#callback = init.callback ?? null;
    this.#fires = 0;
    this.#arm(this.#clock.nowUs + periodUs);
  }

  deinit(): void {
    this.#event?.cancel();
    this.#event = undefined;
  }

  #arm(atUs: number): void {
    this.#event = this.#clock.schedule(atUs, () => {
      // Periodic timers reload in hardware: the next expiry does not drift.
      if (this.#mode === TIMER_PERIODIC) this.#arm(atUs + this.#periodUs);
      else this.#event = undefined;
      this.#fires++;
      this.#onFire(this);
      const cb = this.#callback;
      if (cb) this.#schedule(() => cb(this));
    });
  }
}

export function checkTimerId(id: number): void {
  if (!Number.isInteger(id) || id < 0 || id >= TIMER_COUNT) {
    throw new MicroPythonError("ValueError", "invalid Timer number");
  }
}
