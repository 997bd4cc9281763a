/**
 * WiFi as the boards see it: access points, stations joining them after a delay with
 * seeded jitter, DHCP leases, and the outcomes a real join has (got an address, wrong
 * password, no such network) plus losing the link later (beacon timeout).
 */
import type { ScheduledEvent, VirtualClock } from "../clock.ts";
import type { SeededRandom } from "../random.ts";

export interface AccessPointConfig {
  ssid: string;
  /** WPA2 passphrase; "" for an open network. */
  password: string;
  /** 2.4 GHz channel 1..13. */
  channel?: number;
  /** Signal strength the stations see, in dBm (-30 strong .. -90 unusable). */
  rssiDbm?: number;
  /**
   * The LAN's network part: three octets ("192.168.1", a /24: the AP is .1, leases start
   * at .100) or two ("10.8", a /16 for classes of hundreds of boards).
   */
  subnet?: string;
}

export interface AccessPoint extends Required<AccessPointConfig> {
  /** "192.168.1.1": gateway and DNS server of this LAN. */
  readonly gatewayIp: string;
}

/** Lease handed out on a successful join (what `ifconfig()` shows). */
export interface Lease {
  ip: string;
  netmask: string;
  gatewayIp: string;
  dnsIp: string;
}

/** How a join ended. The board model maps these onto MicroPython's STAT_* numbers. */
export type JoinOutcome =
  | { kind: "got-ip"; lease: Lease; ap: AccessPoint }
  | { kind: "wrong-password"; ap: AccessPoint }
  | { kind: "no-ap-found" };

/** Why a joined station lost its network. */
export type LinkLossReason = "beacon-timeout" | "disconnected";

export interface WifiTiming {
  /** Association + WPA2 handshake + DHCP: the time from connect() to an address. */
  joinDelayUs: number;
  /** Uniform extra delay in [0, joinJitterUs), drawn from the station's own seeded stream. */
  joinJitterUs: number;
  /** How long a failing join takes before it reports (scan + handshake attempts). */
  failDelayUs: number;
}

/** Defaults measured loosely on an ESP32-WROOM with a home router. */
export const DEFAULT_WIFI_TIMING: WifiTiming = {
  joinDelayUs: 2_500_000,
  joinJitterUs: 500_000,
  failDelayUs: 3_000_000,
};

const DEFAULT_CHANNEL = 6;
const DEFAULT_RSSI_DBM = -55;
const DEFAULT_SUBNET = "192.168.1";
/** First DHCP lease's host number, as most home routers hand out. */
const FIRST_LEASE_HOST = 100;

export function makeAccessPoint(config: AccessPointConfig): AccessPoint {
  const subnet = config.subnet ?? DEFAULT_SUBNET;
  return {
    ssid: config.ssid,
    password: config.password,
    channel: config.channel ?? DEFAULT_CHANNEL,
    rssiDbm: config.rssiDbm ?? DEFAULT_RSSI_DBM,
    subnet,
    gatewayIp: isWide(subnet) ? `${subnet}.0.1` : `${subnet}.1`,
  };
}

function isWide(subnet: string): boolean {
  return subnet.split(".").length === 2;
}

/** A station's join state. */
export type StationState = "idle" | "joining" | "joined";

/** A WiFi client interface (a board's STA). Created by `VirtualNetwork.station`. */
export class Station {
  readonly id: string;
  #state: StationState = "idle";
  #lease: Lease | undefined;
  #ap: AccessPoint | undefined;
  #pending: ScheduledEvent | undefined;
  #lossListeners = new Set<(reason: LinkLossReason) => void>();
  readonly #wifi: Wifi;
  readonly #random: SeededRandom;

  constructor(id: string, wifi: Wifi, random: SeededRandom) {
    this.id = id;
    this.#wifi = wifi;
    this.#random = random;
  }

  get state(): StationState {
    return this.#state;
  }
  get lease(): Lease | undefined {
    return this.#lease;
  }
  get accessPoint(): AccessPoint | undefined {
    return this.#ap;
  }
  get ip(): string | undefined {
    return this.#lease?.ip;
  }

  /**
   * Starts joining `ssid`. `done` runs on the clock once the outcome is known.
   * A join in progress is abandoned (as a second connect() on the board does).
   */
  join(ssid: string, password: string, done: (outcome: JoinOutcome) => void): void {
    this.leave("disconnected");
    this.#state = "joining";
    const ap = this.#wifi.find(ssid);
    const timing = this.#wifi.timing;
    const jitterUs = timing.joinJitterUs > 0 ? this.#random.int(0, timing.joinJitterUs) : 0;
    let outcome: JoinOutcome;
    let delayUs: number;
    if (!ap) {
      outcome = { kind: "no-ap-found" };
      delayUs = timing.failDelayUs + jitterUs;
    } else if (ap.password !== "" && ap.password !== password) {
      outcome = { kind: "wrong-password", ap };
      delayUs = timing.failDelayUs + jitterUs;
    } else {
      outcome = { kind: "got-ip", lease: this.#wifi.lease(this.id, ap), ap };
      delayUs = timing.joinDelayUs + jitterUs;
    }
    this.#pending = this.#wifi.clock.after(delayUs, () => {
      this.#pending = undefined;
      if (outcome.kind === "got-ip") {
        this.#state = "joined";
        this.#lease = outcome.lease;
        this.#ap = outcome.ap;
      } else {
        this.#state = "idle";
      }
      done(outcome);
    });
  }

  /** Leaves the network; when it was joined, the loss listeners hear why. */
  leave(reason: LinkLossReason = "disconnected"): void {
    this.#pending?.cancel();
    this.#pending = undefined;
    const wasJoined = this.#state === "joined";
    this.#state = "idle";
    this.#lease = undefined;
    this.#ap = undefined;
    if (wasJoined) {
      for (const cb of [...this.#lossListeners]) cb(reason);
    }
  }

  /** Called when the link goes away (own disconnect, a drop fault, the AP vanishing). */
  addLossListener(cb: (reason: LinkLossReason) => void): () => void {
    this.#lossListeners.add(cb);
    return () => this.#lossListeners.delete(cb);
  }
}

/** The radio side of the network: access points and DHCP. */
export class Wifi {
  readonly clock: VirtualClock;
  readonly timing: WifiTiming;
  #aps: AccessPoint[] = [];
  /** DHCP: one stable address per station id and subnet, handed out in join order. */
  #leases = new Map<string, string>();
  #nextHost = new Map<string, number>();

  constructor(clock: VirtualClock, timing: WifiTiming) {
    this.clock = clock;
    this.timing = timing;
  }

  addAccessPoint(config: AccessPointConfig): AccessPoint {
    if (this.find(config.ssid)) throw new Error(`An access point named '${config.ssid}' exists`);
    const ap = makeAccessPoint(config);
    this.#aps.push(ap);
    return ap;
  }

  removeAccessPoint(ssid: string): AccessPoint | undefined {
    const ap = this.find(ssid);
    if (ap) this.#aps = this.#aps.filter((a) => a !== ap);
    return ap;
  }

  find(ssid: string): AccessPoint | undefined {
    return this.#aps.find((ap) => ap.ssid === ssid);
  }

  get accessPoints(): readonly AccessPoint[] {
    return this.#aps;
  }

  lease(stationId: string, ap: AccessPoint): Lease {
    const key = `${ap.subnet}/${stationId}`;
    let ip = this.#leases.get(key);
    if (!ip) {
      const host = this.#nextHost.get(ap.subnet) ?? FIRST_LEASE_HOST;
      const wide = isWide(ap.subnet);
      if (host > (wide ? 65_534 : 254)) {
        throw new Error(`DHCP pool of ${ap.subnet} is exhausted`);
      }
      this.#nextHost.set(ap.subnet, host + 1);
      ip = wide ? `${ap.subnet}.${host >> 8}.${host & 0xff}` : `${ap.subnet}.${host}`;
      this.#leases.set(key, ip);
    }
    const netmask = isWide(ap.subnet) ? "255.255.0.0" : "255.255.255.0";
    return { ip, netmask, gatewayIp: ap.gatewayIp, dnsIp: ap.gatewayIp };
  }
}
