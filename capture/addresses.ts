/**
 * Addresses for the synthetic capture: every board and client gets an IPv4 address (its
 * WiFi address when the world told us, else one derived from its name), a MAC derived from
 * that address, and the broker sits at a fixed address on port 1883.
 */
import type { WorldEvent } from "../devices/world_events.ts";

/** Where the world's boards find the broker (devices/world.ts BROKER_IP; a test pins it). */
export const CAPTURE_BROKER_IP = "47.100.1.1";
/** IANA's MQTT port: tshark's MQTT dissector claims it without `-d`. */
export const MQTT_PORT = 1883;
/** First port of the IANA dynamic range (RFC 6335), where derived client ports start. */
export const EPHEMERAL_PORT_FIRST = 49152;
const EPHEMERAL_PORT_COUNT = 16384;

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The four bytes of a dotted IPv4 address, or undefined when it is not one. */
export function parseIpv4(text: string): Uint8Array | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  const bytes = m.slice(1).map(Number);
  return bytes.every((b) => b <= 255) ? new Uint8Array(bytes) : undefined;
}

/** "a.b.c.d:port" into its parts; undefined for anything else (IPv6, names, bare IPs). */
export function parseIpv4Endpoint(text: string): { ip: string; port: number } | undefined {
  const colon = text.lastIndexOf(":");
  if (colon < 0) return undefined;
  const ip = text.slice(0, colon);
  const port = Number(text.slice(colon + 1));
  if (!parseIpv4(ip) || !Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return { ip, port };
}

/** FNV-1a, 32 bits: a stable hash of a name (no randomness, same name = same address). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(text)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A stable private address for a name, in 10.0.0.0/8 (RFC 1918), never .0 or .255 last. */
export function derivedIpv4(name: string): string {
  const h = fnv1a(name);
  return `10.${(h >>> 16) & 0xff}.${(h >>> 8) & 0xff}.${1 + (h & 0xff) % 254}`;
}

/** A stable ephemeral port for a number (a connection id, a reconnect count). */
export function derivedPort(n: number): number {
  return EPHEMERAL_PORT_FIRST + (Math.abs(Math.trunc(n)) % EPHEMERAL_PORT_COUNT);
}

/** A locally administered unicast MAC (02:00 + the IPv4 address), so frames look sane. */
export function macFor(ip: Uint8Array): Uint8Array {
  return new Uint8Array([0x02, 0x00, ip[0], ip[1], ip[2], ip[3]]);
}

/**
 * Remembers each board's WiFi address from the world's events, so a capture made from
 * WorldPackets (which name boards, not addresses) uses the address the board really has.
 *
 *     const book = new BoardAddressBook();
 *     world.addListener((ev) => book.observe(ev));
 */
export class BoardAddressBook {
  readonly #ips = new Map<string, string>();

  observe(ev: WorldEvent): void {
    if (ev.kind === "wifi" && ev.iface === "sta" && ev.ip && ev.ip !== "0.0.0.0") {
      this.#ips.set(ev.board, ev.ip);
    }
  }

  set(board: string, ip: string): void {
    this.#ips.set(board, ip);
  }

  /** The board's last known address. */
  ipOf = (board: string): string | undefined => this.#ips.get(board);
}
