/**
 * Where a connection's timers run. Virtual links (boards) use the world's
 * virtual clock; real sockets judge keep-alive in wall time through a
 * timebase the host injects (broker/ never reads host time itself).
 */
import type { VirtualClock } from "../sim/mod.ts";

export interface TimerHandle {
  cancel(): void;
}

export interface Timebase {
  nowUs(): number;
  /** Runs `callback` after `delayUs` microseconds. */
  after(delayUs: number, callback: () => void): TimerHandle;
}

export function virtualTimebase(clock: VirtualClock): Timebase {
  return {
    nowUs: () => clock.nowUs,
    after: (delayUs, callback) => clock.after(Math.max(0, Math.round(delayUs)), callback),
  };
}

/**
 * For real sockets when the host gave no wall timebase: no timers at all.
 * Judging a real client's keep-alive by the virtual clock would be wrong at any
 * speed but 1x (at 100x a client pinging every 60 s would be cut off in 0.9 s),
 * so without wall time the broker leaves real sockets to TCP.
 */
export const NO_TIMERS: Timebase = {
  nowUs: () => 0,
  after: () => ({ cancel() {} }),
};
