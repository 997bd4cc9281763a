/**
 * What the board runs when it runs MicroPython: the board's ProgramHost. Every boot
 * (power on, Ctrl-D, machine.reset()) ends the previous worker and starts a new one with
 * the board's files as they are now. Ctrl-C and Ctrl-D are here for the UI and the API.
 */
import type { Board, BootReason, ProgramHost } from "../esp32/mod.ts";
import type { BoardFiles } from "./board_files.ts";
import type { MicroPythonRuntime } from "./runtime.ts";
import type { Session } from "./session.ts";

export type BoardRunState = "off" | "booting" | "running" | "waiting" | "repl" | "stopped";

export class MicroPythonBoard implements ProgramHost {
  /** boot.py, main.py, lib/...: edit them, then reset the board. */
  readonly files: BoardFiles;
  readonly #runtime: MicroPythonRuntime;
  #board: Board | undefined;
  #session: Session | undefined;
  #order: number | undefined;
  #boots = 0;

  constructor(runtime: MicroPythonRuntime, files: BoardFiles) {
    this.#runtime = runtime;
    this.files = files;
  }

  get board(): Board | undefined {
    return this.#board;
  }

  /** How many times this board booted (power on and resets). */
  get boots(): number {
    return this.#boots;
  }

  /** Bytes of the running board's wasm memory (0 when off): grows only if its heap must. */
  get memoryBytes(): number {
    return this.#session?.memoryBytes ?? 0;
  }

  get state(): BoardRunState {
    const s = this.#session;
    if (!this.#board || this.#board.power === "off" || !s) return "off";
    if (s.phase === "dead") return "stopped";
    if (s.phase === "loading") return "booting";
    if (s.atRepl) return "repl";
    return s.phase === "running" ? "running" : "waiting";
  }

  boot(board: Board, reason: BootReason): void {
    if (this.#board !== board) {
      this.#board = board;
      board.addPowerListener((ev) => {
        if (ev.reason === "power-off") this.#session?.kill();
      });
    }
    this.#order ??= this.#runtime.nextOrder();
    this.#session?.kill();
    this.#boots++;
    this.#session = this.#runtime.startSession(board, this.files, reason, this.#order);
  }

  /**
   * Types `text` at the REPL (after main.py ended): `wlan.ifconfig()`, `led.value(1)`...
   * The echo, the result and any traceback appear on the console. False when a program
   * is running (the board does not read the REPL then).
   */
  replInput(text: string): boolean {
    return this.#session?.replInput(text) ?? false;
  }

  /** Ctrl-C. */
  interrupt(): void {
    this.#session?.interrupt();
  }

  /** Ctrl-D: soft reboot (WLAN stays joined). */
  softReset(): void {
    this.#board?.softReset();
  }

  /** The EN button. */
  hardReset(): void {
    this.#board?.hardReset();
  }
}
