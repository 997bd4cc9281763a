/**
 * `deno task bench world`: 1,000 TypeScript boards publishing at 1 Hz for 60 virtual
 * seconds through the real (embedded) broker, as fast as possible. Reports wall time,
 * the speed-up over real time and the peak RSS. Target: 60 s virtual in <= 3 s wall
 * (20x real time) within 300 MB.
 */
import { type Scenario, World } from "../devices/mod.ts";

const BOARDS = Number(Deno.env.get("BENCH_BOARDS") ?? 1000);
const VIRTUAL_S = 60;
const PERIOD_MS = 1000;
/** Time for every board to join WiFi and connect before the measured minute starts. */
const WARMUP_MS = 4000;
const TARGET_WALL_S = 3;
const TARGET_RSS_MB = 300;

const scenario: Scenario = {
  name: "bench-1000-sensors",
  // a /16 so that DHCP has room for a thousand boards
  accessPoints: [{ ssid: "ssid", password: "12345678", subnet: "10.8" }],
  broker: { sysIntervalS: 0 },
  boards: Array.from({ length: BOARDS }, (_, i) => ({
    name: `s${i}`,
    program: "temperature-sensor",
    params: { periodMs: PERIOD_MS, clientId: `sensor-${i}` },
  })),
};

let peakRss = Deno.memoryUsage().rss;
const world = new World(scenario, { seed: 1, tapCapacity: 10_000 });
let publishes = 0;
world.addPacketListener((p) => {
  if (p.packet.type === "PUBLISH" && p.to === "broker") publishes++;
});
const wallStart = performance.now();
world.start();
const endUs = (WARMUP_MS + VIRTUAL_S * 1000) * 1000;
for (let t = 1_000_000; t <= endUs; t += 1_000_000) {
  await world.runUntil(t);
  peakRss = Math.max(peakRss, Deno.memoryUsage().rss);
}
const wallS = (performance.now() - wallStart) / 1000;
world.close();
const virtualS = endUs / 1e6;
const rssMb = peakRss / 1e6;
console.log(JSON.stringify({
  boards: BOARDS,
  virtual_s: virtualS,
  publishes_at_broker: publishes,
  clock_events: world.clock.firedTotal,
  wall_s: +wallS.toFixed(2),
  x_real_time: +(virtualS / wallS).toFixed(1),
  peak_rss_mb: +rssMb.toFixed(0),
}));
const ok = wallS <= TARGET_WALL_S * (virtualS / VIRTUAL_S) && rssMb <= TARGET_RSS_MB;
console.log(
  ok
    ? `within target (${TARGET_WALL_S} s per 60 virtual s, ${TARGET_RSS_MB} MB)`
    : `OVER target (${TARGET_WALL_S} s per 60 virtual s, ${TARGET_RSS_MB} MB)`,
);
