/**
 * `network.WLAN(STA_IF | AP_IF)` as the esp32 port behaves: active(), connect() that
 * returns at once while the join runs, status() with the port's STAT_* numbers,
 * isconnected(), ifconfig(), config('mac' | 'essid' | 'channel' | ...), scan().
 *
 * Reconnecting follows `config(reconnects=n)`: 0 (our default) never retries, so
 * status() keeps the failure's reason (202, 201, 200); n > 0 retries n times, -1 forever,
 * with status() STAT_CONNECTING meanwhile, as the esp32 port does. Said out loud: the
 * real port's default may retry; ours does not, so that lessons see the reason.
 */
import type { AccessPoint, Station, VirtualNetwork } from "../../sim/mod.ts";
import { MicroPythonError } from "./pin.ts";

export const STA_IF = 0;
export const AP_IF = 1;

/** MicroPython esp32 `network.STAT_*` (the 2xx are ESP-IDF's wifi_err_reason_t). */
export const STAT_IDLE = 1000;
export const STAT_CONNECTING = 1001;
export const STAT_GOT_IP = 1010;
export const STAT_BEACON_TIMEOUT = 200;
export const STAT_NO_AP_FOUND = 201;
export const STAT_WRONG_PASSWORD = 202;
export const STAT_ASSOC_FAIL = 203;
export const STAT_HANDSHAKE_TIMEOUT = 204;

/** `network.AUTH_*`: what scan() reports for an AP. */
/** The `network.STAT_*` name of a status code, as a student reads it in the docs. */
export function wifiStatusName(status: number): string {
  return WIFI_STATUS_NAMES[status] ?? `status ${status}`;
}

const WIFI_STATUS_NAMES: Record<number, string> = {
  [STAT_IDLE]: "STAT_IDLE",
  [STAT_CONNECTING]: "STAT_CONNECTING",
  [STAT_GOT_IP]: "STAT_GOT_IP",
  [STAT_BEACON_TIMEOUT]: "STAT_BEACON_TIMEOUT",
  [STAT_NO_AP_FOUND]: "STAT_NO_AP_FOUND",
  [STAT_WRONG_PASSWORD]: "STAT_WRONG_PASSWORD",
  [STAT_ASSOC_FAIL]: "STAT_ASSOC_FAIL",
  [STAT_HANDSHAKE_TIMEOUT]: "STAT_HANDSHAKE_TIMEOUT",
};

export const AUTH_OPEN = 0;
export const AUTH_WPA2_PSK = 3;

export type IfConfig = [ip: string, netmask: string, gateway: string, dns: string];
const NO_ADDRESS: IfConfig = ["0.0.0.0", "0.0.0.0", "0.0.0.0", "0.0.0.0"];
/** The esp32 port's soft-AP network. */
const AP_IFCONFIG: IfConfig = ["192.168.4.1", "255.255.255.0", "192.168.4.1", "0.0.0.0"];

export interface WlanEvent {
  iface: "sta" | "ap";
  active: boolean;
  status: number;
  ip: string | undefined;
  atUs: number;
}

export interface ScanResult {
  ssid: string;
  bssid: Uint8Array;
  channel: number;
  rssiDbm: number;
  authmode: number;
  hidden: boolean;
}

/** Both interfaces of one board's radio. */
export class Wlan {
  readonly iface: "sta" | "ap";
  #active = false;
  #status = STAT_IDLE;
  #ssid = "";
  #password = "";
  /** connect() was called and disconnect() was not: the station wants to be joined. */
  #wanted = false;
  /** `config(reconnects=)`: 0 none, n > 0 that many, -1 forever. */
  #reconnects = 0;
  #retries = 0;
  #apSsid: string;
  #apPassword = "";
  #listeners = new Set<(ev: WlanEvent) => void>();
  readonly #station: Station;
  readonly #network: VirtualNetwork;
  readonly #mac: Uint8Array;
  readonly #now: () => number;
  readonly #poke: () => void;
  #hostname = "espressif";
  /** The last state told to listeners: they hear changes only. */
  #lastKey = "";

  constructor(
    iface: "sta" | "ap",
    deps: {
      station: Station;
      network: VirtualNetwork;
      mac: Uint8Array;
      now: () => number;
      poke: () => void;
    },
  ) {
    this.iface = iface;
    this.#station = deps.station;
    this.#network = deps.network;
    this.#mac = deps.mac;
    this.#now = deps.now;
    this.#poke = deps.poke;
    const tail = [...deps.mac.slice(3)].map((b) => b.toString(16).toUpperCase().padStart(2, "0"));
    this.#apSsid = `ESP_${tail.join("")}`;
    if (iface === "sta") {
      deps.station.addLossListener((reason) => {
        if (this.#status !== STAT_GOT_IP) return;
        if (reason === "beacon-timeout" && this.#retry()) return;
        this.#status = reason === "beacon-timeout" ? STAT_BEACON_TIMEOUT : STAT_IDLE;
        this.#changed();
      });
    }
  }

  /** `wlan.active()` / `wlan.active(v)`. */
  active(value?: boolean): boolean {
    if (value !== undefined && value !== this.#active) {
      this.#active = value;
      if (!value && this.iface === "sta") {
        this.#wanted = false;
        this.#station.leave("disconnected");
        this.#status = STAT_IDLE;
      }
      this.#changed();
    }
    return this.#active;
  }

  /** `wlan.connect(ssid, key)`: returns at once; the join goes on in the background. */
  connect(ssid: string, password = ""): void {
    if (this.iface !== "sta") throw new MicroPythonError("OSError", "AP doesn't support connect");
    if (!this.#active) throw new MicroPythonError("OSError", "Wifi Not Started");
    this.#ssid = ssid;
    this.#password = password;
    this.#wanted = true;
    this.#retries = 0;
    this.#join();
  }

  #join(): void {
    this.#status = STAT_CONNECTING;
    this.#station.join(this.#ssid, this.#password, (outcome) => {
      if (outcome.kind === "got-ip") {
        this.#retries = 0;
        this.#status = STAT_GOT_IP;
      } else {
        if (this.#retry()) return;
        this.#status = outcome.kind === "wrong-password" ? STAT_WRONG_PASSWORD : STAT_NO_AP_FOUND;
      }
      this.#changed();
    });
    this.#changed();
  }

  /** Starts another attempt when `reconnects` allows one. */
  #retry(): boolean {
    if (!this.#wanted || !this.#active) return false;
    if (this.#reconnects !== -1 && this.#retries >= this.#reconnects) return false;
    this.#retries++;
    this.#join();
    return true;
  }

  disconnect(): void {
    if (this.iface !== "sta") return;
    this.#wanted = false;
    this.#station.leave("disconnected");
    this.#status = STAT_IDLE;
    this.#changed();
  }

  /** STA: joined with an address. AP: a station is attached (never, here). */
  isconnected(): boolean {
    return this.iface === "sta" && this.#status === STAT_GOT_IP && this.#station.ip !== undefined;
  }

  /** `status()`; `status('rssi')` is the signal strength of the joined AP. */
  status(param?: string): number {
    if (param === "rssi") {
      const ap = this.#station.accessPoint;
      if (!ap) throw new MicroPythonError("OSError", "STA is not connected");
      return ap.rssiDbm;
    }
    if (param !== undefined) throw new MicroPythonError("ValueError", "unknown status param");
    if (this.iface === "ap") return this.#active ? STAT_GOT_IP : STAT_IDLE;
    return this.#active ? this.#status : STAT_IDLE;
  }

  ifconfig(): IfConfig {
    if (this.iface === "ap") return this.#active ? [...AP_IFCONFIG] : [...NO_ADDRESS];
    const lease = this.#station.lease;
    if (!lease || !this.isconnected()) return [...NO_ADDRESS];
    return [lease.ip, lease.netmask, lease.gatewayIp, lease.dnsIp];
  }

  /** `config('mac' | 'essid' | 'ssid' | 'channel' | 'hostname' | 'password')`. */
  config(key: string): unknown {
    switch (key) {
      case "mac":
        return this.#mac.slice();
      case "essid":
      case "ssid":
        return this.iface === "ap" ? this.#apSsid : this.#ssid;
      case "channel":
        return this.#station.accessPoint?.channel ?? 1;
      case "hostname":
      case "dhcp_hostname":
        return this.#hostname;
      case "reconnects":
        return this.#reconnects;
      case "password":
        if (this.iface === "ap") return this.#apPassword;
        throw new MicroPythonError("ValueError", "unknown config param");
      default:
        throw new MicroPythonError("ValueError", "unknown config param");
    }
  }

  /** `config(essid=..., password=..., hostname=..., reconnects=...)`. */
  configure(
    values: {
      essid?: string;
      ssid?: string;
      password?: string;
      hostname?: string;
      reconnects?: number;
    },
  ): void {
    if (values.reconnects !== undefined) {
      if (!Number.isInteger(values.reconnects) || values.reconnects < -1) {
        throw new MicroPythonError("ValueError", "reconnects must be -1 or more");
      }
      this.#reconnects = values.reconnects;
    }
    const ssid = values.essid ?? values.ssid;
    if (ssid !== undefined && this.iface === "ap") this.#apSsid = ssid;
    if (values.password !== undefined && this.iface === "ap") this.#apPassword = values.password;
    if (values.hostname !== undefined) this.#hostname = values.hostname;
  }

  /** `scan()`: the access points in range, strongest first. */
  scan(): ScanResult[] {
    if (!this.#active) throw new MicroPythonError("OSError", "Wifi Not Started");
    return [...this.#network.wifi.accessPoints]
      .sort((a, b) => b.rssiDbm - a.rssiDbm)
      .map((ap: AccessPoint, i) => ({
        ssid: ap.ssid,
        bssid: new Uint8Array([0x74, 0xda, 0x88, 0x10, 0x20, 0x30 + i]),
        channel: ap.channel,
        rssiDbm: ap.rssiDbm,
        authmode: ap.password === "" ? AUTH_OPEN : AUTH_WPA2_PSK,
        hidden: false,
      }));
  }

  /** Active / status / address changes. */
  addListener(cb: (ev: WlanEvent) => void): () => void {
    this.#listeners.add(cb);
    return () => this.#listeners.delete(cb);
  }

  /** Hard reset / power off: radio off, link gone. */
  powerOff(): void {
    if (this.iface === "sta") this.#station.leave("disconnected");
    this.#active = false;
    this.#wanted = false;
    this.#reconnects = 0;
    this.#status = STAT_IDLE;
    this.#ssid = "";
    this.#changed();
  }

  #changed(): void {
    const ev: WlanEvent = {
      iface: this.iface,
      active: this.#active,
      status: this.status(),
      ip: this.isconnected() ? this.#station.ip : undefined,
      atUs: this.#now(),
    };
    const key = `${ev.active}/${ev.status}/${ev.ip}`;
    if (key !== this.#lastKey) {
      this.#lastKey = key;
      for (const cb of [...this.#listeners]) cb(ev);
    }
    this.#poke();
  }
}
