/**
 * Wall time for connections over real sockets: ARCHITECTURE.md says their
 * keep-alive is judged in wall time, so the host hands the broker this timebase.
 */
import type { Timebase } from "../broker/mod.ts";

export const wallTimebase: Timebase = {
  nowUs: () => Math.round(performance.now() * 1_000),
  after: (delayUs, callback) => {
    const id = setTimeout(callback, Math.max(0, delayUs / 1_000));
    return { cancel: () => clearTimeout(id) };
  },
};

/** `every(ms, cb) => stop` on host timers, for the pacer and the bridge. */
export function every(periodMs: number, callback: () => void): () => void {
  const id = setInterval(callback, periodMs);
  return () => clearInterval(id);
}
