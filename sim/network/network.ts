/**
 * The virtual network: WiFi access points and stations, DNS, listeners and reliable
 * streams with per-link latency, and the faults a lesson can schedule (a WiFi drop, extra
 * latency, a partition). Everything happens on the world's clock; the only randomness is
 * the seeded stream each station forks, so the same seed gives the same timings.
 */
import type { VirtualClock } from "../clock.ts";
import type { SeededRandom } from "../random.ts";
import { pipe, type StreamEnd, type StreamPath } from "./stream.ts";
import {
  type AccessPoint,
  type AccessPointConfig,
  DEFAULT_WIFI_TIMING,
  Station,
  Wifi,
  type WifiTiming,
} from "./wifi.ts";

export interface NetworkConfig {
  wifi?: Partial<WifiTiming>;
  /** One-way latency between a station and a server, in microseconds. */
  latencyUs?: number;
  /** Where names without a hosts entry resolve to (the embedded broker's address). */
  defaultHostIp?: string;
  /** Name -> IPv4 address, checked before the default. Names are case-insensitive. */
  hosts?: Record<string, string>;
}

/** 5 ms one way: a LAN hop plus a nearby cloud broker. */
export const DEFAULT_LATENCY_US = 5_000;
/** First ephemeral port of lwIP (the ESP32's TCP/IP stack). */
const FIRST_EPHEMERAL_PORT = 49_152;
/** lwIP's first SYN retransmission timeout; it doubles on every retry. */
const SYN_RETRY_US = 1_000_000;
/** When a connect that no SYN-ACK answers gives up (ETIMEDOUT on the board). */
const SYN_GIVE_UP_US = 20_000_000;
/** A port of "*" in `listen` accepts connections on every port. */
export const ANY = "*";

/** Why a connect() failed, in the words of the socket error it becomes on the board. */
export type ConnectFailure = "refused" | "unreachable" | "not-joined" | "timeout";

export type ConnectResult =
  | { ok: true; end: StreamEnd }
  | { ok: false; failure: ConnectFailure };

/** Takes a new stream's server end; returning false refuses it (nothing listens now: RST). */
export type Acceptor = (end: StreamEnd) => boolean | void;

interface Listener {
  ip: string;
  port: number | typeof ANY;
  acceptor: Acceptor;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIpv4(text: string): boolean {
  const m = IPV4.exec(text);
  return m !== null && m.slice(1).every((o) => Number(o) <= 255);
}

export class VirtualNetwork {
  readonly clock: VirtualClock;
  readonly wifi: Wifi;
  readonly #random: SeededRandom;
  #latencyUs: number;
  #extraLatencyUs = 0;
  #stationExtraUs = new Map<string, number>();
  #partitioned = new Set<string>();
  #partitionAll = false;
  #defaultHostIp: string | undefined;
  #hosts = new Map<string, string>();
  #listeners: Listener[] = [];
  #stations = new Map<string, Station>();
  #nextPort = new Map<string, number>();
  /** Open streams per station id: their board-side ends and channels. */
  #streams = new Map<string, Set<StreamEnd>>();

  constructor(clock: VirtualClock, random: SeededRandom, config: NetworkConfig = {}) {
    this.clock = clock;
    this.#random = random;
    this.wifi = new Wifi(clock, { ...DEFAULT_WIFI_TIMING, ...config.wifi });
    this.#latencyUs = config.latencyUs ?? DEFAULT_LATENCY_US;
    this.#defaultHostIp = config.defaultHostIp;
    for (const [name, ip] of Object.entries(config.hosts ?? {})) this.setHost(name, ip);
  }

  // --- WiFi -------------------------------------------------------------------------

  addAccessPoint(config: AccessPointConfig): AccessPoint {
    return this.wifi.addAccessPoint(config);
  }

  /** The station (WiFi client) of the board named `id`, made on first use. */
  station(id: string): Station {
    let station = this.#stations.get(id);
    if (!station) {
      station = new Station(id, this.wifi, this.#random.fork(`wifi:${id}`));
      this.#stations.set(id, station);
      station.addLossListener(() => this.#abortStreams(id));
    }
    return station;
  }

  // --- DNS --------------------------------------------------------------------------

  setHost(name: string, ip: string): void {
    if (!isIpv4(ip)) throw new Error(`Cannot map '${name}' to '${ip}': not an IPv4 address`);
    this.#hosts.set(name.toLowerCase(), ip);
  }

  setDefaultHost(ip: string | undefined): void {
    this.#defaultHostIp = ip;
  }

  /** An address for `name`: itself when it is one, else the hosts map, else the default. */
  resolve(name: string): string | undefined {
    if (isIpv4(name)) return name;
    return this.#hosts.get(name.toLowerCase()) ?? this.#defaultHostIp;
  }

  // --- Streams ----------------------------------------------------------------------

  /**
   * Accepts streams to `ip` (or "*": any address no one else listens on) and `port` (or
   * "*"). Exact matches win over wildcards. Returns the function that stops listening.
   */
  listen(ip: string, port: number | typeof ANY, acceptor: Acceptor): () => void {
    const listener: Listener = { ip, port, acceptor };
    this.#listeners.push(listener);
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  #findListener(ip: string, port: number): Listener | undefined {
    const rank = (l: Listener) =>
      (l.ip === ip ? 2 : l.ip === ANY ? 0 : -10) + (l.port === port ? 1 : l.port === ANY ? 0 : -10);
    let best: Listener | undefined;
    for (const l of this.#listeners) {
      const r = rank(l);
      if (r >= 0 && (!best || r > rank(best))) best = l;
    }
    return best;
  }

  /**
   * Opens a stream from a joined station to `ip:port`: the SYN / SYN-ACK round trip takes
   * two one-way latencies, then `done` gets the board-side end or the failure.
   */
  connect(
    stationId: string,
    ip: string,
    port: number,
    done: (result: ConnectResult) => void,
  ): void {
    const station = this.station(stationId);
    const fromIp = station.ip;
    if (!fromIp) {
      this.clock.after(0, () => done({ ok: false, failure: "not-joined" }));
      return;
    }
    const localPort = this.#nextPort.get(stationId) ?? FIRST_EPHEMERAL_PORT;
    this.#nextPort.set(stationId, localPort >= 65_535 ? FIRST_EPHEMERAL_PORT : localPort + 1);
    const path = this.#path(stationId);
    const startUs = this.clock.nowUs;
    const trySyn = (retryUs: number) => {
      if (path.passable()) {
        this.clock.after(path.latencyUs(), arrive);
      } else if (this.clock.nowUs - startUs + retryUs > SYN_GIVE_UP_US) {
        this.clock.after(SYN_GIVE_UP_US - (this.clock.nowUs - startUs), () => {
          done({ ok: false, failure: "timeout" });
        });
      } else {
        // a partition swallows the SYN: TCP sends it again, waiting twice as long each time
        this.clock.after(retryUs, () => trySyn(retryUs * 2));
      }
    };
    const arrive = () => {
      const listener = this.#findListener(ip, port);
      const stillJoined = station.ip === fromIp;
      if (!listener || !stillJoined) {
        this.clock.after(path.latencyUs(), () => {
          done({ ok: false, failure: stillJoined ? "refused" : "unreachable" });
        });
        return;
      }
      const [client, server] = pipe(this.clock, path, `${fromIp}:${localPort}`, `${ip}:${port}`);
      if (listener.acceptor(server) === false) {
        this.clock.after(path.latencyUs(), () => done({ ok: false, failure: "refused" }));
        return;
      }
      this.clock.after(path.latencyUs(), () => {
        if (station.ip !== fromIp) {
          done({ ok: false, failure: "unreachable" });
          return;
        }
        let set = this.#streams.get(stationId);
        if (!set) this.#streams.set(stationId, set = new Set());
        for (const end of set) if (!end.open) set.delete(end); // a board reconnecting for hours
        set.add(client);
        done({ ok: true, end: client });
      });
    };
    trySyn(SYN_RETRY_US);
  }

  #path(stationId: string): StreamPath {
    return {
      latencyUs: () =>
        this.#latencyUs + this.#extraLatencyUs + (this.#stationExtraUs.get(stationId) ?? 0),
      passable: () => !this.#partitionAll && !this.#partitioned.has(stationId),
    };
  }

  #abortStreams(stationId: string): void {
    const set = this.#streams.get(stationId);
    if (!set) return;
    this.#streams.delete(stationId);
    for (const end of set) end.abort();
  }

  // --- Faults -----------------------------------------------------------------------

  /** The station loses its AP now (beacon timeout): its streams die without a word. */
  dropWifi(stationId: string): void {
    this.station(stationId).leave("beacon-timeout");
  }

  /** Adds `extraUs` to every path, or to one station's paths. 0 removes it. */
  setExtraLatency(extraUs: number, stationId?: string): void {
    if (!Number.isSafeInteger(extraUs) || extraUs < 0) {
      throw new RangeError(`Extra latency must be an integer >= 0 us, got ${extraUs}`);
    }
    if (stationId === undefined) this.#extraLatencyUs = extraUs;
    else this.#stationExtraUs.set(stationId, extraUs);
  }

  /**
   * Cuts stations (all when none are named) off the servers: bytes wait, as TCP keeps
   * retransmitting, and arrive after `heal()`.
   */
  partition(stationIds?: string[]): void {
    if (!stationIds) this.#partitionAll = true;
    else for (const id of stationIds) this.#partitioned.add(id);
  }

  heal(): void {
    this.#partitionAll = false;
    this.#partitioned.clear();
    for (const set of this.#streams.values()) for (const end of set) end.channel.release();
  }
}
