/**
 * `deno task bench ui`: the web UI in headless Chromium.
 *
 * 1. Initial JavaScript, gzip: main.js plus the chunks it imports statically (the
 *    editor chunk is reported apart: it loads only when a program is opened).
 * 2. Time to first paint on localhost (first-contentful-paint), median of 5 loads.
 * 3. 1,000 packets/s for 30 s into the packet inspector (list following the newest row,
 *    a packet's detail open): frame times measured in the page, from each frame's
 *    requestAnimationFrame timestamp to the end of its rendering (a message posted
 *    from rAF runs after the frame is drawn); and the rAF intervals (dropped frames).
 * Packets are real codec frames routed into the page as `/events` messages, batched
 * every 100 ms as the server does, so the numbers are the UI's alone.
 * 4. The list at 100,000 rows: jump-scrolls and a filter over all of them.
 * 5. End to end: 1,000 PUBLISH/s from 10 real TCP clients through the broker, the
 *    server's bridge and `/events` into the open inspector, with the same frame timing.
 */
import type { Page } from "playwright-core";
import { launchBrowser } from "../tests/support/browser.ts";
import { startPlayground } from "../tests/support/playground_process.ts";
import { fakePacket, routeFakeWorld, textbookPackets } from "../tests/support/ui_fake_world.ts";
import { clientNode } from "../web/protocol.ts";
import type { PacketRow } from "../web/protocol.ts";
import { encode } from "../broker/codec/mod.ts";

const RATE_PER_S = 1_000;
const SECONDS = Number(Deno.env.get("UI_BENCH_SECONDS") ?? 30);
const BATCH_MS = 100;

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const fmt = (n: number) => n.toFixed(1);

/**
 * Frame timing in the page: each frame from its rAF timestamp to the end of its rendering
 * (a message posted from rAF runs after the frame is drawn), and the rAF intervals.
 */
async function installProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as { frames: number[]; intervals: number[]; stop: boolean };
    w.frames = [];
    w.intervals = [];
    w.stop = false;
    const channel = new MessageChannel();
    let frameStart = 0;
    let last = 0;
    channel.port1.onmessage = () => w.frames.push(performance.now() - frameStart);
    const tick = (ts: number) => {
      if (w.stop) return;
      if (last) w.intervals.push(ts - last);
      last = ts;
      frameStart = ts;
      channel.port2.postMessage(0);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function readProbe(page: Page) {
  return await page.evaluate(() => {
    const w = globalThis as unknown as { frames: number[]; intervals: number[]; stop: boolean };
    w.stop = true;
    return {
      frames: w.frames,
      intervals: w.intervals,
      shown: document.querySelector(".packet-filters .count")?.textContent ?? "",
      tokens: document.querySelector(".tokens")?.getAttribute("data-tokens") ?? "",
    };
  });
}

const playground = await startPlayground(["--paused", "--mqtt-port", "0"]);
const browser = await launchBrowser();
try {
  // --- 1. bundle sizes ---------------------------------------------------------------
  const html = await (await fetch(playground.url)).text();
  const entry = html.match(/<script type="module" src="([^"]+)"/)![1];
  const seen = new Set<string>();
  let initialRaw = 0;
  let initialGzip = 0;
  const queue = [entry];
  while (queue.length) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const bytes = new Uint8Array(await (await fetch(new URL(path, playground.url))).arrayBuffer());
    initialRaw += bytes.length;
    initialGzip += await gzipSize(bytes);
    // Static imports only: `import{...}from"./chunk-X.js"` (not `import("./...")`).
    const text = new TextDecoder().decode(bytes);
    for (const m of text.matchAll(/(?:^|[;}\s])(?:import|export)[^;("']*?from\s*"(\.\/[^"]+)"/g)) {
      queue.push(new URL(m[1], new URL(path, playground.url)).pathname);
    }
    for (const m of text.matchAll(/^import\s*"(\.\/[^"]+)"/gm)) {
      queue.push(new URL(m[1], new URL(path, playground.url)).pathname);
    }
  }
  const mainText = new TextDecoder().decode(
    new Uint8Array(await (await fetch(new URL(entry, playground.url))).arrayBuffer()),
  );
  const lazy = [...mainText.matchAll(/import\("(\.\/[^"]+)"\)/g)].map((m) => m[1]);
  let lazyGzip = 0;
  for (const rel of lazy) {
    const bytes = new Uint8Array(
      await (await fetch(new URL(rel, new URL(entry, playground.url)))).arrayBuffer(),
    );
    lazyGzip += await gzipSize(bytes);
  }
  console.log(
    `initial JS: ${seen.size} file(s), ${(initialRaw / 1024).toFixed(1)} KB raw, ` +
      `${(initialGzip / 1024).toFixed(1)} KB gzip (target <= 80 KB)` +
      `${initialGzip <= 80 * 1024 ? "" : "  ** OVER TARGET **"}`,
  );
  console.log(`lazy chunks (editor): ${lazy.length}, ${(lazyGzip / 1024).toFixed(1)} KB gzip`);

  // --- 2. time to first paint ----------------------------------------------------------
  const paints: number[] = [];
  for (let i = 0; i < 6; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: "zh-CN" });
    await page.goto(playground.url, { waitUntil: "load" });
    await page.waitForFunction(() =>
      performance.getEntriesByType("paint").some((e) => e.name === "first-contentful-paint")
    );
    const fcp = await page.evaluate(() =>
      performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint")!
        .startTime
    );
    if (i > 0) paints.push(fcp); // the first load warms Chromium up
    await page.close();
  }
  console.log(
    `first contentful paint: median ${fmt(percentile(paints, 50))} ms, ` +
      `max ${fmt(Math.max(...paints))} ms over ${paints.length} loads (target <= 300 ms)`,
  );

  // --- 3. 1,000 packets/s into the open inspector --------------------------------------
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: "zh-CN" });
  const seed = textbookPackets(3);
  const fake = await routeFakeWorld(page, { packets: seed });
  await page.goto(playground.url + "#packets");
  await page.locator(".prow[data-type=PUBLISH]").first().click();
  await page.getByTestId("packet-detail").waitFor();
  await page.locator('[data-name="variableHeader.topic"]').click();
  await page.locator(".follow input").check(); // follow newest while the detail stays open

  // Templates: a sensor fleet's traffic, summaries as the codec writes them.
  const templates: PacketRow[] = [];
  for (let k = 0; k < 50; k++) {
    // Real clients (not boards of the world), so the topology draws them as live peers.
    const peer = clientNode(`sensor-${k}`);
    templates.push(
      fakePacket(0, 0, {
        type: "PUBLISH",
        dup: false,
        qos: 1,
        retain: false,
        topic: `school/room${k % 10}/sensor-${k}/temperature`,
        packetId: 1,
        payload: new TextEncoder().encode(`{"t":${20 + (k % 7)}.5}`),
      }, { peer, clientId: `sensor-${k}`, direction: "in" }).row,
      fakePacket(0, 0, { type: "PUBACK", packetId: 1 }, {
        peer,
        clientId: `sensor-${k}`,
        direction: "out",
      }).row,
    );
  }
  await installProbe(page);
  let seq = seed.length + 1;
  let atUs = 10_000_000;
  const perBatch = (RATE_PER_S * BATCH_MS) / 1_000;
  const started = performance.now();
  for (let b = 0; b < (SECONDS * 1_000) / BATCH_MS; b++) {
    const rows: PacketRow[] = [];
    for (let i = 0; i < perBatch; i++) {
      const tpl = templates[(seq + i) % templates.length];
      rows.push({ ...tpl, seq: seq + i, atUs: atUs + i * 1_000 });
    }
    seq += perBatch;
    atUs += BATCH_MS * 1_000;
    fake.send({ kind: "packets", rows });
    fake.send({ kind: "clock", nowUs: atUs, mode: "playing", speed: 1 });
    const due = started + (b + 1) * BATCH_MS;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
  }
  await page.waitForTimeout(500);
  const { frames, intervals, shown } = await readProbe(page);
  const over = intervals.filter((ms) => ms > 25).length;
  console.log(
    `${RATE_PER_S} packets/s for ${SECONDS} s (${seq - 1} packets, list shows ${shown}):`,
  );
  console.log(
    `  frame time (rAF to drawn): p50 ${fmt(percentile(frames, 50))} ms, ` +
      `p95 ${fmt(percentile(frames, 95))} ms, p99 ${fmt(percentile(frames, 99))} ms, ` +
      `max ${fmt(Math.max(...frames))} ms over ${frames.length} frames (target p95 < 16 ms)`,
  );
  console.log(
    `  rAF interval: p50 ${fmt(percentile(intervals, 50))} ms, ` +
      `p95 ${
        fmt(percentile(intervals, 95))
      } ms; ${over} of ${intervals.length} frames late (> 25 ms)`,
  );

  // --- 3b. the same stream with the topology on screen (tokens in flight) ---------------
  await page.locator("#tab-topology").click();
  await page.getByTestId("topology").waitFor();
  await installProbe(page);
  const topoStarted = performance.now();
  const topoSeconds = Math.min(SECONDS, 10);
  for (let b = 0; b < (topoSeconds * 1_000) / BATCH_MS; b++) {
    const rows: PacketRow[] = [];
    for (let i = 0; i < perBatch; i++) {
      const tpl = templates[(seq + i) % templates.length];
      rows.push({ ...tpl, seq: seq + i, atUs: atUs + i * 1_000 });
    }
    seq += perBatch;
    atUs += BATCH_MS * 1_000;
    fake.send({ kind: "packets", rows });
    fake.send({ kind: "clock", nowUs: atUs, mode: "playing", speed: 1 });
    const due = topoStarted + (b + 1) * BATCH_MS;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
  }
  const topo = await readProbe(page);
  console.log(
    `topology at ${RATE_PER_S} packets/s for ${topoSeconds} s (50 sensors, ${topo.tokens} tokens ` +
      `at the end): frame time p50 ${fmt(percentile(topo.frames, 50))} ms, ` +
      `p95 ${fmt(percentile(topo.frames, 95))} ms, p99 ${fmt(percentile(topo.frames, 99))} ms`,
  );
  await page.locator("#tab-packets").click();

  // --- 4. the list at its limit: 110,000 packets sent, 100,000 kept, then scrolled -----
  while (seq <= 110_000) {
    const rows: PacketRow[] = [];
    for (let i = 0; i < 5_000; i++) {
      const tpl = templates[(seq + i) % templates.length];
      rows.push({ ...tpl, seq: seq + i, atUs: atUs + i * 100 });
    }
    seq += 5_000;
    atUs += 500_000;
    fake.send({ kind: "packets", rows });
  }
  await page.waitForFunction(
    () =>
      document.querySelector(".packet-filters .count")?.textContent?.includes("100000 / 100000"),
    undefined,
    { timeout: 60_000 },
  );
  await page.locator(".follow input").uncheck();
  const scrollMs = await page.evaluate(async () => {
    const el = document.querySelector("[data-testid=packet-list]")!;
    const times: number[] = [];
    for (const top of [0, el.scrollHeight / 2, el.scrollHeight / 4, el.scrollHeight]) {
      const t0 = performance.now();
      el.scrollTop = top;
      el.dispatchEvent(new Event("scroll"));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      times.push(performance.now() - t0);
    }
    return times;
  });
  const filterMs = await page.evaluate(async () => {
    const select = document.querySelector("[data-testid=filter-type]") as HTMLSelectElement;
    const t0 = performance.now();
    select.value = "PUBACK";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - t0;
  });
  console.log(
    `100,000 rows kept of 110,000 sent: jump-scroll to a new place drawn in ` +
      `${scrollMs.map(fmt).join(", ")} ms; type filter over all rows in ${fmt(filterMs)} ms`,
  );
  await page.close();

  // --- 5. end to end: real MQTT clients over TCP at 1,000 PUBLISH/s ---------------------
  const mqttPort = Number(playground.output().match(/mqtt:\/\/127\.0\.0\.1:(\d+)/)?.[1]);
  if (!mqttPort) {
    console.log("end to end: skipped (no MQTT TCP port in the playground's output)");
  } else {
    const live = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: "zh-CN" });
    await live.goto(playground.url + "#packets");
    const CLIENTS = 10;
    const conns: Deno.TcpConn[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const conn = await Deno.connect({ hostname: "127.0.0.1", port: mqttPort });
      await conn.write(encode({
        type: "CONNECT",
        protocolName: "MQTT",
        protocolLevel: 4,
        cleanStart: true,
        keepaliveS: 0,
        clientId: `bench-ui-${i}`,
      }, 4));
      // Drain whatever the broker sends (CONNACK) so its socket never backs up.
      (async () => {
        const buf = new Uint8Array(4096);
        try {
          while ((await conn.read(buf)) !== null) { /* drop */ }
        } catch { /* closed */ }
      })();
      conns.push(conn);
    }
    const frame = (i: number, n: number) =>
      encode({
        type: "PUBLISH",
        dup: false,
        qos: 0,
        retain: false,
        topic: `school/room${i}/temperature`,
        payload: new TextEncoder().encode(`{"n":${n},"t":21.5}`),
      }, 4);
    // The first packets (CONNECTs) open the inspector on a packet's detail.
    await live.locator(".plist-spacer .prow").first().click();
    await live.getByTestId("packet-detail").waitFor();
    await live.locator(".follow input").check();
    await installProbe(live);
    const perClientPerBatch = RATE_PER_S * BATCH_MS / 1_000 / CLIENTS;
    const t0 = performance.now();
    let sent = 0;
    for (let b = 0; b < (SECONDS * 1_000) / BATCH_MS; b++) {
      for (let i = 0; i < CLIENTS; i++) {
        const parts = [];
        for (let k = 0; k < perClientPerBatch; k++) parts.push(frame(i, sent++));
        const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let at = 0;
        for (const p of parts) (bytes.set(p, at), at += p.length);
        await conns[i].write(bytes);
      }
      const due = t0 + (b + 1) * BATCH_MS;
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    }
    await live.waitForTimeout(1_000);
    const result = await readProbe(live);
    for (const conn of conns) conn.close();
    console.log(
      `end to end, ${sent} PUBLISH from ${CLIENTS} TCP clients in ${SECONDS} s ` +
        `(list shows ${result.shown}):`,
    );
    console.log(
      `  frame time: p50 ${fmt(percentile(result.frames, 50))} ms, ` +
        `p95 ${fmt(percentile(result.frames, 95))} ms, ` +
        `p99 ${fmt(percentile(result.frames, 99))} ms; rAF interval p95 ` +
        `${fmt(percentile(result.intervals, 95))} ms, ` +
        `${result.intervals.filter((ms) => ms > 25).length} of ${result.intervals.length} late`,
    );
    await live.close();
  }
} finally {
  await browser.close();
  await playground.stop();
}
