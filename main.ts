/**
 * `deno task dev`: one process with the world, the broker and the web UI.
 * Wiring only: parse flags, start the host, report where to look.
 */
import { parseArgs } from "node:util";
import { startHost } from "./web/mod.ts";
import { parseSession } from "./replay/mod.ts";
import { classroomAddress, lanBanner, makeSeats, type Seats, withSeats } from "./classroom/mod.ts";
import { type BrokerConfig, loadConfig } from "./broker/mod.ts";

const USAGE =
  `Usage: deno task dev [--port 8000] [--host 127.0.0.1] [--mqtt-port 1883] [--scenario NAME] [--seed N] [--broker mqtt://HOST:PORT] [--paused] [--lan] [--seats N]

  --port N          web UI port (default 8000; 0 picks a free one)
  --host ADDR       address the web UI listens on (default 127.0.0.1)
  --mqtt-port N     MQTT over TCP for real clients (default 1883; 0 picks a free one)
  --mqtt-host ADDR  address the MQTT broker listens on (default 127.0.0.1)
  --scenario NAME   the world loaded at start: a built-in (textbook-pubsub, ...) or a
                    lesson (lesson-01 .. lesson-11, -broken for its broken version);
                    default lesson-01: the textbook pair on real MicroPython
  --seed N          seed of the world's random source (default: the scenario's)
  --broker URL      boards use a real broker (mqtt://HOST:PORT) instead of the embedded one
  --config FILE     the broker's JSON config (users, ACL, limits; see broker/README.md),
                    in force in every scenario
  --data DIR        keep students' programs, lesson progress and the broker's retained
                    messages and sessions in DIR across restarts (deno task dev uses .data)
  --replay FILE     play a recorded session (GET /api/session.json) instead of a live world
  --paused          start with the virtual clock paused
  --lan             listen on all interfaces (web, MQTT, /mqtt); print the classroom address and a QR code
  --seats N         users seat01..seatNN with printed passwords, each its own class/seatNN/# (plus
                    class/public/#), a teacher user for everything; anonymous clients refused
  --help            this text`;

function parsePort(flag: string, text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`${flag} must be a whole number from 0 to 65535, got '${text}'`);
  }
  return port;
}

function parseSeed(text: string): number {
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be a whole number, got '${text}'`);
  return seed;
}

function parseSeats(text: string): number {
  const seats = Number(text);
  if (!Number.isInteger(seats) || seats < 1 || seats > 999) {
    throw new Error(`--seats must be a whole number from 1 to 999, got '${text}'`);
  }
  return seats;
}

/**
 * The classroom's broker settings over every scenario's own: --config replaces the
 * keys it names, then --seats adds its users and rules.
 */
function classroomBrokerConfig(
  fileConfig: BrokerConfig | undefined,
  seats: Seats | undefined,
): ((config: BrokerConfig) => BrokerConfig) | undefined {
  if (!fileConfig && !seats) return undefined;
  return (config) => {
    const merged = fileConfig ? { ...config, ...fileConfig } : config;
    return seats ? withSeats(merged, seats) : merged;
  };
}

function parseFlags(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "8000" },
      host: { type: "string" },
      "mqtt-port": { type: "string", default: "1883" },
      "mqtt-host": { type: "string" },
      scenario: { type: "string" },
      seed: { type: "string" },
      broker: { type: "string" },
      config: { type: "string" },
      data: { type: "string" },
      replay: { type: "string" },
      paused: { type: "boolean", default: false },
      lan: { type: "boolean", default: false },
      seats: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  return {
    port: parsePort("--port", values.port),
    // --lan listens on every interface unless an address is given.
    hostname: values.host ?? (values.lan ? "0.0.0.0" : "127.0.0.1"),
    mqttPort: parsePort("--mqtt-port", values["mqtt-port"]),
    mqttHostname: values["mqtt-host"] ?? (values.lan ? "0.0.0.0" : "127.0.0.1"),
    scenario: values.scenario,
    seed: values.seed === undefined ? undefined : parseSeed(values.seed),
    externalBroker: values.broker,
    configFile: values.config,
    dataDir: values.data,
    replayFile: values.replay,
    paused: values.paused,
    lan: values.lan,
    seats: values.seats === undefined ? undefined : parseSeats(values.seats),
    help: values.help,
  };
}

if (import.meta.main) {
  let flags;
  try {
    flags = parseFlags(Deno.args);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    console.error(USAGE);
    Deno.exit(2);
  }
  if (flags.help) {
    console.log(USAGE);
    Deno.exit(0);
  }
  try {
    const fileConfig = flags.configFile ? await loadConfig(flags.configFile) : undefined;
    const seats = flags.seats === undefined ? undefined : await makeSeats(flags.seats);
    const lanAddress = flags.lan ? classroomAddress()?.address : undefined;
    const host = await startHost({
      ...flags,
      lanAddress,
      brokerConfig: classroomBrokerConfig(fileConfig, seats),
    });
    if (flags.replayFile) {
      const replayer = await host.playground.replay(
        parseSession(await Deno.readTextFile(flags.replayFile)),
      );
      host.pacer.pause();
      const file = replayer.file;
      console.log(
        `Replaying ${flags.replayFile}: ${file.inputs.length} inputs, ${file.packets.length} packets, ` +
          `until ${(replayer.endUs / 1e6).toFixed(1)} s`,
      );
    }
    console.log(`MQTT Playground is running: ${host.url}`);
    console.log(`MQTT 游乐场已启动：在浏览器中打开 ${host.url}`);
    if (flags.externalBroker) {
      console.log(
        `Boards use the broker at ${flags.externalBroker}; the inspector records at the boards.`,
      );
    } else {
      console.log(`MQTT broker for real clients: ${host.mqttUrl} (WebSocket: ${host.url}mqtt)`);
    }
    if (flags.lan) {
      const mqttPort = Number(new URL(host.mqttUrl).port);
      console.log(lanBanner({ webPort: host.port, mqttPort, address: lanAddress }));
    }
    if (seats) console.log(seats.table());
    console.log("Press Ctrl-C to stop. 按 Ctrl-C 停止。");
    // Ctrl-C in the terminal, or a service manager's stop: save what must survive, then go.
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await host.shutdown();
      Deno.exit(0);
    };
    Deno.addSignalListener("SIGINT", stop);
    Deno.addSignalListener("SIGTERM", stop);
  } catch (err) {
    // Start-up fails on what the teacher gave (a port, a file, a name): one clear line.
    // MQTT_PLAYGROUND_DEBUG=1 shows the stack for a bug report.
    if (!(err instanceof Error) || Deno.env.get("MQTT_PLAYGROUND_DEBUG")) throw err;
    console.error(err.message);
    Deno.exit(1);
  }
}
