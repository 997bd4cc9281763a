/**
 * `deno task bench broker`: the project's broker against mosquitto (when
 * installed) and aedes (npm, run by node or Deno), each in its own process,
 * driven over TCP by raw, precomputed MQTT 3.1.1 bytes from this process.
 * Rounds alternate between brokers; the best of the rounds is kept.
 *
 *   deno task bench broker                 all scenarios, 2 rounds
 *   deno run -A bench/broker.ts --rounds 1 --quick
 *   deno run -A bench/broker.ts serve project|aedes PORT   (used internally)
 */
import { encode, type Packet } from "../broker/codec/mod.ts";

const HOST = "127.0.0.1";
/** The QoS 1 window, on both sides: the publisher's and each broker's towards its subscriber. */
const WINDOW = 100;
const ROOT = new URL("..", import.meta.url).pathname;

// ---- server mode ------------------------------------------------------------

if (Deno.args[0] === "serve") {
  const [, kind, portText] = Deno.args;
  const port = Number(portText);
  if (kind === "project") {
    const { VirtualClock } = await import("../sim/mod.ts");
    const { Broker, serveTcp } = await import("../broker/mod.ts");
    const broker = new Broker({
      clock: new VirtualClock(),
      config: { sysIntervalS: 0, limits: { maxConnections: 1_000_000, maxInflight: WINDOW } },
      // the tap on, at its default size: the broker's speed must not suffer from it
    });
    serveTcp(broker, { hostname: HOST, port });
  } else if (kind === "bare") {
    // the floor: a Deno TCP server that reads and answers CONNACK, nothing else
    const listener = Deno.listen({ hostname: HOST, port });
    for await (const conn of listener) {
      (async () => {
        const buf = new Uint8Array(512);
        while (true) {
          const n = await conn.read(buf).catch(() => null);
          if (n === null) break;
          if (buf[0] === 0x10) await conn.write(new Uint8Array([0x20, 2, 0, 0]));
        }
      })();
    }
  } else if (kind === "aedes") {
    const { Aedes } = await import("aedes");
    const net = await import("node:net");
    const aedes = await Aedes.createBroker();
    net.createServer(aedes.handle).listen(port, HOST);
  }
  await new Promise(() => {});
}

// ---- MQTT over raw TCP ----------------------------------------------------------

const PUBLISH = 3, PUBACK = 4, CONNACK = 2, SUBACK = 9;

class RawClient {
  #conn!: Deno.TcpConn;
  #buf = new Uint8Array(1 << 20);
  #len = 0;
  #waiters: { type: number; resolve: () => void }[] = [];
  onPublish: ((frame: Uint8Array, headerLen: number) => void) | undefined;
  onPuback: ((packetId: number) => void) | undefined;
  closed = false;

  static async open(port: number, clientId: string): Promise<RawClient> {
    const c = new RawClient();
    c.#conn = await Deno.connect({ hostname: HOST, port });
    c.#conn.setNoDelay(true);
    c.#readLoop();
    const ack = c.waitFor(CONNACK);
    await c.write(pkt({
      type: "CONNECT",
      protocolName: "MQTT",
      protocolLevel: 4,
      cleanStart: true,
      keepaliveS: 0,
      clientId,
    }));
    await ack;
    return c;
  }

  waitFor(type: number): Promise<void> {
    return new Promise((resolve) => this.#waiters.push({ type, resolve }));
  }

  async subscribe(topicFilter: string, qos: 0 | 1): Promise<void> {
    const ack = this.waitFor(SUBACK);
    await this.write(
      pkt({ type: "SUBSCRIBE", packetId: 1, subscriptions: [{ topicFilter, qos }] }),
    );
    await ack;
  }

  async write(bytes: Uint8Array): Promise<void> {
    let off = 0;
    while (off < bytes.length) off += await this.#conn.write(bytes.subarray(off));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.#conn.close();
    } catch { /* closed */ }
  }

  async #readLoop(): Promise<void> {
    const chunk = new Uint8Array(64 * 1024);
    try {
      while (true) {
        const n = await this.#conn.read(chunk);
        if (n === null) break;
        if (this.#len + n > this.#buf.length) {
          const bigger = new Uint8Array(Math.max(this.#buf.length * 2, this.#len + n));
          bigger.set(this.#buf.subarray(0, this.#len));
          this.#buf = bigger;
        }
        this.#buf.set(chunk.subarray(0, n), this.#len);
        this.#len += n;
        this.#frames();
      }
    } catch { /* closed */ }
    this.closed = true;
  }

  #frames(): void {
    const b = this.#buf;
    let pos = 0;
    while (pos + 2 <= this.#len) {
      let len = 0, mult = 1, i = pos + 1, ok = false;
      while (i < this.#len) {
        const d = b[i++];
        len += (d & 0x7f) * mult;
        mult *= 128;
        if ((d & 0x80) === 0) {
          ok = true;
          break;
        }
      }
      if (!ok || i + len > this.#len) break;
      const type = b[pos] >> 4;
      const frame = b.subarray(pos, i + len);
      if (type === PUBLISH) this.onPublish?.(frame, i - pos);
      else if (type === PUBACK) this.onPuback?.((b[i] << 8) | b[i + 1]);
      const w = this.#waiters.findIndex((x) => x.type === type);
      if (w >= 0) this.#waiters.splice(w, 1)[0].resolve();
      pos = i + len;
    }
    b.copyWithin(0, pos, this.#len);
    this.#len -= pos;
  }
}

function pkt(p: Packet): Uint8Array {
  return encode(p, 4);
}

function publishBytes(topic: string, payload: Uint8Array, qos: 0 | 1 = 0, packetId = 1) {
  return pkt({
    type: "PUBLISH",
    dup: false,
    qos,
    retain: false,
    topic,
    payload,
    packetId: qos > 0 ? packetId : undefined,
  });
}

function repeat(bytes: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(bytes.length * n);
  for (let i = 0; i < n; i++) out.set(bytes, i * bytes.length);
  return out;
}

async function waitUntil(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const start = performance.now();
  while (!cond()) {
    if (performance.now() - start > timeoutMs) return false;
    await new Promise((r) => setTimeout(r, 2));
  }
  return true;
}

// ---- scenarios ------------------------------------------------------------------

const QUICK = Deno.args.includes("--quick");
const CONNECTIONS_ONLY = Deno.args.includes("--connections-only");
const SCALE = QUICK ? 0.2 : 1;
const TIMEOUT_MS = 20_000;

/** 10 publishers, QoS 0, to 1 subscriber: messages per second delivered. */
async function fanIn(port: number): Promise<number> {
  const PUBLISHERS = 10, PER = Math.round(20_000 * SCALE), BATCH = 100;
  const sub = await RawClient.open(port, "fanin-sub");
  let got = 0;
  sub.onPublish = () => got++;
  await sub.subscribe("bench/in", 0);
  const pubs = await Promise.all(
    Array.from({ length: PUBLISHERS }, (_, i) => RawClient.open(port, `fanin-pub${i}`)),
  );
  const batch = repeat(publishBytes("bench/in", new Uint8Array(32)), BATCH);
  const t0 = performance.now();
  await Promise.all(pubs.map(async (p) => {
    for (let i = 0; i < PER; i += BATCH) await p.write(batch);
  }));
  await waitUntil(() => got >= PUBLISHERS * PER, TIMEOUT_MS);
  if (got < PUBLISHERS * PER) console.error(`fan-in: got ${got} of ${PUBLISHERS * PER}`);
  const rate = got / ((performance.now() - t0) / 1000);
  for (const c of [sub, ...pubs]) c.close();
  return rate;
}

/** 1 publisher, QoS 0, to 50 subscribers: deliveries per second. */
async function fanOut(port: number): Promise<number> {
  const SUBS = 50, N = Math.round(4_000 * SCALE), BATCH = 100;
  let got = 0;
  const subs = await Promise.all(Array.from({ length: SUBS }, async (_, i) => {
    const s = await RawClient.open(port, `fanout-sub${i}`);
    s.onPublish = () => got++;
    await s.subscribe("bench/out", 0);
    return s;
  }));
  const pub = await RawClient.open(port, "fanout-pub");
  const batch = repeat(publishBytes("bench/out", new Uint8Array(32)), BATCH);
  const t0 = performance.now();
  for (let i = 0; i < N; i += BATCH) await pub.write(batch);
  await waitUntil(() => got >= SUBS * N, TIMEOUT_MS);
  if (got < SUBS * N) console.error(`fan-out: got ${got} of ${SUBS * N}`);
  const rate = got / ((performance.now() - t0) / 1000);
  for (const c of [pub, ...subs]) c.close();
  return rate;
}

/** QoS 1 end to end, publisher window of 100, subscriber acknowledging: messages per second. */
async function qos1(port: number): Promise<number> {
  const N = Math.round(20_000 * SCALE);
  const sub = await RawClient.open(port, "qos1-sub");
  let got = 0;
  sub.onPublish = (frame, h) => {
    got++;
    const topicLen = (frame[h] << 8) | frame[h + 1];
    const idAt = h + 2 + topicLen;
    sub.write(new Uint8Array([0x40, 0x02, frame[idAt], frame[idAt + 1]]));
  };
  await sub.subscribe("bench/q1", 1);
  const pub = await RawClient.open(port, "qos1-pub");
  const template = publishBytes("bench/q1", new Uint8Array(32), 1, 1);
  const idAt = template.length - 32 - 2;
  let sent = 0, acked = 0;
  const sendOne = () => {
    const b = template.slice();
    const id = (sent % 65_000) + 1;
    b[idAt] = id >> 8;
    b[idAt + 1] = id & 0xff;
    sent++;
    return b;
  };
  pub.onPuback = () => {
    acked++;
    if (sent < N) pub.write(sendOne());
  };
  const t0 = performance.now();
  const first: Uint8Array[] = [];
  for (let i = 0; i < WINDOW; i++) first.push(sendOne());
  await pub.write(concat(first));
  await waitUntil(() => acked >= N && got >= N, TIMEOUT_MS);
  if (acked < N || got < N) console.error(`qos1: sent ${sent} acked ${acked} got ${got} of ${N}`);
  const rate = Math.min(acked, got) / ((performance.now() - t0) / 1000);
  pub.close();
  sub.close();
  return rate;
}

/** 1,000 msg/s for 2 s, QoS 0: latency publisher -> subscriber, p50 and p99 in ms. */
async function latency(port: number): Promise<{ p50: number; p99: number }> {
  const RATE = 1000, DURATION_MS = QUICK ? 1000 : 2000, PER_TICK = 5;
  const sub = await RawClient.open(port, "lat-sub");
  const samples: number[] = [];
  sub.onPublish = (frame) => {
    const view = new DataView(frame.buffer, frame.byteOffset + frame.length - 8, 8);
    samples.push(performance.now() - view.getFloat64(0));
  };
  await sub.subscribe("bench/lat", 0);
  const pub = await RawClient.open(port, "lat-pub");
  const total = (RATE * DURATION_MS) / 1000;
  const t0 = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = t0 + (sent * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    for (let k = 0; k < PER_TICK; k++) {
      const payload = new Uint8Array(8);
      new DataView(payload.buffer).setFloat64(0, performance.now());
      await pub.write(publishBytes("bench/lat", payload));
      sent++;
    }
  }
  await waitUntil(() => samples.length >= total, 5000);
  pub.close();
  sub.close();
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { p50: at(0.5), p99: at(0.99) };
}

/**
 * 10,000 idle connections: server RSS (KB) and CPU (µs) per connection, as the
 * cost of 10,000 more connections on top of 2,000 already open (so a runtime's
 * one-time heap growth is not counted per connection).
 */
async function connections(port: number, pid: number): Promise<{ kb: number; cpuUs: number }> {
  const N = Math.round(10_000 * SCALE), WARM = Math.round(N / 5), PARALLEL = 200;
  const warm: RawClient[] = [];
  for (let i = 0; i < WARM; i += PARALLEL) {
    warm.push(
      ...await Promise.all(
        Array.from(
          { length: Math.min(PARALLEL, WARM - i) },
          (_, k) => RawClient.open(port, `w${i + k}`),
        ),
      ),
    );
  }
  await new Promise((r) => setTimeout(r, 500));
  const rss0 = rssKb(pid), cpu0 = cpuUs(pid);
  const clients: RawClient[] = [];
  for (let i = 0; i < N; i += PARALLEL) {
    const batch = await Promise.all(
      Array.from(
        { length: Math.min(PARALLEL, N - i) },
        (_, k) => RawClient.open(port, `c${i + k}`),
      ),
    );
    clients.push(...batch);
  }
  await new Promise((r) => setTimeout(r, 500));
  const rss1 = rssKb(pid), cpu1 = cpuUs(pid);
  for (const c of [...clients, ...warm]) c.close();
  return { kb: (rss1 - rss0) / N, cpuUs: (cpu1 - cpu0) / N };
}

function rssKb(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

const TICKS_PER_S = 100;
function cpuUs(pid: number): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / TICKS_PER_S; // utime + stime
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

// ---- brokers ----------------------------------------------------------------------

interface Server {
  pid: number;
  stop(): Promise<void>;
}

function freePort(): number {
  const l = Deno.listen({ hostname: HOST, port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

async function start(kind: string, port: number): Promise<Server> {
  let cmd: Deno.Command;
  const self = new URL(import.meta.url).pathname;
  if (kind === "project") {
    cmd = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", self, "serve", "project", String(port)],
    });
  } else if (kind === "bare") {
    cmd = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", self, "serve", "bare", String(port)],
    });
  } else if (kind === "mosquitto") {
    const conf = Deno.makeTempFileSync({ suffix: ".conf" });
    Deno.writeTextFileSync(
      conf,
      `listener ${port} ${HOST}\nallow_anonymous true\nmax_inflight_messages ${WINDOW}\n`,
    );
    cmd = new Deno.Command("mosquitto", { args: ["-c", conf], stderr: "null", stdout: "null" });
  } else if (HAVE_NODE) {
    const script = `import { Aedes } from "aedes"; import net from "node:net";
      const aedes = await Aedes.createBroker();
      net.createServer(aedes.handle).listen(${port}, "${HOST}");`;
    cmd = new Deno.Command("node", { args: ["--input-type=module", "-e", script], cwd: ROOT });
  } else {
    cmd = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", self, "serve", "aedes", String(port)],
    });
  }
  const child = cmd.spawn();
  const ok = await waitUntil(() => canConnect(port), 10_000);
  if (!ok) throw new Error(`${kind} did not start on port ${port}`);
  return {
    pid: child.pid,
    async stop() {
      child.kill("SIGKILL");
      await child.status;
    },
  };
}

const reachable = new Set<number>();
function canConnect(port: number): boolean {
  if (reachable.has(port)) return true;
  Deno.connect({ hostname: HOST, port }).then((c) => {
    reachable.add(port);
    c.close();
  }, () => {});
  return false;
}

/** True when `cmd` can be started at all (its exit code does not matter). */
function have(cmd: string, args: string[]): boolean {
  try {
    new Deno.Command(cmd, { args, stdout: "null", stderr: "null" }).outputSync();
    return true;
  } catch {
    return false;
  }
}
const HAVE_NODE = have("node", ["--version"]);
const HAVE_MOSQUITTO = have("mosquitto", ["-h"]);

// ---- main ------------------------------------------------------------------------------

interface Result {
  fanIn: number;
  fanOut: number;
  qos1: number;
  p50: number;
  p99: number;
  kbPerConn: number;
  cpuUsPerConn: number;
}

const roundsArg = Deno.args.indexOf("--rounds");
const ROUNDS = roundsArg >= 0 ? Number(Deno.args[roundsArg + 1]) : 2;
const onlyArg = Deno.args.indexOf("--only");
const brokers = onlyArg >= 0
  ? Deno.args[onlyArg + 1].split(",")
  : ["project", ...(HAVE_MOSQUITTO ? ["mosquitto"] : []), "aedes"];
const best = new Map<string, Result>();

for (let round = 1; round <= ROUNDS; round++) {
  const order = round % 2 === 1 ? brokers : [...brokers].reverse();
  for (const kind of order) {
    const port = freePort();
    let server = await start(kind, port);
    try {
      const r: Result = CONNECTIONS_ONLY
        ? {
          fanIn: NaN,
          fanOut: NaN,
          qos1: NaN,
          p50: NaN,
          p99: NaN,
          kbPerConn: NaN,
          cpuUsPerConn: NaN,
        }
        : {
          fanIn: await fanIn(port),
          fanOut: await fanOut(port),
          qos1: await qos1(port),
          ...(await latency(port).then((l) => ({ p50: l.p50, p99: l.p99 }))),
          kbPerConn: NaN,
          cpuUsPerConn: NaN,
        };
      if (round === 1) {
        // on a fresh server, so that garbage from the runs above does not count
        await server.stop();
        const freshPort = freePort();
        server = await start(kind, freshPort);
        const c = await connections(freshPort, server.pid);
        r.kbPerConn = c.kb;
        r.cpuUsPerConn = c.cpuUs;
      }
      console.log(
        `round ${round} ${kind.padEnd(9)} fan-in ${fmt(r.fanIn)}/s  fan-out ${fmt(r.fanOut)}/s  ` +
          `qos1 ${fmt(r.qos1)}/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms` +
          (round === 1
            ? `  ${r.kbPerConn.toFixed(1)} KB/conn  ${r.cpuUsPerConn.toFixed(0)} µs CPU/conn`
            : ""),
      );
      const b = best.get(kind);
      best.set(
        kind,
        b
          ? {
            fanIn: Math.max(b.fanIn, r.fanIn),
            fanOut: Math.max(b.fanOut, r.fanOut),
            qos1: Math.max(b.qos1, r.qos1),
            p50: Math.min(b.p50, r.p50),
            p99: Math.min(b.p99, r.p99),
            kbPerConn: Number.isNaN(b.kbPerConn) ? r.kbPerConn : b.kbPerConn,
            cpuUsPerConn: Number.isNaN(b.cpuUsPerConn) ? r.cpuUsPerConn : b.cpuUsPerConn,
          }
          : r,
      );
    } finally {
      await server.stop();
    }
  }
}

// Deno's own floor: a server that only accepts, reads and answers CONNACK.
{
  const port = freePort();
  const bare = await start("bare", port);
  try {
    const c = await connections(port, bare.pid);
    console.log(
      `Deno TCP floor (accept + one pending read per socket, no MQTT): ${c.kb.toFixed(1)} KB/conn`,
    );
  } finally {
    await bare.stop();
  }
}

function fmt(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(1)}k` : n.toFixed(0);
}

const ref = best.get("mosquitto");
console.log(
  "\n| broker | fan-in 10→1 msg/s | fan-out 1→50 msg/s | QoS 1 w=100 msg/s | p50 ms | p99 ms | KB/conn | CPU µs/conn |",
);
console.log("|---|---|---|---|---|---|---|---|");
for (const [kind, r] of best) {
  const ratio = (v: number, base: number | undefined, higherIsBetter = true) =>
    base === undefined || kind === "mosquitto"
      ? ""
      : ` (${(higherIsBetter ? v / base : base / v).toFixed(2)}x)`;
  console.log(
    `| ${kind} | ${fmt(r.fanIn)}${ratio(r.fanIn, ref?.fanIn)} | ${fmt(r.fanOut)}${
      ratio(r.fanOut, ref?.fanOut)
    } | ` +
      `${fmt(r.qos1)}${ratio(r.qos1, ref?.qos1)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)}${
        ratio(r.p99, ref?.p99, false)
      } | ` +
      `${r.kbPerConn.toFixed(1)} | ${r.cpuUsPerConn.toFixed(0)} |`,
  );
}
if (ref) {
  console.log("(ratios to mosquitto in the same run; for p99, above 1.0x means lower latency)");
}
Deno.exit(0);
