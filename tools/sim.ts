/**
 * `deno task sim [SCENARIO] [--until 15s] [--speed max|1|10] [--seed N]
 *                [--format text|jsonl] [--board NAME=PROGRAM]... [--broker mqtt://HOST:PORT]
 *                [--pcap FILE]`
 * `deno task sim --list`
 * `deno task sim --lesson NN [--broken] [--ts] [--seed N] [--lang zh|en] [--until MS]`
 *
 * A headless run of a world: one line per MQTT packet (virtual time, from, to, type,
 * summary), the boards' console lines and the scenario's actions, then exit 0. SCENARIO is a built-in name or a
 * JSON file. Without one, the boards given by --board run in the default world: the
 * textbook's access point ("ssid" / "12345678") and the embedded broker.
 *
 * --broker sends the boards to a real broker over TCP instead; the clock is then paced
 * against the wall (--speed max means 1 there), and packets are recorded at the boards.
 *
 * --pcap FILE also writes the packets as pcapng (synthetic Ethernet/IP/TCP, virtual
 * timestamps) for Wireshark and tshark.
 */
import { recordsFromWorldPackets, writePcapng } from "../capture/mod.ts";
import {
  BUILTIN_PROGRAMS,
  BUILTIN_SCENARIOS,
  checkScenario,
  eventRecord,
  formatRecord,
  jsonRecord,
  packetRecord,
  parseBrokerUrl,
  type Scenario,
  tcpBrokerGateway,
  World,
  type WorldPacket,
} from "../devices/mod.ts";
import { micropythonPrograms, MicroPythonRuntime } from "../devices/micropython/mod.ts";

const USAGE = `usage: deno task sim [SCENARIO] [--until 15s] [--speed max|1|10] [--seed N]
                     [--format text|jsonl] [--board NAME=PROGRAM]... [--broker mqtt://HOST:PORT]
                     [--pcap FILE]
       deno task sim --list
       deno task sim --lesson NN [--broken] [--ts] [--seed N] [--lang zh|en] [--until MS]`;

/** Headless runs without --until and without a scenario default stop here. */
const DEFAULT_UNTIL_US = 15_000_000;
/** How often a paced run lets real time (and real sockets) catch up. */
const PACE_TICK_MS = 5;

interface Args {
  scenario?: string;
  untilUs?: number;
  speed: number | "max";
  seed?: number;
  format: "text" | "jsonl";
  boards: { name: string; program: string }[];
  broker?: string;
  pcap?: string;
  list: boolean;
}

function fail(message: string): never {
  console.error(`sim: ${message}\n${USAGE}`);
  Deno.exit(2);
}

/** "15s", "1500ms", "2m", "250us", or a bare number of seconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(us|ms|s|m)?$/.exec(text.trim());
  if (!m) fail(`cannot read duration '${text}' (e.g. 15s, 1500ms)`);
  const n = Number(m[1]);
  const factor = { us: 1, ms: 1e3, s: 1e6, m: 60e6 }[m[2] ?? "s"]!;
  return Math.round(n * factor);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { speed: "max", format: "text", boards: [], list: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith("--") && a.includes("=") && !a.startsWith("--board=")
      ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
      : [a, undefined];
    const value = () => inline ?? argv[++i] ?? fail(`${flag} needs a value`);
    switch (flag) {
      case "--list":
        args.list = true;
        break;
      case "--until":
        args.untilUs = parseDuration(value());
        break;
      case "--speed": {
        const v = value();
        if (v === "max") args.speed = "max";
        else if (Number(v) > 0) args.speed = Number(v);
        else fail(`--speed is max or a number > 0, not '${v}'`);
        break;
      }
      case "--seed": {
        const v = Number(value());
        if (!Number.isSafeInteger(v)) fail("--seed must be an integer");
        args.seed = v;
        break;
      }
      case "--format": {
        const v = value();
        if (v !== "text" && v !== "jsonl") fail(`--format is text or jsonl, not '${v}'`);
        args.format = v;
        break;
      }
      case "--board":
      case "--board=": {
        const v = a.startsWith("--board=") ? a.slice(8) : value();
        const eq = v.indexOf("=");
        if (eq <= 0) fail(`--board takes NAME=PROGRAM, not '${v}'`);
        args.boards.push({ name: v.slice(0, eq), program: v.slice(eq + 1) });
        break;
      }
      case "--broker":
        args.broker = value();
        break;
      case "--pcap":
        args.pcap = value();
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        Deno.exit(0);
        break;
      default:
        if (a.startsWith("-")) fail(`unknown option '${a}'`);
        if (args.scenario) fail(`one scenario at a time ('${args.scenario}' and '${a}')`);
        args.scenario = a;
    }
  }
  return args;
}

async function loadScenario(args: Args): Promise<Scenario> {
  let scenario: Scenario;
  if (!args.scenario) {
    if (args.boards.length === 0) fail("give a SCENARIO, or boards with --board NAME=PROGRAM");
    scenario = { name: "default", boards: [] };
  } else if (BUILTIN_SCENARIOS.has(args.scenario)) {
    scenario = structuredClone(BUILTIN_SCENARIOS.get(args.scenario)!);
  } else if (args.scenario.endsWith(".json")) {
    const text = await Deno.readTextFile(args.scenario).catch((e) =>
      fail(`cannot read ${args.scenario}: ${e.message}`)
    );
    try {
      scenario = checkScenario(JSON.parse(text), args.scenario);
    } catch (e) {
      fail((e as Error).message);
    }
  } else {
    fail(
      `no scenario named '${args.scenario}' (built-ins: ${
        [...BUILTIN_SCENARIOS.keys()].join(", ")
      })`,
    );
  }
  for (const b of args.boards) {
    const existing = scenario.boards.find((s) => s.name === b.name);
    if (existing) existing.program = b.program;
    else scenario.boards.push({ name: b.name, program: b.program });
  }
  return scenario;
}

/**
 * `--lesson`: runs a lesson and its checks (lessons/run.ts). Loaded by URL at run time so
 * that this tool does not depend on lessons/ to type-check.
 */
async function runLessonCli(argv: string[]): Promise<number> {
  const url = new URL("../lessons/run.ts", import.meta.url).href;
  let mod: { lessonCli(args: string[]): Promise<number> };
  try {
    mod = await import(url);
  } catch (e) {
    fail(`--lesson needs lessons/run.ts: ${(e as Error).message}`);
  }
  return await mod.lessonCli(argv);
}

async function main(): Promise<void> {
  if (Deno.args.includes("--lesson")) {
    Deno.exit(await runLessonCli(Deno.args.filter((a) => a !== "--lesson")));
  }
  const args = parseArgs(Deno.args);
  if (args.list) {
    console.log("Scenarios:");
    for (const s of BUILTIN_SCENARIOS.values()) {
      console.log(`  ${s.name.padEnd(26)} ${s.description ?? ""}`);
    }
    console.log("Programs (--board NAME=PROGRAM):");
    for (const p of BUILTIN_PROGRAMS.values()) {
      console.log(`  ${p.name.padEnd(26)} ${p.description}`);
    }
    return;
  }
  const scenario = await loadScenario(args);
  const untilUs = args.untilUs ?? (scenario.untilMs ? scenario.untilMs * 1000 : DEFAULT_UNTIL_US);
  // `--board NAME=FILE.py` boards run real MicroPython (devices/micropython)
  const mpy = scenario.boards.some((b) => b.program.endsWith(".py"))
    ? await MicroPythonRuntime.create()
    : undefined;
  let world: World;
  try {
    world = new World(scenario, {
      seed: args.seed,
      gateway: args.broker ? tcpBrokerGateway(parseBrokerUrl(args.broker)) : undefined,
      programs: mpy && micropythonPrograms(mpy),
    });
  } catch (e) {
    fail((e as Error).message);
  }
  const encoder = new TextEncoder();
  const lines: string[] = [];
  const out = (line: string) => lines.push(line);
  const flush = () => {
    if (lines.length === 0) return;
    Deno.stdout.writeSync(encoder.encode(lines.join("\n") + "\n"));
    lines.length = 0;
  };
  const render = args.format === "jsonl" ? jsonRecord : formatRecord;
  const captured: WorldPacket[] = [];
  world.addPacketListener((p) => {
    out(render(packetRecord(p)));
    if (args.pcap) captured.push(p);
  });
  world.addListener((ev) => {
    const record = eventRecord(ev);
    if (record) out(render(record));
  });
  world.start();
  const speed = args.broker && args.speed === "max" ? 1 : args.speed;
  if (speed === "max") {
    await world.runUntil(untilUs);
  } else {
    const wallStart = performance.now();
    const virtualStart = world.clock.nowUs;
    while (world.clock.nowUs < untilUs) {
      await new Promise((resolve) => setTimeout(resolve, PACE_TICK_MS));
      const elapsedUs = Math.round((performance.now() - wallStart) * 1000 * speed);
      await world.runUntil(Math.min(untilUs, virtualStart + elapsedUs));
      flush();
    }
  }
  flush();
  world.close();
  mpy?.close();
  if (args.pcap) await Deno.writeFile(args.pcap, writePcapng(recordsFromWorldPackets(captured)));
}

if (import.meta.main) {
  await main();
  Deno.exit(0);
}
