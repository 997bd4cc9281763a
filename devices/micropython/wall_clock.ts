/**
 * Wall time, which only the runaway watchdog may read: a program that never calls into
 * the kernel freezes virtual time, so only the wall can tell that it spins. Hosts may pass
 * their own (tests, a paced server); this default is the one place in devices/ that reads
 * the host clock.
 */

export interface WallClock {
  nowMs(): number;
  /** Calls `tick` every `periodMs` until the returned function is called. */
  every(periodMs: number, tick: () => void): () => void;
}

export const HOST_WALL_CLOCK: WallClock = {
  nowMs: () => performance.now(), // determinism-guard: allow (runaway watchdog: wall time by design)
  every(periodMs, tick) {
    const id = setInterval(tick, periodMs); // determinism-guard: allow (runaway watchdog: wall time by design)
    return () => clearInterval(id);
  },
};
