/**
 * The board's one CPU as MicroPython sees it: a main task, and callbacks (timer and pin
 * IRQs) that the scheduler runs one at a time, never nested, only while the main task is
 * blocked. Blocking is "wake me when `ready()` holds or at `untilUs`", checked again each
 * time the board's state changes (`poke()`: bytes arrived, WiFi changed, a pin moved).
 *
 * TS programs use `wait()` (a promise). The MicroPython runtime uses `block()` (a
 * callback) and runs its own worker between wake-ups, with `enter()`/`leave()` around it.
 */
import type { ScheduledEvent, VirtualClock } from "../../sim/mod.ts";
import type { Activity } from "./activity.ts";

/** MICROPY_SCHEDULER_DEPTH: pending callbacks beyond this are dropped, as on the board. */
export const SCHEDULER_DEPTH = 8;

export type WakeReason = "ready" | "deadline";

export interface WaitRequest {
  /** Absolute virtual time to give up at; omitted = no deadline. */
  untilUs?: number;
  /** Wake as soon as this holds (checked now and at every `poke()`). */
  ready?: () => boolean;
}

export type TaskKind = "main" | "callback";

interface Task {
  kind: TaskKind;
  generation: number;
}

interface Wait {
  task: Task;
  ready: (() => boolean) | undefined;
  deadline: ScheduledEvent | undefined;
  wake: (reason: WakeReason) => void;
}

/** A callback request: the handler and what to call when it throws. */
type Handler = () => unknown;

export class Cpu {
  readonly #clock: VirtualClock;
  readonly #activity: Activity;
  #generation = 0;
  #current: Task | undefined;
  #callbackTask: Task | undefined;
  #pending: Handler[] = [];
  #deferredMainWake: (() => void) | undefined;
  #waits = new Set<Wait>();
  /** How many of this board's tasks are counted as running in `activity`. */
  #entered = 0;
  #mainDone = true;
  /** Where uncaught errors of tasks go (the board prints them as tracebacks). */
  onError: (error: unknown, kind: TaskKind) => void = () => {};

  constructor(clock: VirtualClock, activity: Activity) {
    this.#clock = clock;
    this.#activity = activity;
  }

  /** Bumped by every halt: work of an older generation must not touch the board. */
  get generation(): number {
    return this.#generation;
  }

  /** The task running right now, if any. */
  get current(): TaskKind | undefined {
    return this.#current?.kind;
  }

  /** True when the main task has returned (the board sits at the REPL, callbacks still run). */
  get mainDone(): boolean {
    return this.#mainDone;
  }

  /** How many tasks wait for something (for the UI and tests). */
  get waiting(): number {
    return this.#waits.size;
  }

  /** Counts the caller as running (MicroPython runtime: a worker got the CPU). */
  enter(): void {
    this.#entered++;
    this.#activity.enter();
  }

  /** Counts the caller as no longer running. */
  leave(): void {
    this.#entered--;
    this.#activity.leave();
  }

  /** Runs `main` as the main task now. Its promise settling ends the task. */
  startMain(main: () => Promise<void> | void): void {
    const task: Task = { kind: "main", generation: this.#generation };
    this.#mainDone = false;
    this.#run(task, main, () => {
      this.#mainDone = true;
      if (!this.#callbackTask) this.#runPending();
    });
  }

  /**
   * Asks for `handler` to run as a callback: now when the CPU is free, else once the
   * running task blocks or the running callback ends (queued, at most SCHEDULER_DEPTH).
   * The callback lasts until the promise it returns settles (a Worker-driven runtime
   * returns one that settles when the worker finishes the callback). False when dropped.
   */
  schedule(handler: Handler): boolean {
    if (this.#callbackTask || this.#current) {
      if (this.#pending.length >= SCHEDULER_DEPTH) return false;
      this.#pending.push(handler);
      return true;
    }
    this.#runCallback(handler);
    return true;
  }

  #runPending(): void {
    const next = this.#pending.shift();
    if (next) this.#runCallback(next);
  }

  #runCallback(handler: Handler): void {
    const task: Task = { kind: "callback", generation: this.#generation };
    this.#callbackTask = task;
    this.#run(task, handler, () => {
      this.#callbackTask = undefined;
      const next = this.#pending.shift();
      if (next) {
        this.#runCallback(next);
        return;
      }
      const wake = this.#deferredMainWake;
      this.#deferredMainWake = undefined;
      wake?.();
    });
  }

  #run(task: Task, body: Handler, finished: () => void): void {
    this.enter();
    this.#current = task;
    let result: unknown;
    try {
      result = body();
    } catch (error) {
      result = Promise.reject(error);
    }
    Promise.resolve(result).catch((error) => {
      if (task.generation === this.#generation) this.onError(error, task.kind);
    }).finally(() => {
      if (task.generation !== this.#generation) return;
      if (this.#current === task) this.#current = undefined;
      // Hand the CPU on before leaving, so the world never sees a gap between tasks.
      finished();
      this.leave();
    });
  }

  /**
   * Blocks the running task until `ready()` or `untilUs` (TS programs). Must be called
   * by a running task; the promise resolves with that task running again.
   */
  wait(request: WaitRequest): Promise<WakeReason> {
    const task = this.#current;
    if (!task) {
      return Promise.reject(new Error("Cpu.wait() called while no task of this board runs"));
    }
    return new Promise((resolve) => {
      this.#current = undefined;
      // Callbacks that came while this task ran get the CPU now (before it counts as idle).
      if (!this.#callbackTask) this.#runPending();
      this.leave();
      this.#block(task, request, (reason) => {
        this.enter();
        this.#current = task;
        resolve(reason);
      });
    });
  }

  /**
   * Low-level blocking for a runtime that keeps its own accounting: `wake` runs (on the
   * clock, or inside `poke()`) once `ready()` holds or the deadline passes. Returns cancel.
   */
  block(
    request: WaitRequest,
    wake: (reason: WakeReason) => void,
    kind: TaskKind = "main",
  ): () => void {
    const task: Task = { kind, generation: this.#generation };
    const w = this.#block(task, request, wake);
    return () => this.#drop(w);
  }

  #block(task: Task, request: WaitRequest, wake: (reason: WakeReason) => void): Wait {
    const w: Wait = { task, ready: request.ready, deadline: undefined, wake };
    if (request.ready?.()) {
      this.#clock.after(0, () => this.#fire(w, "ready"));
      this.#waits.add(w);
      return w;
    }
    if (request.untilUs !== undefined) {
      const atUs = Math.max(request.untilUs, this.#clock.nowUs);
      w.deadline = this.#clock.schedule(atUs, () => this.#fire(w, "deadline"));
    }
    this.#waits.add(w);
    return w;
  }

  #drop(w: Wait): void {
    this.#waits.delete(w);
    w.deadline?.cancel();
  }

  #fire(w: Wait, reason: WakeReason): void {
    if (!this.#waits.has(w) || w.task.generation !== this.#generation) return;
    this.#drop(w);
    if (w.task.kind === "main" && this.#callbackTask) {
      // The main task cannot resume while a callback holds the CPU.
      this.#deferredMainWake = () => w.wake(reason);
      return;
    }
    w.wake(reason);
  }

  /** The board's state changed: wake every task whose condition now holds. */
  poke(): void {
    if (this.#waits.size === 0) return;
    for (const w of [...this.#waits]) {
      if (w.ready?.()) this.#fire(w, "ready");
    }
  }

  /**
   * Stops everything (reset, power off): waits are dropped and never resolve, queued
   * callbacks are forgotten, running tasks stop counting. Older work sees a new generation.
   */
  halt(): void {
    this.#generation++;
    for (const w of this.#waits) w.deadline?.cancel();
    this.#waits.clear();
    this.#pending = [];
    this.#deferredMainWake = undefined;
    this.#callbackTask = undefined;
    this.#current = undefined;
    this.#mainDone = true;
    while (this.#entered > 0) this.leave();
  }
}
