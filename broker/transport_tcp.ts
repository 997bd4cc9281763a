/**
 * MQTT over TCP (Deno.listen). Each accepted socket becomes a Link; reads are
 * copied out of one reused buffer (the decoder keeps views of what it gets),
 * writes are batched while the previous write is in progress.
 */
import type { AttachedLink, Link, LinkAcceptor } from "./link.ts";

export const DEFAULT_MQTT_PORT = 1883;
export const DEFAULT_MQTT_HOST = "127.0.0.1";
/**
 * Each connection's read buffer starts small (an idle connection should cost
 * little) and doubles while reads fill it, up to the maximum.
 */
const READ_BUFFER_MIN_BYTES = 512;
const READ_BUFFER_MAX_BYTES = 64 * 1024;
/**
 * A peer that stops reading gets its QoS 0 messages dropped by the broker
 * (limits.maxBufferedBytes); past this hard cap (acknowledgements to a client
 * that publishes but never reads) the connection is closed.
 */
const MAX_UNSENT_BYTES = 64 * 1024 * 1024;

export interface TcpServerOptions {
  hostname?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface TcpServer {
  readonly hostname: string;
  readonly port: number;
  /** Stops listening and closes every connection. */
  close(): void;
}

/**
 * Serves MQTT over TCP to `target`: a broker, or a function giving the broker of
 * the moment (a host whose world is replaced keeps one listener; while it gives
 * none, new connections are closed at once).
 */
export function serveTcp(
  target: LinkAcceptor | (() => LinkAcceptor | undefined),
  options: TcpServerOptions = {},
): TcpServer {
  const current = typeof target === "function" ? target : () => target;
  const hostname = options.hostname ?? DEFAULT_MQTT_HOST;
  const port = options.port ?? DEFAULT_MQTT_PORT;
  let listener: Deno.TcpListener;
  try {
    listener = Deno.listen({ hostname, port, transport: "tcp" });
  } catch (e) {
    if (e instanceof Deno.errors.AddrInUse) {
      throw new Error(
        `Cannot start the MQTT broker: ${hostname}:${port} is already in use (choose another port with --mqtt-port)`,
      );
    }
    throw new Error(`Cannot start the MQTT broker on ${hostname}:${port}: ${(e as Error).message}`);
  }
  const sockets = new Set<Deno.TcpConn>();
  let closed = false;
  (async () => {
    try {
      for await (const conn of listener) {
        if (closed) {
          conn.close();
          break;
        }
        const broker = current();
        if (!broker) {
          conn.close(); // nothing to talk to, as when a real broker is down
          continue;
        }
        sockets.add(conn);
        serveConnection(broker, conn, () => sockets.delete(conn));
      }
    } catch {
      // the listener was closed
    }
  })();
  return {
    hostname,
    port: (listener.addr as Deno.NetAddr).port,
    close() {
      if (closed) return;
      closed = true;
      try {
        listener.close();
      } catch { /* already closed */ }
      for (const s of sockets) {
        try {
          s.close();
        } catch { /* already closed */ }
      }
      sockets.clear();
    },
  };
}

function serveConnection(broker: LinkAcceptor, conn: Deno.TcpConn, onGone: () => void): void {
  try {
    conn.setNoDelay(true);
  } catch { /* not fatal */ }
  const link = new TcpLink(conn, onGone);
  link.run(broker.attach(link));
}

/** One socket as a Link: a class, so that thousands of idle connections share its methods. */
class TcpLink implements Link {
  readonly remoteAddress: string;
  readonly #conn: Deno.TcpConn;
  readonly #onGone: () => void;
  #queue: Uint8Array[] = [];
  #queuedBytes = 0;
  #writing = false;
  #closing = false;
  #gone = false;

  constructor(conn: Deno.TcpConn, onGone: () => void) {
    const addr = conn.remoteAddr as Deno.NetAddr;
    this.remoteAddress = `${addr.hostname}:${addr.port}`;
    this.#conn = conn;
    this.#onGone = onGone;
  }

  get transport(): "tcp" {
    return "tcp";
  }

  get bufferedAmount(): number {
    return this.#queuedBytes;
  }

  send(bytes: Uint8Array): void {
    if (this.#gone || this.#closing) return;
    if (this.#queuedBytes + bytes.length > MAX_UNSENT_BYTES) {
      this.#shut();
      return;
    }
    this.#queue.push(bytes);
    this.#queuedBytes += bytes.length;
    if (!this.#writing) this.#flush();
  }

  close(): void {
    this.#closing = true;
    if (!this.#writing) this.#shut();
  }

  /** Reads until the peer goes, growing the buffer while reads fill it. */
  async run(attached: AttachedLink): Promise<void> {
    let buffer = new Uint8Array(READ_BUFFER_MIN_BYTES);
    try {
      while (!this.#gone) {
        const n = await this.#conn.read(buffer);
        if (n === null) break;
        // a copy: the decoder keeps views of what it is given
        attached.receive(buffer.slice(0, n));
        if (n === buffer.length && buffer.length < READ_BUFFER_MAX_BYTES) {
          buffer = new Uint8Array(buffer.length * 2);
        } else if (n < buffer.length / 8 && buffer.length > READ_BUFFER_MIN_BYTES) {
          buffer = new Uint8Array(buffer.length / 2);
        }
      }
    } catch {
      // reset by the peer or closed by us
    }
    this.#shut();
    attached.closed();
  }

  #shut(): void {
    if (this.#gone) return;
    this.#gone = true;
    try {
      this.#conn.close();
    } catch { /* already closed */ }
    this.#onGone();
  }

  /** Writes what is queued, batching what arrives while a write is in progress. */
  async #flush(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#queue.length > 0 && !this.#gone) {
        const queue = this.#queue;
        let chunk: Uint8Array;
        if (queue.length === 1) chunk = queue[0];
        else {
          chunk = new Uint8Array(this.#queuedBytes);
          let off = 0;
          for (const q of queue) {
            chunk.set(q, off);
            off += q.length;
          }
        }
        this.#queue = [];
        let written = 0;
        while (written < chunk.length) written += await this.#conn.write(chunk.subarray(written));
        this.#queuedBytes -= chunk.length;
      }
    } catch {
      this.#shut();
    } finally {
      this.#writing = false;
      if (this.#closing) this.#shut();
    }
  }
}
