/**
 * The pacer drives a world's virtual clock against the wall. It lives on the
 * host side (web/, main.ts): sim/, broker/ and devices/ never see host time.
 *
 * Play at 0.1x..100x advances by (wall delta x speed); "max" runs events as fast
 * as possible within a wall budget per tick; pause stops; step fires one event;
 * stepUntil fires events one by one until a predicate holds (step to the next packet).
 */

/** What the pacer drives: a VirtualClock, or a World that wraps one. */
export interface PacedTarget {
  readonly nowUs: number;
  nextEventAt(): number | undefined;
  /** May return a promise when the world waits on board workers. */
  advanceTo(targetUs: number, maxEvents?: number): unknown;
  runNext(): unknown;
}

/** Host time in milliseconds; injected so tests never sleep. */
export interface WallSource {
  nowMs(): number;
}

export type PaceMode = "paused" | "playing" | "max";

export interface PacerState {
  mode: PaceMode;
  speed: number;
  nowUs: number;
}

export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;
/** A host that stalls (laptop lid, debugger) must not make the world jump ahead. */
export const MAX_WALL_STEP_MS = 250;
/** In "max" mode, how long one tick may keep the host busy before yielding. */
export const MAX_MODE_BUDGET_MS = 25;
/** Events fired between wall checks in "max" mode. */
const MAX_MODE_BATCH = 256;

export class Pacer {
  #target: PacedTarget;
  #wall: WallSource;
  #mode: PaceMode = "paused";
  #speed = 1;
  #lastWallMs: number;
  /** Sub-microsecond remainder carried between ticks so slow speeds still advance. */
  #carryUs = 0;
  #listeners = new Set<(state: PacerState) => void>();
  #busy: Promise<void> | undefined;

  constructor(target: PacedTarget, wall: WallSource) {
    this.#target = target;
    this.#wall = wall;
    this.#lastWallMs = wall.nowMs();
  }

  get state(): PacerState {
    return { mode: this.#mode, speed: this.#speed, nowUs: this.#target.nowUs };
  }

  /** Called on every change of mode or speed; returns the unsubscribe function. */
  addListener(listener: (state: PacerState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  play(speed = this.#speed): void {
    this.setSpeed(speed);
    this.#setMode("playing");
  }

  runAsFastAsPossible(): void {
    this.#setMode("max");
  }

  pause(): void {
    this.#setMode("paused");
  }

  setSpeed(speed: number): void {
    if (!Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
      throw new RangeError(`Speed must be between ${MIN_SPEED}x and ${MAX_SPEED}x, got ${speed}`);
    }
    if (speed === this.#speed) return;
    this.#speed = speed;
    this.#notify();
  }

  /** Resolves once no tick or step is running: after `pause()`, the world holds still. */
  async settled(): Promise<void> {
    while (this.#busy) await this.#busy;
  }

  /** Pauses, then fires the next event. Returns false when nothing was pending. */
  async step(): Promise<boolean> {
    this.pause();
    return await this.#exclusive(async () => {
      if (this.#target.nextEventAt() === undefined) return false;
      await this.#target.runNext();
      return true;
    });
  }

  /**
   * Pauses, then fires events one at a time until `done()` holds (checked after
   * each event) or `maxEvents` fired. Returns whether the predicate held.
   */
  async stepUntil(done: () => boolean, maxEvents = 100_000): Promise<boolean> {
    this.pause();
    return await this.#exclusive(async () => {
      for (let i = 0; i < maxEvents; i++) {
        if (this.#target.nextEventAt() === undefined) return false;
        await this.#target.runNext();
        if (done()) return true;
      }
      return false;
    });
  }

  /** One host tick: advances the world by what the mode asks for. */
  async tick(): Promise<void> {
    const wallNow = this.#wall.nowMs();
    const wallDeltaMs = Math.min(Math.max(0, wallNow - this.#lastWallMs), MAX_WALL_STEP_MS);
    this.#lastWallMs = wallNow;
    if (this.#mode === "paused") return;
    await this.#exclusive(async () => {
      if (this.#mode === "playing") {
        const exactUs = wallDeltaMs * 1_000 * this.#speed + this.#carryUs;
        const wholeUs = Math.floor(exactUs);
        this.#carryUs = exactUs - wholeUs;
        if (wholeUs > 0) await this.#target.advanceTo(this.#target.nowUs + wholeUs);
      } else if (this.#mode === "max") {
        const deadline = this.#wall.nowMs() + MAX_MODE_BUDGET_MS;
        while (this.#wall.nowMs() < deadline) {
          const next = this.#target.nextEventAt();
          if (next === undefined) break;
          await this.#target.advanceTo(next, MAX_MODE_BATCH);
        }
      }
    });
  }

  #setMode(mode: PaceMode): void {
    if (mode === this.#mode) return;
    this.#mode = mode;
    this.#lastWallMs = this.#wall.nowMs();
    this.#carryUs = 0;
    this.#notify();
  }

  #notify(): void {
    const state = this.state;
    for (const listener of this.#listeners) listener(state);
  }

  /** Ticks and steps never interleave, even when the target is asynchronous. */
  async #exclusive<T>(work: () => Promise<T>): Promise<T> {
    while (this.#busy) await this.#busy;
    let release!: () => void;
    this.#busy = new Promise((resolve) => (release = resolve));
    try {
      return await work();
    } finally {
      this.#busy = undefined;
      release();
    }
  }
}

/**
 * Runs `pacer.tick()` on a host timer. `every` is injected (setInterval in
 * main.ts) so this file itself never touches host timers in tests.
 */
export function drivePacer(
  pacer: Pacer,
  every: (periodMs: number, callback: () => void) => () => void,
  periodMs = 16,
  /** A world that throws is a bug to report, never a reason to stop the class's host. */
  onError: (error: unknown) => void = (error) => console.error("The world failed a step:", error),
): () => void {
  let running = false;
  return every(periodMs, () => {
    if (running) return; // a slow async tick is never stacked
    running = true;
    pacer.tick().catch(onError).finally(() => (running = false));
  });
}
