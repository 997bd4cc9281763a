/**
 * MQTT over TCP for real clients, following the world's broker: when a scenario
 * is loaded or a fault restarts the broker, the listener moves to the new one on
 * the same port (clients are disconnected, as when a real broker restarts).
 */
import type { Broker } from "../broker/mod.ts";
import { serveTcp, type TcpServer } from "../broker/transport_tcp.ts";

/** A closed listener frees its port only once its pending accept has ended. */
const REBIND_RETRY_MS = 20;
const REBIND_ATTEMPTS = 50;

export class FollowingTcpListener {
  readonly hostname: string;
  #port: number;
  #server: TcpServer | undefined;
  #broker: Broker | undefined;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #bound = false;
  /** Where a rebind that keeps failing is reported. */
  onError: (message: string) => void = (message) => console.error(message);

  constructor(hostname: string, port: number) {
    this.hostname = hostname;
    this.#port = port;
  }

  /** The port in use (the one picked when 0 was asked for). */
  get port(): number {
    return this.#port;
  }

  /**
   * Serves `broker`, or nothing while it is down. Only the very first bind throws
   * (the port is taken: a clear error at start-up); later binds retry briefly while
   * a listener closed a moment ago lets go of the port, and report if they give up.
   */
  follow(broker: Broker | undefined): void {
    if (broker === this.#broker) return;
    const firstBind = !this.#bound;
    this.#broker = broker;
    this.#server?.close();
    this.#server = undefined;
    clearTimeout(this.#retry);
    if (!broker) return;
    if (firstBind) {
      this.#bind(broker);
      return;
    }
    let attempts = 0;
    const attempt = () => {
      if (this.#broker !== broker) return;
      try {
        this.#bind(broker);
      } catch (err) {
        if (++attempts < REBIND_ATTEMPTS) this.#retry = setTimeout(attempt, REBIND_RETRY_MS);
        else this.onError(`MQTT over TCP is unavailable: ${(err as Error).message}`);
      }
    };
    attempt();
  }

  close(): void {
    clearTimeout(this.#retry);
    this.#broker = undefined;
    this.#server?.close();
    this.#server = undefined;
  }

  #bind(broker: Broker): void {
    this.#server = serveTcp(broker, { hostname: this.hostname, port: this.#port });
    this.#port = this.#server.port;
    this.#bound = true;
  }
}
