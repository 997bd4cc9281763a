/**
 * The host: paces the world's clock against the wall, serves the UI and lets
 * real MQTT clients in. This is the only place where host time meets the world.
 */
import { type Broker, type BrokerConfig, upgradeMqttWebSocket } from "../broker/mod.ts";
import type { QrPageOptions } from "../classroom/mod.ts";
import { parseBrokerUrl, type Scenario, tcpBrokerGateway, type World } from "../devices/mod.ts";
import { Persistence } from "../persist/mod.ts";
import { SessionRecorder } from "../replay/mod.ts";
import { EventBridge } from "./bridge.ts";
import { seatNames } from "./broker_view.ts";
import { bundleUi } from "./bundle.ts";
import { EventHub } from "./events.ts";
import { drivePacer, Pacer } from "./pacer.ts";
import { Playground } from "./playground.ts";
import { DEFAULT_SCENARIO, resolveScenario } from "./scenarios.ts";
import { worldPrograms } from "./world_programs.ts";
import { clockMessage, createApp } from "./server.ts";
import { FollowingTcpListener } from "./tcp_listener.ts";
import { every, wallTimebase } from "./wall_timebase.ts";

export interface HostOptions {
  hostname: string;
  port: number;
  /** MQTT over TCP for real clients; port 0 picks a free one. */
  mqttHostname: string;
  mqttPort: number;
  /** Start with the clock running at 1x (the default) or paused. */
  paused?: boolean;
  /** The scenario loaded at start (default: the textbook pair). */
  scenario?: string | Scenario;
  seed?: number;
  /** "mqtt://HOST:PORT": boards use this real broker instead of the embedded one. */
  externalBroker?: string;
  /** Rewrites every scenario's broker config (--seats: withSeats(config, seats)). */
  brokerConfig?: (config: BrokerConfig) => BrokerConfig;
  /** --lan: the classroom address shown on GET /qr and printed at start. */
  lanAddress?: string;
  /** --data: where programs, progress and the broker's state survive a restart (none: nothing saved). */
  dataDir?: string;
}

export interface RunningHost {
  url: string;
  port: number;
  /** "mqtt://host:port" where real clients connect over TCP. */
  mqttUrl: string;
  playground: Playground;
  pacer: Pacer;
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
  // Everything from outside the world is recorded, so a lesson can be replayed exactly.
  const recorder = new SessionRecorder({ wall: wallTimebase });
  const persistence = options.dataDir === undefined
    ? undefined
    : await Persistence.open(options.dataDir);
  const scenario = options.scenario ?? DEFAULT_SCENARIO;
  const playground = await Playground.create({
    scenario: typeof scenario === "string" ? await resolveScenario(scenario) : scenario,
    programs: worldPrograms,
    wallTimebase: recorder.wallTimebase,
    seed: options.seed,
    brokerConfig: options.brokerConfig,
    gateway: options.externalBroker
      ? tcpBrokerGateway(parseBrokerUrl(options.externalBroker))
      : undefined,
  });
  const followWorld = (world: World) => {
    if (playground.replaying) {
      recorder.stop(); // a replay is neither recorded nor saved
      return;
    }
    recorder.follow(world, playground.programs); // first: restores go into the recording
    persistence?.follow(world, playground.programs, recorder);
  };
  followWorld(playground.world);
  playground.onWorld(followWorld);

  const pacer = new Pacer(playground, { nowMs: () => performance.now() });
  const hub = new EventHub();
  // Real clients reach the world's broker through the recorder; during a replay, not at all.
  const realClients = (broker: Broker | undefined) =>
    playground.replaying || !broker ? undefined : recorder.realClients(broker);
  const tcp = new FollowingTcpListener(options.mqttHostname, options.mqttPort);
  tcp.follow(realClients(playground.broker));
  const mqttUrl = `mqtt://${displayHost(options.mqttHostname)}:${tcp.port}`;
  const bridge = new EventBridge({
    hub,
    playground,
    endpoints: { tcp: mqttUrl, ws: "/mqtt" },
    seats: seatNames(options.brokerConfig?.({})),
    onBroker: (broker) => tcp.follow(realClients(broker)),
  });
  const bundle = await bundleUi();
  let lan: QrPageOptions | undefined; // known once the web server has its port
  const app = createApp({
    pacer,
    hub,
    bundle,
    world: { playground, bridge, recorder, persistence },
    session: {
      record: () =>
        playground.replaying ? Promise.resolve(playground.replaying.file) : recorder.session(),
      load: (file) => {
        pacer.pause();
        return playground.replay(file);
      },
    },
    lan: () => lan,
    upgradeMqtt: (request, remoteAddr) => {
      if (playground.replaying) {
        return new Response("A recorded session is playing: load a scenario to go live\n", {
          status: 503,
        });
      }
      const target = realClients(playground.broker);
      if (!target) return new Response("The broker is down (a scenario fault)\n", { status: 503 });
      return upgradeMqttWebSocket(target, request, remoteAddr);
    },
  });

  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({
      hostname: options.hostname,
      port: options.port,
      onListen: () => {},
    }, app.fetch);
  } catch (err) {
    tcp.close();
    if (err instanceof Deno.errors.AddrInUse) {
      throw new PortInUseError("The web server", options.hostname, options.port, "--port");
    }
    throw err;
  }

  const stopTicking = drivePacer(pacer, every, TICK_MS);
  bridge.start(every);
  const stopClockBroadcast = every(CLOCK_BROADCAST_MS, () => {
    if (pacer.state.mode !== "paused") hub.broadcast(clockMessage(pacer.state));
  });
  pacer.addListener((state) => hub.broadcast(clockMessage(state)));
  playground.onWorld(() => hub.broadcast(clockMessage(pacer.state)));
  if (!options.paused) pacer.play(1);

  const port = server.addr.port;
  if (options.lanAddress) {
    lan = {
      url: `http://${options.lanAddress}:${port}/`,
      mqttHost: options.lanAddress,
      mqttPort: tcp.port,
    };
  }
  return {
    url: `http://${displayHost(options.hostname)}:${port}/`,
    port,
    mqttUrl,
    playground,
    pacer,
    async shutdown() {
      stopTicking();
      stopClockBroadcast();
      bridge.stop();
      tcp.close();
      await persistence?.close(); // the last save
      playground.close();
      await server.shutdown();
    },
  };
}
