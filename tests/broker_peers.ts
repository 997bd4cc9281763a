/**
 * Shared set-up for the real-peer broker tests: a broker on a still virtual
 * clock, served over TCP and WebSocket on free ports of 127.0.0.1.
 */
import { VirtualClock } from "../sim/mod.ts";
import { Broker, type BrokerConfig } from "../broker/mod.ts";
import { serveTcp } from "../broker/transport_tcp.ts";
import { upgradeMqttWebSocket } from "../broker/transport_ws.ts";

export interface Served {
  broker: Broker;
  clock: VirtualClock;
  port: number;
  wsUrl: string;
  close(): Promise<void>;
}

export function serveBroker(config: BrokerConfig = {}): Served {
  const clock = new VirtualClock();
  const broker = new Broker({ clock, config: { sysIntervalS: 0, ...config } });
  const tcp = serveTcp(broker, { hostname: "127.0.0.1", port: 0 });
  const http = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req, info) => upgradeMqttWebSocket(broker, req, info.remoteAddr),
  );
  return {
    broker,
    clock,
    port: tcp.port,
    wsUrl: `ws://127.0.0.1:${http.addr.port}/mqtt`,
    async close() {
      broker.close();
      tcp.close();
      await http.shutdown();
    },
  };
}

/** Resolves when `cond` holds, polling real time (these tests talk to real processes). */
export async function until(cond: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const NO_SANITIZERS = { sanitizeOps: false, sanitizeResources: false };
