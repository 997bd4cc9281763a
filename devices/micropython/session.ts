/**
 * One boot of one board: its worker, its memory and control block, and the bookkeeping
 * that ties the worker to the board's lock-step CPU. A session lives from a boot to the
 * next reset (or power off, or a runaway stop); a reset starts a new one.
 *
 * The worker is, at any moment, loading, running Python, parked (waiting for a reply) or
 * dead. It counts as running for the world (`cpu.enter()`) while it runs main code, and
 * the CPU counts it while it runs a callback; a blocking call leaves until its wake-up.
 * Callbacks (timers, pin IRQs) are handed to the worker while the main program waits, or
 * at its next call, as MicroPython's scheduler runs them.
 */
import {
  type Board,
  type BoardSocket,
  MicroPythonError,
  OSError,
  type WaitRequest,
  type WakeReason,
} from "../esp32/mod.ts";
import {
  type ControlBlock,
  MAX_QUIET_FDS,
  NOW_US_F64,
  QUIET_COUNT,
  QUIET_FDS,
  READY,
  REPLY_LENGTH,
  REQUEST_LENGTH,
  REQUEST_SEQ,
  RUNAWAY_FLAG,
  STATE,
  viewControlBlock,
} from "./control_block.ts";
import { REPLY } from "./ops.ts";
import { type Outcome, syscall } from "./syscalls.ts";
import { WireReader, type WireValue, WireWriter } from "./wire.ts";
import type { PreparedWorker } from "./prepared_worker.ts";
import type { BoardFiles } from "./board_files.ts";
import type { InterruptWords, WorkerBoot, WorkerMessage } from "./worker_protocol.ts";
import { REQUEST_DOORBELL } from "./worker_protocol.ts";

/** From machine.reset() / soft_reset() / sys.exit() to the new boot. */
const RESET_DELAY_US = 1000;
/** Out of the wasm memory's reach: raising it traps the VM, which ends the worker. */
const POISON_POINTER = 0x7ffffff0;

export type SessionPhase = "loading" | "running" | "parked" | "dead";

/** What a session needs from the runtime that made it. */
export interface SessionHost {
  interruptWords: InterruptWords | undefined;
  foundInterruptWords(words: InterruptWords): void;
  runtimeFiles: Record<string, string>;
  /** Lock-step across boards: requests are applied in board order (see lockstep.ts). */
  executing(s: Session): void;
  arrived(s: Session): void;
  gone(s: Session): void;
  ended(s: Session, why: "exit" | "runaway", error?: string): void;
}

export class Session {
  readonly board: Board;
  /** Lock-step order: the board's place in the world. */
  readonly order: number;
  readonly generation: number;
  phase: SessionPhase = "loading";
  /** Bumped each time the worker starts running; the watchdog sees a run that lasts. */
  runs = 0;
  /** Wall time at which the watchdog first saw the current run (its own bookkeeping). */
  runSeenAtMs = 0;
  runSeen = -1;
  /** The runaway watchdog's step for the current run: 0 none, 1 interrupted, 2 poisoned. */
  runawayStep = 0;
  /** How many times the watchdog raised KeyboardInterrupt in this boot. */
  runawayInterrupts = 0;
  #host: SessionHost;
  #worker: Worker;
  #memory: WebAssembly.Memory;
  #block: ControlBlock;
  #writer: WireWriter;
  #sockets = new Map<number, BoardSocket>();
  #files: BoardFiles;
  #context: "main" | "callback" = "main";
  /** Times this session called cpu.enter() without leave(). */
  #entered = 0;
  #mainWait: (() => void) | undefined;
  #mainIdle = false;
  /** A main-task reply held back while a callback runs first. */
  #stash: (() => void) | undefined;
  #queued: { id: number; done: () => void } | undefined;
  #callbackDone: (() => void) | undefined;
  #interruptPending = false;
  /** The last request taken (by a doorbell message or by waiting for it). */
  #seenSeq = 0;

  constructor(
    host: SessionHost,
    board: Board,
    order: number,
    prepared: PreparedWorker,
    files: BoardFiles,
    reason: string,
    seed: number,
  ) {
    this.#host = host;
    this.board = board;
    this.order = order;
    this.generation = board.cpu.generation;
    this.#memory = prepared.memory;
    this.#block = viewControlBlock(prepared.control);
    this.#writer = new WireWriter(this.#block.reply);
    this.#enter(); // booting counts as running: the world waits for boot.py
    host.executing(this);
    this.#worker = prepared.worker;
    this.#worker.onmessage = (e: MessageEvent<WorkerMessage>) => this.#onMessage(e.data);
    this.#worker.onerror = (e) => {
      e.preventDefault();
      this.#die("exit", e.message);
    };
    this.#files = files;
    const boot: WorkerBoot = {
      files: files.snapshot(),
      runtimeFiles: host.runtimeFiles,
      boardName: board.name,
      reason,
      seed,
      nowUs: board.clock.nowUs,
      powerOnAtUs: board.clock.nowUs - board.ticksUs(),
      runawayMessage: RUNAWAY_MESSAGE,
    };
    this.#worker.postMessage(boot);
    if (prepared.error) queueMicrotask(() => this.#die("exit", prepared.error));
    else if (prepared.loaded) this.#started();
  }

  /** MicroPython is loaded: from now on the worker runs the board's Python. */
  #started(): void {
    if (this.phase !== "loading") return;
    this.phase = "running";
    this.runs++;
  }

  get live(): boolean {
    return this.phase !== "dead" && this.board.cpu.generation === this.generation;
  }

  /** The board's wasm memory (MicroPython's heap lives in it and grows it when needed). */
  get memoryBytes(): number {
    return this.#memory.buffer.byteLength;
  }

  /** True while main.py has ended and the board sits at the REPL. */
  get atRepl(): boolean {
    return this.#mainIdle && this.#context === "main";
  }

  // --- messages from the worker ---

  #onMessage(msg: WorkerMessage): void {
    if (typeof msg === "string") {
      // Also after a runaway stop: what the program printed before it still shows.
      if (this.board.cpu.generation === this.generation) this.board.console.write(msg);
      return;
    }
    if (msg === REQUEST_DOORBELL) {
      const seq = Atomics.load(this.#block.words, REQUEST_SEQ);
      if (seq === this.#seenSeq) return; // a doorbell for a request already taken
      this.#seenSeq = seq;
      if (this.phase === "dead") {
        this.#send(REPLY.EXIT); // a stopped session's worker must leave Atomics.wait
        return;
      }
      this.phase = "parked";
      this.#host.arrived(this);
      return;
    }
    if ("loaded" in msg) {
      // (a worker taken while still loading; a spare that had loaded told its PreparedWorker)
      if (msg.words) this.#host.foundInterruptWords(msg.words);
      this.#started();
      return;
    }
    if ("exit" in msg) {
      this.#worker.terminate();
      if (this.phase !== "dead") this.#die("exit", msg.error);
    }
  }

  /** Applies the waiting request (called by the lock-step in board order). */
  process(): void {
    if (!this.live) {
      this.#send(REPLY.EXIT);
      return;
    }
    const reader = new WireReader(this.#block.request, this.#block.words[REQUEST_LENGTH]);
    // Virtual time the worker's calls took since it last waited: this call ends that later.
    const paidUs = reader.next() as number;
    // Sends the worker held back (on sockets that could take them) go first, in order.
    for (let n = reader.next() as number; n > 0; n--) {
      const fd = reader.next() as number;
      const bytes = reader.next() as Uint8Array;
      try {
        this.#sockets.get(fd)?.send(bytes);
      } catch {
        // cannot happen for a quiet socket; the next call on it reports the socket's state
      }
    }
    const op = reader.next() as number;
    let outcome: Outcome;
    try {
      outcome = syscall(
        {
          board: this.board,
          files: this.#files,
          sockets: this.#sockets,
          callback: (id) => () => this.#runCallback(id),
        },
        op,
        reader,
      );
    } catch (error) {
      this.#answer(() => this.#sendError(error));
      return;
    }
    switch (outcome.kind) {
      case "value":
        if (paidUs > 0) {
          this.#wait({ untilUs: this.board.clock.nowUs + paidUs }, () => outcome.value);
          return;
        }
        this.#answer(() => this.#send(REPLY.OK, outcome.value));
        return;
      case "wait":
        this.#wait(outcome.request, outcome.then);
        return;
      case "cb-done":
        this.#callbackFinished();
        return;
      case "idle":
        this.#mainIdle = true;
        this.#leave();
        this.#pump();
        return;
      case "reset": {
        // The board halts this session and boots a new one (ProgramHost.boot), a moment
        // later: a main.py that always resets must not loop without time passing.
        const soft = outcome.soft;
        this.#leave();
        this.board.clock.after(RESET_DELAY_US, () => {
          if (!this.live) return;
          if (soft) this.board.softReset();
          else this.board.hardReset();
        });
        return;
      }
    }
  }

  /** An immediate answer: to a callback at once; to the main task after a queued callback. */
  #answer(reply: () => void): void {
    if (this.#context === "callback") return reply();
    if (this.#queued) {
      this.#stash = reply;
      this.#pump();
      return;
    }
    this.#replyMain(reply);
  }

  #replyMain(reply: () => void): void {
    if (this.#interruptPending) {
      this.#interruptPending = false;
      this.#send(REPLY.INTERRUPT);
      return;
    }
    reply();
  }

  #wait(
    request: WaitRequest,
    then: (reason: WakeReason) => WireValue | undefined,
  ): void {
    const finish = (reason: WakeReason) => {
      let v: WireValue | undefined;
      try {
        v = then(reason);
      } catch (error) {
        return () => this.#sendError(error);
      }
      return () => this.#send(REPLY.OK, v);
    };
    if (this.#context === "callback") {
      this.board.cpu.block(request, (reason) => {
        if (!this.live) return;
        this.#enter();
        finish(reason)();
      }, "callback");
      this.#leave();
      return;
    }
    this.#mainWait = this.board.cpu.block(request, (reason) => {
      if (!this.live) return;
      this.#mainWait = undefined;
      this.#enter();
      this.#replyMain(finish(reason));
    }, "main");
    this.#leave();
    this.#pump();
  }

  // --- callbacks ---

  #runCallback(id: number): Promise<void> {
    if (!this.live) return Promise.resolve();
    return new Promise((done) => {
      this.#queued = { id, done };
      this.#pump();
    });
  }

  /** Hands a queued callback to the worker when the main task is parked in a wait. */
  #pump(): void {
    const q = this.#queued;
    if (!q || this.phase !== "parked" || this.#context !== "main") return;
    if (!this.#mainWait && !this.#mainIdle && !this.#stash) return;
    this.#queued = undefined;
    this.#context = "callback";
    this.#callbackDone = q.done;
    this.#send(REPLY.RUN_CALLBACK, q.id);
  }

  #callbackFinished(): void {
    this.#context = "main";
    const done = this.#callbackDone;
    this.#callbackDone = undefined;
    done?.(); // the CPU then leaves for the callback and may wake the main task
    const stash = this.#stash;
    this.#stash = undefined;
    if (stash) this.#replyMain(stash);
  }

  // --- Ctrl-C and stopping ---

  /**
   * A line (or a pasted block) typed at the REPL: run once main.py has ended, as the
   * board's REPL does. False when the board is not at its prompt (a program runs).
   */
  replInput(text: string): boolean {
    if (!this.live || this.phase !== "parked" || !this.atRepl || this.#stash) return false;
    this.#mainIdle = false;
    this.#enter();
    this.#send(REPLY.OK, text);
    return true;
  }

  /** Ctrl-C: KeyboardInterrupt where the program is, as on the board. */
  interrupt(): void {
    if (!this.live) return;
    const parkedMain = this.phase === "parked" && this.#context === "main" && !this.#stash;
    if (parkedMain && this.#mainWait) {
      this.#mainWait();
      this.#mainWait = undefined;
      this.#enter();
      this.#send(REPLY.INTERRUPT);
    } else if (parkedMain && this.#mainIdle) {
      this.#mainIdle = false;
      this.#enter();
      this.#send(REPLY.INTERRUPT);
    } else if (this.phase === "running" && this.#context === "main") {
      this.storeInterrupt(false);
    } else {
      this.#interruptPending = true;
    }
  }

  /**
   * Writes the pending exception into the running VM's memory: KeyboardInterrupt, or
   * (poison) a pointer outside memory, which traps the VM for sure.
   */
  storeInterrupt(poison: boolean, byWatchdog = false): boolean {
    const words = this.#host.interruptWords;
    if (!words) return false;
    if (byWatchdog) Atomics.store(this.#block.words, RUNAWAY_FLAG, 1);
    const i32 = new Int32Array(this.#memory.buffer);
    Atomics.store(i32, words[0][0], poison ? POISON_POINTER : words[0][2]);
    for (const [i, , raised] of words.slice(1)) Atomics.store(i32, i, raised);
    return true;
  }

  /** Ends this session's worker for sure (reset, power off, runtime closed). */
  kill(): void {
    if (this.phase === "dead") return;
    const phase = this.phase;
    this.#die("exit");
    if (phase === "parked") this.#send(REPLY.EXIT);
    else if (phase === "loading") this.#worker.terminate();
    else this.storeInterrupt(true);
  }

  /** The watchdog's last step: the program spins even after a KeyboardInterrupt. */
  stopRunaway(): void {
    if (!this.live) return;
    this.storeInterrupt(true);
    this.#die("runaway");
  }

  #die(why: "exit" | "runaway", error?: string): void {
    if (this.phase === "dead") return;
    const wasLive = this.live;
    this.phase = "dead";
    this.#host.gone(this);
    this.#mainWait?.();
    this.#mainWait = undefined;
    // Balance this session's enter/leave against the CPU before its callback task ends.
    if (wasLive) { while (this.#entered < 0) this.#enter(); }
    const q = this.#queued;
    this.#queued = undefined;
    q?.done();
    const cb = this.#callbackDone;
    this.#callbackDone = undefined;
    cb?.();
    if (wasLive) {
      while (this.#entered > 0) this.#leave();
      if (error) this.board.console.println(`[MicroPython runtime error: ${error}]`);
      if (why === "runaway") {
        this.board.console.println(RUNAWAY_MESSAGE);
        for (let id = 0; id < 4; id++) this.board.timer(id).deinit();
        for (const pin of this.board.gpio.pins) pin.clearIrq();
      }
    }
    this.#entered = 0;
    this.#host.ended(this, why, error);
  }

  // --- replies ---

  #sendError(error: unknown): void {
    if (error instanceof OSError) return this.#send(REPLY.ERROR, "OSError", error.errno);
    if (error instanceof MicroPythonError) {
      return this.#send(REPLY.ERROR, error.pyType, error.message || null);
    }
    this.#send(REPLY.ERROR, "RuntimeError", String((error as Error)?.message ?? error));
  }

  #send(kind: number, a?: WireValue, b?: WireValue): void {
    const w = this.#writer.reset().value(kind);
    if (a !== undefined) w.value(a);
    if (b !== undefined) w.value(b);
    const words = this.#block.words;
    words[REPLY_LENGTH] = w.length;
    this.#block.floats[NOW_US_F64] = this.board.clock.nowUs;
    let n = 0;
    for (const [fd, s] of this.#sockets) {
      if (n < MAX_QUIET_FDS && s.state === "connected" && !s.readable) words[QUIET_FDS + n++] = fd;
    }
    words[QUIET_COUNT] = n;
    if (this.phase !== "dead") {
      this.phase = "running";
      this.runs++;
      this.runawayStep = 0;
      this.#host.executing(this);
    }
    Atomics.store(words, STATE, READY);
    Atomics.notify(words, STATE);
  }

  #enter(): void {
    if (this.board.cpu.generation !== this.generation) return;
    this.#entered++;
    this.board.cpu.enter();
  }

  /** May go below zero: a callback that blocks leaves for the CPU's own count. */
  #leave(): void {
    if (this.board.cpu.generation !== this.generation) return;
    this.#entered--;
    this.board.cpu.leave();
  }
}

/** What the console says when the watchdog stops a program. */
export const RUNAWAY_MESSAGE =
  "Program stopped: it ran 2 s without sleeping or waiting (an endless loop without sleep?). " +
  "Reset the board to run it again.";
