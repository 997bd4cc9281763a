/**
 * The host: paces the world's clock against the wall and serves the UI.
 * This is the only place where host time meets the world.
 */
import { Broker } from "../broker/mod.ts";
import { serveTcp, type TcpServer } from "../broker/transport_tcp.ts";
import { upgradeMqttWebSocket } from "../broker/transport_ws.ts";
import { VirtualClock } from "../sim/mod.ts";
import { EventBridge } from "./bridge.ts";
import { bundleUi } from "./bundle.ts";
import { EventHub } from "./events.ts";
import { drivePacer, Pacer } from "./pacer.ts";
import { peerByClientId } from "./packet_view.ts";
import { clientNode } from "./protocol.ts";
import { clockMessage, createApp } from "./server.ts";
import { every, wallTimebase } from "./wall_timebase.ts";

export interface HostOptions {
  hostname: string;
  port: number;
  /** MQTT over TCP for real clients; port 0 picks a free one. */
  mqttHostname: string;
  mqttPort: number;
  /** Start with the clock running at 1x (the default) or paused. */
  paused?: boolean;
}

export interface RunningHost {
  url: string;
  port: number;
  /** "mqtt://host:port" where real clients connect over TCP. */
  mqttUrl: string;
  broker: Broker;
  pacer: Pacer;
  clock: VirtualClock;
  shutdown(): Promise<void>;
}

/** How often the UI hears the clock while it runs (host wall time). */
const CLOCK_BROADCAST_MS = 100;
const TICK_MS = 16;

/** A clear one-line error for the flag a user should change. */
export class PortInUseError extends Error {
  constructor(what: string, hostname: string, port: number, flag: string) {
    super(
      `${what} cannot listen on ${hostname}:${port}: the port is already in use. ` +
        `Choose another with ${flag} ${port === 0 ? 8001 : port + 1}.`,
    );
    this.name = "PortInUseError";
  }
}

function displayHost(hostname: string): string {
  return hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const clock = new VirtualClock();
  const pacer = new Pacer(clock, { nowMs: () => performance.now() });
  const hub = new EventHub();
  const broker = new Broker({ clock, wallTimebase });
  let tcp: TcpServer;
  try {
    tcp = serveTcp(broker, { hostname: options.mqttHostname, port: options.mqttPort });
  } catch (err) {
    if (err instanceof Error && err.message.includes("already in use")) {
      throw new PortInUseError(
        "The MQTT broker",
        options.mqttHostname,
        options.mqttPort,
        "--mqtt-port",
      );
    }
    throw err;
  }
  const mqttUrl = `mqtt://${displayHost(options.mqttHostname)}:${tcp.port}`;
  const bridge = new EventBridge({
    hub,
    broker,
    endpoints: { tcp: mqttUrl, ws: "/mqtt" },
    peerOf: peerByClientId,
    nodeOfClient: (clientId) => clientNode(clientId),
    world: () => ({ seed: 0, boards: [] }),
  });
  const bundle = await bundleUi();
  const app = createApp({
    pacer,
    hub,
    bundle,
    bridge,
    upgradeMqtt: (request) => upgradeMqttWebSocket(broker, request),
  });

  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({
      hostname: options.hostname,
      port: options.port,
      onListen: () => {},
    }, app.fetch);
  } catch (err) {
    if (err instanceof Deno.errors.AddrInUse) {
      throw new PortInUseError("The web server", options.hostname, options.port, "--port");
    }
    throw err;
  }

  const stopTicking = drivePacer(pacer, every, TICK_MS);
  bridge.start(every);
  const broadcastId = setInterval(() => {
    if (pacer.state.mode !== "paused") hub.broadcast(clockMessage(pacer.state));
  }, CLOCK_BROADCAST_MS);
  pacer.addListener((state) => hub.broadcast(clockMessage(state)));
  if (!options.paused) pacer.play(1);

  const port = server.addr.port;
  return {
    url: `http://${displayHost(options.hostname)}:${port}/`,
    port,
    mqttUrl,
    broker,
    pacer,
    clock,
    async shutdown() {
      stopTicking();
      bridge.stop();
      clearInterval(broadcastId);
      tcp.close();
      broker.close();
      await server.shutdown();
    },
  };
}
