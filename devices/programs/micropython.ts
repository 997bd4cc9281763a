/**
 * MicroPython's shape for TypeScript device programs: `machine.Pin`, `machine.Timer`,
 * `network.WLAN`, `time.sleepMs`, `socket`, `print` and `MQTTClient`, over one board.
 * Blocking calls are async and wait on the board's CPU, so a program reads like its
 * MicroPython twin with `await` where the board would block.
 *
 * One `MicroPython` object is made per boot. After a reset its calls stop having any
 * effect: async ones never resolve, sync ones throw `Halted` (which nobody prints).
 */
import type { SeededRandom } from "../../sim/mod.ts";
import {
  type Board,
  EAGAIN,
  ETIMEDOUT,
  type GpioPin,
  type HardwareTimer,
  IRQ_FALLING,
  IRQ_RISING,
  type Level,
  OSError,
  PIN_IN,
  PIN_OPEN_DRAIN,
  PIN_OUT,
  PIN_PULL_DOWN,
  PIN_PULL_UP,
  type PinMode,
  type ScanResult,
  STA_IF,
  TIMER_ONE_SHOT,
  TIMER_PERIODIC,
  type Wlan,
} from "../esp32/mod.ts";
import * as esp32 from "../esp32/mod.ts";

/** Thrown by a call made from a program that a reset already stopped. */
export class Halted extends Error {
  constructor() {
    super("the board was reset: this program no longer runs");
    this.name = "Halted";
  }
}

export type Bytes = Uint8Array;
export type BytesLike = string | Uint8Array;

const encoder = new TextEncoder();
export function toBytes(value: BytesLike): Uint8Array {
  return typeof value === "string" ? encoder.encode(value) : value;
}

/** Python's repr of a bytes object: b'Hello PRECHIN'. */
export function pyBytes(bytes: Uint8Array): string {
  let out = "b'";
  for (const b of bytes) {
    if (b === 0x5c) out += "\\\\";
    else if (b === 0x27) out += "\\'";
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === 0x09) out += "\\t";
    else out += "\\x" + b.toString(16).padStart(2, "0");
  }
  return out + "'";
}

/** Python's str() of the values a program prints. */
export function pyStr(value: unknown): string {
  if (value instanceof Uint8Array) return pyBytes(value);
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null || value === undefined) return "None";
  if (Array.isArray(value)) {
    return `(${value.map((v) => typeof v === "string" ? `'${v}'` : pyStr(v)).join(", ")})`;
  }
  return String(value);
}

export interface TimerOptions {
  mode?: number;
  period?: number;
  freq?: number;
  callback?: (timer: TimerApi) => unknown;
}

export interface TimerApi {
  readonly id: number;
  init(options: TimerOptions): void;
  deinit(): void;
}

export interface PinApi {
  readonly id: number;
  value(v?: number | boolean): Level | undefined;
  on(): void;
  off(): void;
  init(mode?: number, pull?: number, value?: number): void;
  irq(handler: ((pin: PinApi) => unknown) | null, trigger?: number): void;
}

export interface WlanApi {
  active(value?: boolean): boolean;
  connect(ssid: string, password?: string): void;
  disconnect(): void;
  isconnected(): boolean;
  status(param?: string): number;
  ifconfig(): [string, string, string, string];
  /** `config('mac')` reads; `config({ reconnects: 3, hostname: "x" })` sets (kwargs). */
  config(keyOrValues: string | Parameters<Wlan["configure"]>[0]): unknown;
  scan(): ScanResult[];
}

/** A MicroPython socket: blocking by default, `settimeout` / `setblocking` as on the board. */
export interface SocketApi {
  connect(address: [string, number]): Promise<void>;
  settimeout(seconds: number | null): void;
  setblocking(flag: boolean): void;
  write(data: BytesLike, length?: number): number;
  send(data: BytesLike): number;
  sendall(data: BytesLike): void;
  /** Up to n bytes (blocking until some arrive); b'' at end of stream. */
  recv(n: number): Promise<Bytes>;
  /** Stream read: n bytes unless the stream ends; non-blocking with nothing there: null. */
  read(n?: number): Promise<Bytes | null>;
  close(): void;
}

export interface MicroPython {
  readonly board: Board;
  machine: {
    Pin: {
      new (id: number, mode?: number, pull?: number, value?: number): PinApi;
      IN: number;
      OUT: number;
      OPEN_DRAIN: number;
      PULL_UP: number;
      PULL_DOWN: number;
      IRQ_RISING: number;
      IRQ_FALLING: number;
    };
    Timer: { new (id: number): TimerApi; ONE_SHOT: number; PERIODIC: number };
    reset(): never;
    softReset(): never;
    uniqueId(): Uint8Array;
  };
  network: {
    WLAN: new (iface?: number) => WlanApi;
    STA_IF: number;
    AP_IF: number;
    STAT_IDLE: number;
    STAT_CONNECTING: number;
    STAT_GOT_IP: number;
    STAT_NO_AP_FOUND: number;
    STAT_WRONG_PASSWORD: number;
    STAT_BEACON_TIMEOUT: number;
  };
  time: {
    sleep(seconds: number): Promise<void>;
    sleepMs(ms: number): Promise<void>;
    sleepUs(us: number): Promise<void>;
    ticksMs(): number;
    ticksUs(): number;
    ticksDiff(a: number, b: number): number;
    /** Seconds since the RTC started (power-on; no NTP here). */
    time(): number;
  };
  socket: {
    getaddrinfo(host: string, port: number): [number, number, number, string, [string, number]][];
    socket(): SocketApi;
  };
  /** `random` / `urandom`: seeded per board, as if from the hardware RNG. */
  random: SeededRandom;
  print(...values: unknown[]): void;
  /** Python's str() of a value (bytes print as b'...'). */
  str(value: unknown): string;
}

/** ticks_ms() and friends wrap at 2^30 on MicroPython. */
const TICKS_PERIOD = 1 << 30;
const TICKS_MASK = TICKS_PERIOD - 1;

export function createMicroPython(board: Board): MicroPython {
  const generation = board.cpu.generation;
  const live = () => board.cpu.generation === generation;
  const guard = () => {
    if (!live()) throw new Halted();
  };
  const never = new Promise<never>(() => {});
  // A halt drops every wait of this generation, so a wake always finds the program live.
  const waitFor = (ready: (() => boolean) | undefined, untilUs?: number) =>
    live() ? board.cpu.wait({ untilUs, ready }) : never;
  // resolves with the wake reason; typed void because time.sleep*() return None
  const sleepUs = (us: number) =>
    waitFor(undefined, board.clock.nowUs + Math.max(0, Math.round(us))) as Promise<
      unknown
    > as Promise<
      void
    >;

  class Pin implements PinApi {
    static IN = PIN_IN;
    static OUT = PIN_OUT;
    static OPEN_DRAIN = PIN_OPEN_DRAIN;
    static PULL_UP = PIN_PULL_UP;
    static PULL_DOWN = PIN_PULL_DOWN;
    static IRQ_RISING = IRQ_RISING;
    static IRQ_FALLING = IRQ_FALLING;
    readonly #pin: GpioPin;
    constructor(id: number, mode?: number, pull?: number, value?: number) {
      guard();
      this.#pin = board.gpio.pin(id);
      this.#pin.init(mode as PinMode | undefined, pull, value);
    }
    get id() {
      return this.#pin.id;
    }
    value(v?: number | boolean): Level | undefined {
      guard();
      if (v === undefined) return this.#pin.value();
      this.#pin.setValue(v);
      return undefined;
    }
    on() {
      this.value(1);
    }
    off() {
      this.value(0);
    }
    init(mode?: number, pull?: number, value?: number) {
      guard();
      this.#pin.init(mode as PinMode | undefined, pull, value);
    }
    irq(handler: ((pin: PinApi) => unknown) | null, trigger?: number) {
      guard();
      this.#pin.irq(handler ? () => handler(this) : null, trigger);
    }
  }

  class Timer implements TimerApi {
    static ONE_SHOT = TIMER_ONE_SHOT;
    static PERIODIC = TIMER_PERIODIC;
    readonly #timer: HardwareTimer;
    constructor(id: number) {
      guard();
      this.#timer = board.timer(id);
    }
    get id() {
      return this.#timer.id;
    }
    init(options: TimerOptions) {
      guard();
      const callback = options.callback;
      this.#timer.init({
        mode: options.mode === TIMER_ONE_SHOT ? TIMER_ONE_SHOT : TIMER_PERIODIC,
        periodMs: options.period,
        freqHz: options.freq,
        callback: callback ? () => callback(this) : null,
      });
    }
    deinit() {
      guard();
      this.#timer.deinit();
    }
  }

  class WLAN implements WlanApi {
    readonly #wlan: Wlan;
    constructor(iface: number = STA_IF) {
      guard();
      this.#wlan = board.wlan(iface);
    }
    active(value?: boolean) {
      guard();
      return this.#wlan.active(value);
    }
    connect(ssid: string, password?: string) {
      guard();
      this.#wlan.connect(ssid, password);
    }
    disconnect() {
      guard();
      this.#wlan.disconnect();
    }
    isconnected() {
      guard();
      return this.#wlan.isconnected();
    }
    status(param?: string) {
      guard();
      return this.#wlan.status(param);
    }
    ifconfig() {
      guard();
      return this.#wlan.ifconfig();
    }
    config(keyOrValues: string | Parameters<Wlan["configure"]>[0]) {
      guard();
      if (typeof keyOrValues === "string") return this.#wlan.config(keyOrValues);
      this.#wlan.configure(keyOrValues);
      return undefined;
    }
    scan() {
      guard();
      return this.#wlan.scan();
    }
  }

  const socketApi = (): SocketApi => {
    guard();
    const sock = board.socket();
    /** null = blocking, 0 = non-blocking, else seconds. */
    let timeoutS: number | null = null;
    const deadline = () => timeoutS === null ? undefined : board.clock.nowUs + timeoutS * 1e6;
    /** Waits until readable; false on timeout. Non-blocking with nothing: EAGAIN. */
    const awaitReadable = async (): Promise<boolean> => {
      if (sock.readable) return true;
      if (timeoutS === 0) throw new OSError(EAGAIN);
      const why = await waitFor(() => sock.readable, deadline());
      return why === "ready";
    };
    return {
      async connect([ip, port]) {
        guard();
        sock.connect(ip, port);
        const why = await waitFor(() => !sock.connectPending, deadline());
        if (why === "deadline") throw new OSError(ETIMEDOUT);
        sock.connectResult();
      },
      settimeout(seconds) {
        timeoutS = seconds;
      },
      setblocking(flag) {
        timeoutS = flag ? null : 0;
      },
      write(data, length) {
        guard();
        let bytes = toBytes(data);
        if (length !== undefined) bytes = bytes.subarray(0, length);
        return sock.send(bytes);
      },
      send(data) {
        return this.write(data);
      },
      sendall(data) {
        this.write(data);
      },
      async recv(n) {
        guard();
        for (;;) {
          const got = sock.recv(n);
          if (got !== null) return got;
          if (!(await awaitReadable())) throw new OSError(ETIMEDOUT);
        }
      },
      async read(n = -1) {
        guard();
        const parts: Uint8Array[] = [];
        let have = 0;
        while (n < 0 || have < n) {
          const got = sock.recv(n < 0 ? Number.MAX_SAFE_INTEGER : n - have);
          if (got !== null) {
            if (got.length === 0) break; // end of stream
            parts.push(got);
            have += got.length;
            continue;
          }
          if (timeoutS === 0) {
            if (have === 0) return null;
            break;
          }
          if (!(await awaitReadable())) {
            if (have === 0) throw new OSError(ETIMEDOUT);
            break;
          }
        }
        const out = new Uint8Array(have);
        let offset = 0;
        for (const p of parts) {
          out.set(p, offset);
          offset += p.length;
        }
        return out;
      },
      close() {
        if (live()) sock.close();
      },
    };
  };

  const random = boardRandom(board);

  return {
    board,
    machine: {
      Pin,
      Timer,
      reset(): never {
        guard();
        board.clock.after(0, () => board.hardReset());
        board.cpu.halt();
        throw new Halted();
      },
      softReset(): never {
        guard();
        board.clock.after(0, () => board.softReset());
        board.cpu.halt();
        throw new Halted();
      },
      uniqueId: () => board.mac.slice(),
    },
    network: {
      WLAN,
      STA_IF: esp32.STA_IF,
      AP_IF: esp32.AP_IF,
      STAT_IDLE: esp32.STAT_IDLE,
      STAT_CONNECTING: esp32.STAT_CONNECTING,
      STAT_GOT_IP: esp32.STAT_GOT_IP,
      STAT_NO_AP_FOUND: esp32.STAT_NO_AP_FOUND,
      STAT_WRONG_PASSWORD: esp32.STAT_WRONG_PASSWORD,
      STAT_BEACON_TIMEOUT: esp32.STAT_BEACON_TIMEOUT,
    },
    time: {
      sleep: (seconds) => sleepUs(seconds * 1e6),
      sleepMs: (ms) => sleepUs(ms * 1000),
      sleepUs,
      ticksMs: () => Math.floor(board.ticksUs() / 1000) & TICKS_MASK,
      ticksUs: () => board.ticksUs() & TICKS_MASK,
      ticksDiff: (a, b) => ((a - b + TICKS_PERIOD / 2) & TICKS_MASK) - TICKS_PERIOD / 2,
      time: () => Math.floor(board.ticksUs() / 1e6),
    },
    socket: {
      getaddrinfo(host, port) {
        guard();
        const ip = board.getaddrinfo(host);
        return [[2, 1, 6, "", [ip, port]]];
      },
      socket: socketApi,
    },
    random,
    print(...values) {
      guard();
      board.console.println(values.map(pyStr).join(" "));
    },
    str: pyStr,
  };
}

const randoms = new WeakMap<Board, SeededRandom>();
/** One random stream per board, kept across boots (the hardware RNG keeps running). */
function boardRandom(board: Board): SeededRandom {
  let r = randoms.get(board);
  if (!r) {
    r = board.random.fork("urandom");
    randoms.set(board, r);
  }
  return r;
}
