/**
 * What a capture is made of: one record per MQTT frame (or any bytes) on one TCP
 * connection between a client and the broker. Both the broker's tap (PacketEvent) and the
 * world's log (WorldPacket) map onto it.
 */
import type { PacketEvent } from "../broker/tap.ts";
import type { WorldPacket } from "../devices/world_events.ts";
import { derivedIpv4, derivedPort, parseIpv4 } from "./addresses.ts";

export interface CaptureRecord {
  /** Virtual time, microseconds: the frame's timestamp. */
  atUs: number;
  /** Records with the same key are one TCP connection (one handshake, one sequence space). */
  connection: string;
  /** The client end of the connection (a board, an app, a CLI): IPv4 dotted and TCP port. */
  clientIp: string;
  clientPort: number;
  /** True when the client sent it to the broker, false when the broker sent it. */
  toBroker: boolean;
  /** Exactly the bytes on the wire (one MQTT frame, as the tap and the world record). */
  bytes: Uint8Array;
  clientId?: string;
}

/** "host:port", "[v6]:port" or anything else into a host and, when there is one, a port. */
function splitAddress(address: string): { host: string; port?: number } {
  const colon = address.lastIndexOf(":");
  if (colon > 0 && (address.startsWith("[") || address.indexOf(":") === colon)) {
    const port = Number(address.slice(colon + 1));
    const host = address.slice(0, colon).replace(/^\[|\]$/g, "");
    if (Number.isInteger(port) && port >= 1 && port <= 65535) return { host, port };
  }
  return { host: address };
}

export interface TapRecordOptions {
  /**
   * Connection ids restart with each Broker (a scenario load, a broker restart fault):
   * give each broker its own epoch so their connections stay apart.
   */
  epoch?: number;
}

/** One tap event as a capture record: its remote address is the client's IP and port. */
export function recordFromPacketEvent(
  ev: PacketEvent,
  options: TapRecordOptions = {},
): CaptureRecord {
  const { host, port } = splitAddress(ev.remoteAddress ?? "");
  const clientIp = parseIpv4(host) ? host : derivedIpv4(host || `connection-${ev.connectionId}`);
  return {
    atUs: ev.atUs,
    connection: `tap/${options.epoch ?? 0}/${ev.connectionId}`,
    clientIp,
    clientPort: port ?? derivedPort(ev.connectionId),
    toBroker: ev.direction === "in",
    bytes: ev.bytes,
    ...(ev.clientId !== undefined && { clientId: ev.clientId }),
  };
}

export interface WorldRecordOptions {
  /**
   * A board's WiFi address (BoardAddressBook.ipOf), used only when a packet's remote
   * address is not "a.b.c.d:port"; unknown boards get a derived address.
   */
  ipOf?: (board: string) => string | undefined;
}

interface WorldConnection {
  n: number;
  ip: string;
  port: number;
}

/**
 * Maps the world's packet log to capture records. A connection is the client's socket as
 * the broker saw it (remote address and connection id); a CONNECT from the client, or a new
 * connection id, starts a new one, so broker restarts and reconnects get fresh handshakes.
 */
export class WorldRecordMapper {
  readonly #ipOf: (board: string) => string | undefined;
  readonly #connections = new Map<string, WorldConnection>();

  constructor(options: WorldRecordOptions = {}) {
    this.#ipOf = options.ipOf ?? (() => undefined);
  }

  map(p: WorldPacket): CaptureRecord {
    const toBroker = p.direction === "in";
    const peer = toBroker ? p.from : p.to;
    const socket = p.remoteAddress || peer;
    const key = p.connectionId !== undefined ? `${socket}#${p.connectionId}` : socket;
    let conn = this.#connections.get(key);
    if (!conn || (toBroker && p.packet.type === "CONNECT")) {
      const n = conn ? conn.n + 1 : 0;
      const { host, port } = splitAddress(p.remoteAddress || peer);
      const ip = parseIpv4(host) ? host : this.#ipOf(peer) ?? derivedIpv4(host || peer);
      conn = {
        n,
        ip,
        // A reconnect from the same address keeps the port: tshark sees the port reused.
        port: port ?? derivedPort((p.connectionId ?? 0) + n),
      };
      this.#connections.set(key, conn);
    }
    return {
      atUs: p.atUs,
      connection: `world/${key}/${conn.n}`,
      clientIp: conn.ip,
      clientPort: conn.port,
      toBroker,
      bytes: p.bytes,
      ...(p.clientId !== undefined && { clientId: p.clientId }),
    };
  }
}

/** A whole world log at once (see WorldRecordMapper). */
export function recordsFromWorldPackets(
  packets: Iterable<WorldPacket>,
  options: WorldRecordOptions = {},
): CaptureRecord[] {
  const mapper = new WorldRecordMapper(options);
  return [...packets].map((p) => mapper.map(p));
}
