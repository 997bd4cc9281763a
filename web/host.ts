/**
 * The host: paces the world's clock against the wall and serves the UI.
 * This is the only place where host time meets the world.
 */
import { VirtualClock } from "../sim/mod.ts";
import { bundleUi } from "./bundle.ts";
import { EventHub } from "./events.ts";
import { drivePacer, Pacer } from "./pacer.ts";
import { clockMessage, createApp } from "./server.ts";

export interface HostOptions {
  hostname: string;
  port: number;
  /** Start with the clock running at 1x (the default) or paused. */
  paused?: boolean;
}

export interface RunningHost {
  url: string;
  port: number;
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

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const clock = new VirtualClock();
  const pacer = new Pacer(clock, { nowMs: () => performance.now() });
  const hub = new EventHub();
  const bundle = await bundleUi();
  const app = createApp({ pacer, hub, bundle });

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

  const stopTicking = drivePacer(pacer, (ms, cb) => {
    const id = setInterval(cb, ms);
    return () => clearInterval(id);
  }, TICK_MS);
  const broadcastId = setInterval(() => {
    if (pacer.state.mode !== "paused") hub.broadcast(clockMessage(pacer.state));
  }, CLOCK_BROADCAST_MS);
  pacer.addListener((state) => hub.broadcast(clockMessage(state)));
  if (!options.paused) pacer.play(1);

  const port = server.addr.port;
  const shownHost = options.hostname === "0.0.0.0" ? "localhost" : options.hostname;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    pacer,
    clock,
    async shutdown() {
      stopTicking();
      clearInterval(broadcastId);
      await server.shutdown();
    },
  };
}
