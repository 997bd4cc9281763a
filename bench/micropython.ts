/**
 * `deno task bench micropython`: real MicroPython boards (issue 6).
 *
 * - boot: wall time from power-on until main.py runs, per board (target <= 50 ms)
 * - rss: resident memory per running board (target <= 8 MB)
 * - textbook pair, one virtual hour (target >= 2,000x real time), RSS over the hour
 * - `while True: publish; sleep_ms(1000)`, one virtual hour, RSS over the hour
 * - 20 boards publishing for 60 virtual seconds
 */
import { type Scenario, World } from "../devices/mod.ts";
import { micropythonPrograms, MicroPythonRuntime } from "../devices/micropython/mod.ts";

import { fixture as read } from "../tests/micropython_rig.ts";
const PUBLISHER = read("textbook_publisher.py").replace(
  'CLIENT_ID="PZ-ESP32"',
  'CLIENT_ID="PZ-ESP32-PUB"',
);
const SUBSCRIBER = read("textbook_subscriber.py");
const LOOP = read("publish_loop.py");

const mb = (bytes: number) => +(bytes / 1e6).toFixed(1);
const rss = () => Deno.memoryUsage().rss;

async function world(
  mpy: MicroPythonRuntime,
  boards: Record<string, string>,
  events: Scenario["events"] = [],
): Promise<World> {
  const scenario: Scenario = {
    name: "bench",
    boards: Object.keys(boards).map((name) => ({ name, program: `${name}.py` })),
    events,
  };
  const w = new World(scenario, {
    programs: micropythonPrograms(mpy, (p) => boards[p.slice(0, -3)]),
    tapCapacity: 1000,
  });
  await Promise.resolve();
  return w;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function settleWorkers(): Promise<void> {
  await new Promise((r) => setTimeout(r, 200));
}

async function bootAndRss(mpy: MicroPythonRuntime) {
  const n = 20;
  const boards: Record<string, string> = {};
  for (let i = 0; i < n; i++) boards[`b${i}`] = "import time\nwhile True:\n    time.sleep(1)\n";
  const before = rss();
  const w = await world(mpy, boards);
  const bootMs: number[] = [];
  w.start();
  // boards power on one event at a time; each boot ends when its main.py blocks
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await w.step();
    bootMs.push(performance.now() - t0);
  }
  await w.runUntil(2_000_000);
  const after = rss();
  const softMs: number[] = [];
  for (const name of ["b1", "b2", "b3", "b4", "b5"]) {
    const t0 = performance.now();
    w.boards.get(name)!.softReset();
    await w.settle();
    softMs.push(performance.now() - t0);
  }
  w.close();
  await settleWorkers();
  return {
    first_boot_ms: +bootMs[0].toFixed(1),
    boot_ms_median: +median(bootMs.slice(1)).toFixed(1),
    boot_ms_max: +Math.max(...bootMs.slice(1)).toFixed(1),
    soft_reset_ms_median: +median(softMs).toFixed(1),
    rss_per_board_mb: mb((after - before) / n),
  };
}

async function hour(mpy: MicroPythonRuntime, boards: Record<string, string>, softReset: boolean) {
  const events: Scenario["events"] = softReset
    ? Object.keys(boards).map((board) => ({ atMs: 5000, action: "soft-reset" as const, board }))
    : [];
  const w = await world(mpy, boards, events);
  let publishes = 0;
  let received = 0;
  w.addPacketListener((p) => {
    if (p.packet.type === "PUBLISH" && p.to === "broker") publishes++;
  });
  w.addListener((e) => {
    if (e.kind === "console" && e.text.startsWith("msg:")) received++;
  });
  w.start();
  await w.runUntil(10_000_000);
  const rssMb: number[] = [];
  const heapMb: number[] = [];
  const wasmMb: number[] = [];
  const sample = () => {
    // With --v8-flags=--expose-gc the main isolate is collected first: what stays is real.
    (globalThis as { gc?: () => void }).gc?.();
    rssMb.push(mb(rss()));
    heapMb.push(mb(Deno.memoryUsage().heapUsed));
    let wasm = 0;
    for (const b of mpy.boards) if (b.state !== "off") wasm += b.memoryBytes;
    wasmMb.push(mb(wasm));
  };
  sample();
  const t0 = performance.now();
  for (let minute = 10; minute <= 60; minute += 10) {
    await w.runUntil(minute * 60_000_000 + 5_000_000);
    sample();
  }
  const wallMs = performance.now() - t0;
  const virtualMs = 3600_000 - 5_000;
  w.close();
  await settleWorkers();
  return {
    wall_ms: Math.round(wallMs),
    x_real_time: Math.round(virtualMs / wallMs),
    publishes,
    messages_printed: received,
    every_10_virtual_min: { rss_mb: rssMb, main_heap_mb: heapMb, boards_wasm_memory_mb: wasmMb },
  };
}

async function twenty(mpy: MicroPythonRuntime) {
  const boards: Record<string, string> = {};
  for (let i = 0; i < 20; i++) {
    boards[`p${i}`] = LOOP.replace('"loop-publisher"', `"loop-${i}"`);
  }
  const before = rss();
  let peak = before;
  const t0 = performance.now();
  const w = await world(mpy, boards);
  let publishes = 0;
  w.addPacketListener((p) => {
    if (p.packet.type === "PUBLISH" && p.to === "broker") publishes++;
  });
  w.start();
  for (let s = 5; s <= 60; s += 5) {
    await w.runUntil(s * 1_000_000);
    peak = Math.max(peak, rss());
  }
  const wallMs = performance.now() - t0;
  w.close();
  await settleWorkers();
  return {
    wall_ms: Math.round(wallMs),
    x_real_time: Math.round(60_000 / wallMs),
    publishes,
    peak_rss_mb: mb(peak),
    rss_growth_mb: mb(peak - before),
  };
}

const mpy = await MicroPythonRuntime.create();
const results = {
  boot_and_rss: await bootAndRss(mpy),
  textbook_pair_hour: await hour(mpy, { publisher: PUBLISHER, subscriber: SUBSCRIBER }, true),
  publish_loop_hour: await hour(mpy, { loop: LOOP }, false),
  twenty_boards_60s: await twenty(mpy),
};
mpy.close();
for (const [name, value] of Object.entries(results)) console.log(name, JSON.stringify(value));
console.log("load average at the end:", Deno.loadavg().map((x) => x.toFixed(1)).join(" "));
const targets: [string, boolean][] = [
  ["boot <= 50 ms (median)", results.boot_and_rss.boot_ms_median <= 50],
  [
    "RSS <= 8 MB per board (an empty Deno worker alone is ~8 MB)",
    results.boot_and_rss.rss_per_board_mb <= 8,
  ],
  ["textbook pair >= 2,000x real time", results.textbook_pair_hour.x_real_time >= 2000],
];
for (const [what, met] of targets) console.log(`${met ? "met    " : "NOT met"}  ${what}`);
Deno.exit(0);
