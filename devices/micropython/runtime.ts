/**
 * Real MicroPython on the virtual boards: one runtime per world (the wasm compiled once,
 * the lock-step across boards, the runaway watchdog), one MicroPythonBoard per board.
 *
 *     const mpy = await MicroPythonRuntime.create();
 *     const host = mpy.attach(board, BoardFiles.withMain(source)); // board.setProgram(host)
 *     board.powerOn();              // boot.py, then main.py, in a worker
 *     host.interrupt();             // Ctrl-C: KeyboardInterrupt where the program is
 *     host.softReset();             // Ctrl-D: soft reboot, main.py runs again
 *     mpy.close();                  // ends every worker
 *
 * Lock-step: a request from a worker is applied only when no other board's worker is
 * running Python; then every waiting request is applied in board order. So the order of
 * same-instant effects (packets, clock events) is (time, board, that board's own order),
 * never which worker reached the kernel first.
 */
import type { Board, BootReason } from "../esp32/mod.ts";
import { BoardFiles } from "./board_files.ts";
import { MicroPythonBoard } from "./board_host.ts";
import { runtimeFiles } from "./py_sources.ts";
import { PreparedWorker } from "./prepared_worker.ts";
import { Session, type SessionHost } from "./session.ts";
import { HOST_WALL_CLOCK, type WallClock } from "./wall_clock.ts";
import { type MicroPythonWasm, micropythonWasm } from "./wasm_module.ts";
import type { InterruptWords } from "./worker_protocol.ts";

export interface MicroPythonOptions {
  /** Wall time for the runaway watchdog (default: the host's). */
  wallClock?: WallClock;
  /** MicroPython's GC heap per board (default 1 MiB; it grows in pieces when needed). */
  heapBytes?: number;
  /** A program running this long without a call into the kernel is stopped (2000 ms). */
  runawayMs?: number;
}

/** How often the watchdog looks. */
const WATCHDOG_PERIOD_MS = 50;
/** The watchdog's Ctrl-C at 3/4 of the limit, its sure stop at 7/8. */
const INTERRUPT_AT = 0.75;
const POISON_AT = 0.875;

export class MicroPythonRuntime {
  readonly #wasm: MicroPythonWasm;
  readonly #wall: WallClock;
  readonly #heapBytes: number;
  readonly #runawayMs: number;
  #interruptWords: InterruptWords | undefined;
  #sessions = new Set<Session>();
  #executing = new Set<Session>();
  #arrived: Session[] = [];
  #draining = false;
  #stopWatchdog: (() => void) | undefined;
  #nextOrder = 0;
  #boards = new Set<MicroPythonBoard>();
  #closed = false;
  /** A worker with MicroPython loaded, for the next boot. */
  #spare: PreparedWorker | undefined;

  private constructor(wasm: MicroPythonWasm, options: MicroPythonOptions) {
    this.#wasm = wasm;
    this.#wall = options.wallClock ?? HOST_WALL_CLOCK;
    this.#heapBytes = options.heapBytes ?? 1024 * 1024;
    this.#runawayMs = options.runawayMs ?? 2000;
  }

  /** Compiles MicroPython (once per process) and makes a runtime. */
  static async create(options: MicroPythonOptions = {}): Promise<MicroPythonRuntime> {
    const runtime = new MicroPythonRuntime(await micropythonWasm(), options);
    runtime.#spare = runtime.#prepare();
    return runtime;
  }

  #prepare(): PreparedWorker {
    return new PreparedWorker(
      this.#wasm,
      this.#heapBytes,
      this.#interruptWords,
      (words) => this.#host.foundInterruptWords(words),
    );
  }

  /** Makes `board` run MicroPython with these files from its next boot on. */
  attach(board: Board, files: BoardFiles = new BoardFiles()): MicroPythonBoard {
    const host = this.program(files);
    board.setProgram(host);
    return host;
  }

  /** A board's MicroPython, not yet tied to a board (for a world's program resolver). */
  program(files: BoardFiles = new BoardFiles()): MicroPythonBoard {
    const host = new MicroPythonBoard(this, files);
    this.#boards.add(host);
    return host;
  }

  /** The MicroPython host of a board (by name or object), once it has booted. */
  hostOf(board: Board | string): MicroPythonBoard | undefined {
    for (const h of this.#boards) {
      if (h.board === board || (h.board && h.board.name === board)) return h;
    }
    return undefined;
  }

  /** The boards made by this runtime. */
  get boards(): ReadonlySet<MicroPythonBoard> {
    return this.#boards;
  }

  /** Ends every worker and the watchdog. Boards keep their state but run nothing. */
  close(): void {
    this.#closed = true;
    for (const s of [...this.#sessions]) s.kill();
    this.#spare?.worker.terminate();
    this.#spare = undefined;
    this.#stopWatchdog?.();
    this.#stopWatchdog = undefined;
  }

  /** @internal: a board boots. */
  startSession(board: Board, files: BoardFiles, reason: BootReason, order: number): Session {
    if (this.#closed) throw new Error("Cannot boot a MicroPython board: the runtime is closed");
    const seed = ((board.mac[3] << 16) | (board.mac[4] << 8) | board.mac[5]) + order;
    const prepared = this.#spare ?? this.#prepare();
    this.#spare = undefined;
    const session = new Session(
      this.#host,
      board,
      order,
      prepared,
      files,
      reason,
      seed,
    );
    this.#sessions.add(session);
    this.#spare = this.#prepare(); // the next boot takes a worker that is already loaded
    this.#stopWatchdog ??= this.#wall.every(WATCHDOG_PERIOD_MS, () => this.#watch());
    return session;
  }

  /** @internal */
  nextOrder(): number {
    return this.#nextOrder++;
  }

  readonly #host: SessionHost = {
    interruptWords: undefined,
    runtimeFiles: runtimeFiles(),
    foundInterruptWords: (words) => {
      // [0] must be the pending-exception word: it receives a pointer, the others flags.
      this.#interruptWords ??= [...words].sort((a, b) => Math.abs(b[2]) - Math.abs(a[2]));
      this.#host.interruptWords = this.#interruptWords;
    },
    executing: (s) => {
      this.#executing.add(s);
    },
    arrived: (s) => {
      this.#executing.delete(s);
      this.#arrived.push(s);
      this.#drain();
    },
    gone: (s) => {
      this.#executing.delete(s);
      const i = this.#arrived.indexOf(s);
      if (i >= 0) this.#arrived.splice(i, 1);
      this.#drain();
    },
    ended: (s) => {
      this.#sessions.delete(s);
      if (this.#sessions.size === 0) {
        this.#stopWatchdog?.();
        this.#stopWatchdog = undefined;
      }
    },
  };

  #drain(): void {
    if (this.#draining || this.#executing.size > 0) return;
    this.#draining = true;
    try {
      while (this.#arrived.length > 0) {
        this.#arrived.sort((a, b) => a.order - b.order);
        this.#arrived.shift()!.process();
      }
    } finally {
      this.#draining = false;
    }
  }

  #watch(): void {
    const now = this.#wall.nowMs();
    for (const s of this.#sessions) {
      if (s.phase !== "running") continue;
      // No host time per syscall: a run is timed from the first tick that saw it.
      if (s.runSeen !== s.runs) {
        s.runSeen = s.runs;
        s.runSeenAtMs = now;
        s.runawayStep = 0;
        continue;
      }
      const ranMs = now - s.runSeenAtMs + WATCHDOG_PERIOD_MS;
      if (s.runawayStep === 0 && ranMs >= this.#runawayMs * INTERRUPT_AT) {
        s.runawayStep = 1;
        // A second runaway in the same boot (say a timer callback that spins each time it
        // runs) is stopped at once: the board would otherwise freeze the world again and again.
        if (s.runawayInterrupts++ > 0) s.stopRunaway();
        else s.storeInterrupt(false, true);
      } else if (s.runawayStep === 1 && ranMs >= this.#runawayMs * POISON_AT) {
        s.runawayStep = 2;
        s.stopRunaway();
      }
    }
  }
}
