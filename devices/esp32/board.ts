/**
 * One virtual ESP32 board: the model every way of programming it drives.
 *
 * ## API (for the MicroPython runtime and the TS programs)
 *
 * A board is plain synchronous state on the world's clock. Nothing here blocks: a
 * blocking MicroPython call becomes "wake me when X or at time T" through the CPU.
 *
 * - `board.cpu` (cpu.ts): the lock-step CPU. `cpu.startMain(fn)` runs the main task;
 *   `cpu.wait({ untilUs, ready })` blocks a TS task; `cpu.block(req, wake)` is the
 *   callback form for a runtime that drives a Worker, with `cpu.enter()` / `cpu.leave()`
 *   around the time the worker runs; `cpu.schedule(handler)` runs an IRQ callback (never
 *   nested, queued up to 8); `cpu.poke()` is called by the peripherals on every change.
 *   The world advances time only when every board's tasks are blocked (`Activity`).
 * - `board.gpio.pin(n)` (pin.ts): `init(mode, pull, value)`, `value()`, `setValue(v)`,
 *   `irq(handler, trigger)`, `drive(level)` from outside, `addListener(cb)` for LEDs/UI;
 *   `gpio.addListener(cb)` hears every pin; `pressButton(pin)` / `releaseButton(pin)`.
 *   Invalid numbers and outputs on 34..39 throw `MicroPythonError("ValueError", ...)`.
 * - `board.timer(id)` (timer.ts): `init({ mode, periodMs | freqHz, callback })`,
 *   `deinit()`; id 0..3. Callbacks go through `cpu.schedule`.
 * - `board.wlan(STA_IF | AP_IF)` (wlan.ts): `active`, `connect`, `disconnect`,
 *   `isconnected`, `status`, `ifconfig`, `config`, `configure({ reconnects, ... })`,
 *   `scan`: all instantaneous; a join runs on the clock and pokes the CPU when it ends.
 * - `board.getaddrinfo(host)`: an IPv4 address string or `OSError(-202)`.
 * - `board.socket()` (socket.ts): `connect(ip, port)` then wait `!connectPending` and
 *   call `connectResult()`; `send(bytes)`; `recv(max)` returns bytes, empty at EOF, or
 *   null = would block (wait on `readable`); `close()`. Errors are `OSError(errno)`.
 * - `board.console` (console.ts): `write(text)`; lines carry their virtual time.
 * - `board.ticksUs()`: microseconds since power-on (what `time.ticks_us()` reads).
 * - Power: `powerOn()`, `softReset()` (program restarts, WLAN and its address survive,
 *   timers stop, sockets close), `hardReset()` (everything restarts), `powerOff()`.
 *   `setProgram(host)` chooses what runs at each boot; `host.halt` hears every stop.
 * - Outputs for the UI and the world: `addPowerListener`, `addTrafficListener`,
 *   `gpio.pin(n).addListener`, `console.addListener`, `wlan(i).addListener`; each returns
 *   its unsubscribe function.
 */
import type { SeededRandom, VirtualClock, VirtualNetwork } from "../../sim/mod.ts";
import type { Activity } from "./activity.ts";
import { SerialConsole } from "./console.ts";
import { Cpu } from "./cpu.ts";
import { Gpio, MicroPythonError, PIN_PULL_UP } from "./pin.ts";
import { BoardSocket, EAI_FAIL, OSError, type SocketTraffic } from "./socket.ts";
import { checkTimerId, HardwareTimer, TIMER_COUNT } from "./timer.ts";
import { AP_IF, STA_IF, Wlan } from "./wlan.ts";

/** The textbook's LED (PRECHIN ESP32 board): GPIO15. */
export const DEFAULT_LED_PIN = 15;
/** The BOOT button of DevKit boards: GPIO0, active low with a pull-up. */
export const BOOT_BUTTON_PIN = 0;
/** Espressif's OUI: the first three bytes of every ESP32 MAC address. */
const ESPRESSIF_OUI = [0x24, 0x0a, 0xc4];
/** First file descriptor MicroPython's lwIP sockets get. */
const FIRST_FD = 54;

export interface BoardConfig {
  /** Unique in a world; also the WiFi station's id. */
  name: string;
  /** GPIO of the on-board LED; the UI draws it. */
  ledPin?: number;
}

export type PowerState = "off" | "on";
export type BootReason = "power-on" | "soft-reset" | "hard-reset";

export interface PowerEvent {
  state: PowerState;
  reason: BootReason | "power-off";
  atUs: number;
}

/** What runs on a board: told at each boot, and at each stop (reset, power off). */
export interface ProgramHost {
  boot(board: Board, reason: BootReason): void;
  /**
   * The program must stop now (before the CPU halts and peripherals reset): a Worker-based
   * runtime ends its worker here. TS programs need nothing: the halt strands their waits.
   */
  halt?(board: Board, reason: BootReason | "power-off"): void;
}

export interface BoardTraffic extends SocketTraffic {
  board: string;
  fd: number;
}

export interface BoardDeps {
  clock: VirtualClock;
  network: VirtualNetwork;
  /** The world's random source; the board forks its own stream from it. */
  random: SeededRandom;
  activity: Activity;
}

export class Board {
  readonly name: string;
  readonly ledPin: number;
  readonly clock: VirtualClock;
  readonly network: VirtualNetwork;
  readonly cpu: Cpu;
  readonly gpio: Gpio;
  readonly console: SerialConsole;
  /** Station MAC (AP MAC is this + 1, as the ESP32 derives it). */
  readonly mac: Uint8Array;
  /** This board's own seeded stream (MAC, hardware RNG), forked by its name. */
  readonly random: SeededRandom;
  #timers: HardwareTimer[];
  #sta: Wlan;
  #ap: Wlan;
  #sockets = new Map<number, BoardSocket>();
  #nextFd = FIRST_FD;
  #power: PowerState = "off";
  #powerOnAtUs = 0;
  #program: ProgramHost | undefined;
  #powerListeners = new Set<(ev: PowerEvent) => void>();
  #trafficListeners = new Set<(t: BoardTraffic) => void>();

  constructor(config: BoardConfig, deps: BoardDeps) {
    this.name = config.name;
    this.ledPin = config.ledPin ?? DEFAULT_LED_PIN;
    this.clock = deps.clock;
    this.network = deps.network;
    this.cpu = new Cpu(deps.clock, deps.activity);
    const now = () => this.clock.nowUs;
    const schedule = (cb: () => unknown) => {
      if (this.#power === "on") this.cpu.schedule(cb);
    };
    this.gpio = new Gpio(now, schedule);
    this.console = new SerialConsole(now);
    this.random = deps.random.fork(`board:${config.name}`);
    const random = this.random.fork("mac");
    this.mac = new Uint8Array([...ESPRESSIF_OUI, random.int(0, 256), random.int(0, 256), 0]);
    this.mac[5] = random.int(0, 255); // leaves room for the AP's +1
    const apMac = this.mac.slice();
    apMac[5] += 1;
    this.#timers = Array.from(
      { length: TIMER_COUNT },
      (_, id) => new HardwareTimer(id, this.clock, schedule),
    );
    const station = this.network.station(config.name);
    const poke = () => this.cpu.poke();
    this.#sta = new Wlan("sta", { station, network: this.network, mac: this.mac, now, poke });
    this.#ap = new Wlan("ap", { station, network: this.network, mac: apMac, now, poke });
    this.cpu.onError = (error, kind) => this.printException(error, kind);
    this.gpio.pin(this.ledPin);
  }

  get power(): PowerState {
    return this.#power;
  }

  /** The on-board LED's pin. */
  get led() {
    return this.gpio.pin(this.ledPin);
  }

  /** `machine.Timer(id)`: the same hardware timer object for the same id. */
  timer(id: number): HardwareTimer {
    checkTimerId(id);
    return this.#timers[id];
  }

  /** `network.WLAN(interface)`. */
  wlan(iface: number = STA_IF): Wlan {
    if (iface === STA_IF) return this.#sta;
    if (iface === AP_IF) return this.#ap;
    throw new MicroPythonError("ValueError", "invalid WLAN interface identifier");
  }

  /** Microseconds since power-on (soft resets do not restart it). */
  ticksUs(): number {
    return this.clock.nowUs - this.#powerOnAtUs;
  }

  /** `socket.getaddrinfo(host, port)`'s address: needs a joined station. */
  getaddrinfo(host: string): string {
    if (!this.#sta.isconnected()) throw new OSError(EAI_FAIL);
    const ip = this.network.resolve(host);
    if (!ip) throw new OSError(EAI_FAIL);
    return ip;
  }

  /** `socket.socket()`. */
  socket(): BoardSocket {
    const fd = this.#nextFd++;
    const sock = new BoardSocket(fd, {
      network: this.network,
      stationId: this.name,
      now: () => this.clock.nowUs,
      poke: () => this.cpu.poke(),
      tapped: () => this.#trafficListeners.size > 0,
      onClose: (s) => this.#sockets.delete(s.fd),
      traffic: (t) => {
        const ev: BoardTraffic = { ...t, board: this.name, fd };
        for (const cb of this.#trafficListeners) cb(ev);
      },
    });
    this.#sockets.set(fd, sock);
    return sock;
  }

  /** What runs from the next boot on (a running program is told to halt first). */
  setProgram(program: ProgramHost | undefined): void {
    if (this.#power === "on") this.#program?.halt?.(this, "soft-reset");
    this.#program = program;
  }

  powerOn(): void {
    if (this.#power === "on") return;
    this.#power = "on";
    this.#powerOnAtUs = this.clock.nowUs;
    this.#boot("power-on");
  }

  /** Ctrl-D / `machine.soft_reset()`: the program restarts, the WLAN stays joined. */
  softReset(): void {
    if (this.#power !== "on") return;
    this.#stop(false, "soft-reset");
    this.console.println("MPY: soft reboot");
    this.#boot("soft-reset");
  }

  /** The EN button / `machine.reset()`: as a power cycle, but ticks restart too. */
  hardReset(): void {
    if (this.#power !== "on") return;
    this.#stop(true, "hard-reset");
    this.#powerOnAtUs = this.clock.nowUs;
    this.#boot("hard-reset");
  }

  powerOff(): void {
    if (this.#power === "off") return;
    this.#stop(true, "power-off");
    this.#power = "off";
    this.#emitPower("power-off");
  }

  /** A button between `pin` and GND (with the pin's pull-up): press drives it low. */
  pressButton(pin = BOOT_BUTTON_PIN): void {
    const p = this.gpio.pin(pin);
    if (p.mode === undefined) p.init(undefined, PIN_PULL_UP);
    p.drive(0);
  }

  releaseButton(pin = BOOT_BUTTON_PIN): void {
    this.gpio.pin(pin).drive(undefined);
  }

  addPowerListener(cb: (ev: PowerEvent) => void): () => void {
    this.#powerListeners.add(cb);
    return () => this.#powerListeners.delete(cb);
  }

  /** Every byte the board's sockets send or receive (the board-side tap). */
  addTrafficListener(cb: (t: BoardTraffic) => void): () => void {
    this.#trafficListeners.add(cb);
    return () => this.#trafficListeners.delete(cb);
  }

  /**
   * Prints an uncaught exception the way MicroPython does (a scheduled callback's error
   * prints the same traceback and the timer keeps running).
   */
  printException(error: unknown, _kind: "main" | "callback" = "main"): void {
    const e = error as { pyType?: string; message?: string; name?: string };
    const type = e?.pyType ?? (error instanceof Error ? error.name : "Exception");
    const message = e?.message ?? String(error);
    this.console.println("Traceback (most recent call last):");
    this.console.println(message ? `${type}: ${message}` : type);
  }

  #stop(hard: boolean, reason: BootReason | "power-off"): void {
    this.#program?.halt?.(this, reason);
    this.cpu.halt();
    for (const t of this.#timers) t.deinit();
    for (const s of this.#sockets.values()) hard ? s.abort() : s.close();
    this.#sockets.clear();
    for (const pin of this.gpio.pins) pin.clearIrq();
    if (hard) {
      this.#sta.powerOff();
      this.#ap.powerOff();
      this.gpio.resetAll();
    }
  }

  #boot(reason: BootReason): void {
    this.#emitPower(reason);
    this.#program?.boot(this, reason);
  }

  #emitPower(reason: BootReason | "power-off"): void {
    const ev: PowerEvent = { state: this.#power, reason, atUs: this.clock.nowUs };
    for (const cb of [...this.#powerListeners]) cb(ev);
  }
}
