/**
 * GPIO as MicroPython's esp32 port has it: the valid pin numbers, 34-39 input only, modes
 * and pulls with the port's constant values, and the ValueError texts it raises. Outputs
 * go to listeners (an LED, the UI); inputs come from `drive()` (a button, the UI).
 */

/** MicroPython esp32 `machine.Pin` constants. */
export const PIN_IN = 1;
export const PIN_OUT = 3;
export const PIN_OPEN_DRAIN = 7;
export const PIN_PULL_DOWN = 1;
export const PIN_PULL_UP = 2;
export const IRQ_RISING = 1;
export const IRQ_FALLING = 2;

export type PinMode = typeof PIN_IN | typeof PIN_OUT | typeof PIN_OPEN_DRAIN;
export type Level = 0 | 1;

/** GPIOs of the ESP32 (WROOM/WROVER): 20, 24 and 28-31 do not exist. */
export const VALID_PINS: readonly number[] = [
  0,
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11,
  12,
  13,
  14,
  15,
  16,
  17,
  18,
  19,
  21,
  22,
  23,
  25,
  26,
  27,
  32,
  33,
  34,
  35,
  36,
  37,
  38,
  39,
];
/** GPIO34..39 have no output driver. */
export const INPUT_ONLY_PINS: readonly number[] = [34, 35, 36, 37, 38, 39];

/** The exception MicroPython raises, with its type name, so runtimes can re-raise it. */
export class MicroPythonError extends Error {
  readonly pyType: string;
  constructor(pyType: string, message: string) {
    super(message);
    this.pyType = pyType;
    this.name = pyType;
  }
}

export type PinListener = (level: Level, atUs: number) => void;

export class GpioPin {
  readonly id: number;
  #mode: PinMode | undefined;
  #pull: number | undefined;
  #latch: Level = 0;
  #drive: Level | undefined;
  #level: Level = 0;
  #listeners = new Set<PinListener>();
  #irq: { trigger: number; handler: (pin: GpioPin) => void } | undefined;
  readonly #now: () => number;
  readonly #schedule: (cb: () => unknown) => void;
  readonly #bankListener: (pin: GpioPin, level: Level, atUs: number) => void;

  constructor(
    id: number,
    now: () => number,
    schedule: (cb: () => unknown) => void,
    bankListener: (pin: GpioPin, level: Level, atUs: number) => void = () => {},
  ) {
    this.id = id;
    this.#now = now;
    this.#schedule = schedule;
    this.#bankListener = bankListener;
  }

  get mode(): PinMode | undefined {
    return this.#mode;
  }

  /** `Pin(id, mode, pull, value=)` / `pin.init(...)`. */
  init(mode?: PinMode, pull?: number, value?: number): void {
    if (mode !== undefined) {
      if (mode !== PIN_IN && (INPUT_ONLY_PINS as number[]).includes(this.id)) {
        throw new MicroPythonError("ValueError", "pin can only be input");
      }
      this.#mode = mode;
    }
    if (pull !== undefined) this.#pull = pull;
    if (value !== undefined) this.#latch = value ? 1 : 0;
    this.#update();
  }

  /** `pin.value()`: what the pin reads (an output reads back its latch). */
  value(): Level {
    return this.#level;
  }

  /** `pin.value(v)`, `on()`, `off()`: sets the output latch. */
  setValue(v: number | boolean): void {
    this.#latch = v ? 1 : 0;
    this.#update();
  }

  /** An outside force on the pin (a button, a sensor); undefined lets it float. */
  drive(level: Level | undefined): void {
    this.#drive = level;
    this.#update();
  }

  /** `pin.irq(handler, trigger)`; a null handler disables it. */
  irq(handler: ((pin: GpioPin) => void) | null, trigger = IRQ_RISING | IRQ_FALLING): void {
    this.#irq = handler ? { trigger, handler } : undefined;
  }

  /** Level changes, with their virtual time. Returns the unsubscribe function. */
  addListener(cb: PinListener): () => void {
    this.#listeners.add(cb);
    return () => this.#listeners.delete(cb);
  }

  /** Back to power-on state: input, floating, latch 0. */
  reset(): void {
    this.#mode = undefined;
    this.#pull = undefined;
    this.#latch = 0;
    this.#irq = undefined;
    this.#update();
  }

  /** Forgets the IRQ handler (soft reset). */
  clearIrq(): void {
    this.#irq = undefined;
  }

  #update(): void {
    let level: Level;
    const driving = this.#mode === PIN_OUT ||
      (this.#mode === PIN_OPEN_DRAIN && this.#latch === 0);
    if (driving) level = this.#latch;
    else if (this.#drive !== undefined) level = this.#drive;
    else if (this.#pull === PIN_PULL_UP || this.#mode === PIN_OPEN_DRAIN) level = 1;
    else level = 0;
    if (level === this.#level) return;
    this.#level = level;
    const atUs = this.#now();
    for (const cb of [...this.#listeners]) cb(level, atUs);
    this.#bankListener(this, level, atUs);
    const irq = this.#irq;
    if (irq && (irq.trigger & (level ? IRQ_RISING : IRQ_FALLING))) {
      this.#schedule(() => irq.handler(this));
    }
  }
}

/** All the pins of one board, made on first use. */
export class Gpio {
  #pins = new Map<number, GpioPin>();
  readonly #now: () => number;
  readonly #schedule: (cb: () => unknown) => void;

  constructor(now: () => number, schedule: (cb: () => unknown) => void) {
    this.#now = now;
    this.#schedule = schedule;
  }

  /** The pin numbered `id`, or MicroPython's ValueError for a GPIO the chip lacks. */
  pin(id: number): GpioPin {
    let pin = this.#pins.get(id);
    if (!pin) {
      if (!Number.isInteger(id) || !(VALID_PINS as number[]).includes(id)) {
        throw new MicroPythonError("ValueError", "invalid pin");
      }
      pin = new GpioPin(id, this.#now, this.#schedule, (p, level, atUs) => {
        for (const cb of this.#listeners) cb(p.id, level, atUs);
      });
      this.#pins.set(id, pin);
    }
    return pin;
  }

  #listeners = new Set<(pin: number, level: Level, atUs: number) => void>();

  /** Level changes of every pin of the board. Returns the unsubscribe function. */
  addListener(cb: (pin: number, level: Level, atUs: number) => void): () => void {
    this.#listeners.add(cb);
    return () => this.#listeners.delete(cb);
  }

  /** Pins made so far. */
  get pins(): IterableIterator<GpioPin> {
    return this.#pins.values();
  }

  resetAll(): void {
    for (const pin of this.#pins.values()) pin.reset();
  }
}
