/**
 * `deno task dev`: one process with the world, the broker and the web UI.
 * Wiring only: parse flags, start the host, report where to look.
 */
import { parseArgs } from "node:util";
import { PortInUseError, startHost } from "./web/mod.ts";

const USAGE =
  `Usage: deno task dev [--port 8000] [--host 127.0.0.1] [--mqtt-port 1883] [--scenario NAME] [--seed N] [--broker mqtt://HOST:PORT] [--paused]

  --port N          web UI port (default 8000; 0 picks a free one)
  --host ADDR       address the web UI listens on (default 127.0.0.1)
  --mqtt-port N     MQTT over TCP for real clients (default 1883; 0 picks a free one)
  --mqtt-host ADDR  address the MQTT broker listens on (default 127.0.0.1)
  --scenario NAME   the world loaded at start (default textbook-pubsub)
  --seed N          seed of the world's random source (default: the scenario's)
  --broker URL      boards use a real broker (mqtt://HOST:PORT) instead of the embedded one
  --paused          start with the virtual clock paused
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

function parseFlags(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "8000" },
      host: { type: "string", default: "127.0.0.1" },
      "mqtt-port": { type: "string", default: "1883" },
      "mqtt-host": { type: "string", default: "127.0.0.1" },
      scenario: { type: "string", default: "textbook-pubsub" },
      seed: { type: "string" },
      broker: { type: "string" },
      paused: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  return {
    port: parsePort("--port", values.port),
    hostname: values.host,
    mqttPort: parsePort("--mqtt-port", values["mqtt-port"]),
    mqttHostname: values["mqtt-host"],
    scenario: values.scenario,
    seed: values.seed === undefined ? undefined : parseSeed(values.seed),
    externalBroker: values.broker,
    paused: values.paused,
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
    const host = await startHost(flags);
    console.log(`MQTT Playground is running: ${host.url}`);
    console.log(`MQTT 游乐场已启动：在浏览器中打开 ${host.url}`);
    if (flags.externalBroker) {
      console.log(
        `Boards use the broker at ${flags.externalBroker}; the inspector records at the boards.`,
      );
    } else {
      console.log(`MQTT broker for real clients: ${host.mqttUrl} (WebSocket: ${host.url}mqtt)`);
    }
    Deno.addSignalListener("SIGINT", async () => {
      await host.shutdown();
      Deno.exit(0);
    });
  } catch (err) {
    if (
      err instanceof PortInUseError ||
      (err instanceof Error &&
        (err.message.startsWith("No scenario") || err.message.startsWith("Cannot use broker")))
    ) {
      console.error(err.message);
      Deno.exit(1);
    }
    throw err;
  }
}
