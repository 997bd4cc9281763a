/** sim/: the world's kernel — virtual clock and seeded random source. */
export {
  type EventCallback,
  formatUs,
  msToUs,
  type RunResult,
  type ScheduledEvent,
  sToUs,
  US_PER_MS,
  US_PER_S,
  VirtualClock,
} from "./clock.ts";
export { SeededRandom } from "./random.ts";
export * from "./network/mod.ts";
