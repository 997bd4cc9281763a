/**
 * MQTT over TCP for real clients, following the world's broker: when a scenario
 * is loaded or a fault restarts the broker, the listener moves to the new one on
 * the same port (clients are disconnected, as when a real broker restarts).
 */
import type { Broker } from "../broker/mod.ts";
import { serveTcp, type TcpServer } from "../broker/transport_tcp.ts";

export class FollowingTcpListener {
  readonly hostname: string;
  #port: number;
  #server: TcpServer | undefined;

  constructor(hostname: string, port: number) {
    this.hostname = hostname;
    this.#port = port;
  }

  /** The port in use (the one picked when 0 was asked for). */
  get port(): number {
    return this.#port;
  }

  /** Serves `broker`, or nothing while it is down. Throws when the port is taken. */
  follow(broker: Broker | undefined): void {
    this.#server?.close();
    this.#server = undefined;
    if (!broker) return;
    this.#server = serveTcp(broker, { hostname: this.hostname, port: this.#port });
    this.#port = this.#server.port;
  }

  close(): void {
    this.#server?.close();
    this.#server = undefined;
  }
}
