/**
 * MQTT over TCP for real clients, following the world's broker: one listener for
 * the life of the host, handing each new connection to the broker of the moment.
 * When a scenario is loaded the old broker closes its connections (clients see
 * the broker restart); while a fault keeps the broker down, connections are closed.
 */
import { type LinkAcceptor, serveTcp, type TcpServer } from "../broker/mod.ts";

export class FollowingTcpListener {
  readonly #server: TcpServer;
  #target: LinkAcceptor | undefined;

  /** Listens at once: a port in use throws here, at start-up, with one clear line. */
  constructor(hostname: string, port: number) {
    this.#server = serveTcp(() => this.#target, { hostname, port });
  }

  /** The port in use (the one picked when 0 was asked for). */
  get port(): number {
    return this.#server.port;
  }

  /** Where new connections go from now on (undefined: nowhere, they are closed). */
  follow(target: LinkAcceptor | undefined): void {
    this.#target = target;
  }

  close(): void {
    this.#target = undefined;
    this.#server.close();
  }
}
