/**
 * Board sockets (lwIP under MicroPython's `socket` module) over the virtual network.
 * Every call is synchronous: it returns a result, throws an OSError with the board's
 * errno, or reports "would block" (`null`) so that the caller waits on `readable` /
 * `connectPending` through the CPU and tries again. That is how blocking, timeouts and
 * non-blocking mode are all built on one model.
 */
import type { StreamEnd, VirtualNetwork } from "../../sim/mod.ts";
import { MicroPythonError } from "./pin.ts";

/** lwIP errno numbers as MicroPython on the ESP32 reports them. */
export const EBADF = 9;
export const EAGAIN = 11;
export const ECONNABORTED = 103;
export const ECONNRESET = 104;
export const ECONNREFUSED = 111;
export const EHOSTUNREACH = 113;
export const ETIMEDOUT = 116;
export const EINPROGRESS = 119;
export const EALREADY = 120;
export const EISCONN = 127;
export const ENOTCONN = 128;

const ERRNO_NAMES: Record<number, string> = {
  [EBADF]: "EBADF",
  [EAGAIN]: "EAGAIN",
  [ECONNABORTED]: "ECONNABORTED",
  [ECONNRESET]: "ECONNRESET",
  [ECONNREFUSED]: "ECONNREFUSED",
  [EHOSTUNREACH]: "EHOSTUNREACH",
  [ETIMEDOUT]: "ETIMEDOUT",
  [EINPROGRESS]: "EINPROGRESS",
  [EALREADY]: "EALREADY",
  [EISCONN]: "EISCONN",
  [ENOTCONN]: "ENOTCONN",
};

/** getaddrinfo() failure on the esp32 port: OSError(-202) (lwIP's EAI_FAIL). */
export const EAI_FAIL = -202;

/** `OSError(errno)`, printed as MicroPython does: "[Errno 104] ECONNRESET". */
export class OSError extends MicroPythonError {
  readonly errno: number;
  constructor(errno: number) {
    const name = ERRNO_NAMES[errno];
    super("OSError", name ? `[Errno ${errno}] ${name}` : String(errno));
    this.errno = errno;
  }
}

export type SocketState = "new" | "connecting" | "connected" | "closed";

export interface SocketTraffic {
  direction: "out" | "in";
  bytes: Uint8Array;
  atUs: number;
  localAddress: string;
  remoteAddress: string;
}

export class BoardSocket {
  readonly fd: number;
  #state: SocketState = "new";
  #end: StreamEnd | undefined;
  #rx: Uint8Array[] = [];
  #rxBytes = 0;
  #eof = false;
  /** An error the next call reports (RST, link lost, refused). */
  #error: number | undefined;
  /** The peer closed: the next send is lost and the RST it provokes fails the one after. */
  #sendAfterFin = false;
  /** The remote "ip:port" asked for. */
  remote: string | undefined;
  readonly #network: VirtualNetwork;
  readonly #stationId: string;
  readonly #now: () => number;
  readonly #poke: () => void;
  readonly #traffic: (t: SocketTraffic) => void;
  /** Whether anyone listens to the traffic (records are made only then). */
  readonly #tapped: () => boolean;
  readonly #onClose: (socket: BoardSocket) => void;

  constructor(
    fd: number,
    deps: {
      network: VirtualNetwork;
      stationId: string;
      now: () => number;
      poke: () => void;
      traffic: (t: SocketTraffic) => void;
      tapped?: () => boolean;
      /** The board forgets a closed socket. */
      onClose?: (socket: BoardSocket) => void;
    },
  ) {
    this.fd = fd;
    this.#network = deps.network;
    this.#stationId = deps.stationId;
    this.#now = deps.now;
    this.#poke = deps.poke;
    this.#traffic = deps.traffic;
    this.#tapped = deps.tapped ?? (() => true);
    this.#onClose = deps.onClose ?? (() => {});
  }

  get state(): SocketState {
    return this.#state;
  }

  get localAddress(): string | undefined {
    return this.#end?.localAddress;
  }

  /** True while a connect is under way. */
  get connectPending(): boolean {
    return this.#state === "connecting";
  }

  /** A recv would not block: bytes, end of stream, or an error to report. */
  get readable(): boolean {
    return this.#rxBytes > 0 || this.#eof || this.#error !== undefined ||
      this.#state === "closed";
  }

  /** Starts connecting to `ip:port`. Wait for `!connectPending`, then `connectResult()`. */
  connect(ip: string, port: number): void {
    if (this.#state === "closed") throw new OSError(EBADF);
    if (this.#state === "connected") throw new OSError(EISCONN);
    if (this.#state === "connecting") throw new OSError(EALREADY);
    if (this.#network.station(this.#stationId).ip === undefined) {
      throw new OSError(EHOSTUNREACH);
    }
    this.#state = "connecting";
    this.remote = `${ip}:${port}`;
    this.#network.connect(this.#stationId, ip, port, (result) => {
      if (this.#state !== "connecting") {
        if (result.ok) result.end.close();
        return;
      }
      if (!result.ok) {
        this.#state = "new";
        this.#error = result.failure === "refused"
          ? ECONNREFUSED
          : result.failure === "timeout"
          ? ETIMEDOUT
          : EHOSTUNREACH;
      } else {
        this.#state = "connected";
        this.#end = result.end;
        result.end.setHandlers({
          data: (bytes) => {
            this.#rx.push(bytes);
            this.#rxBytes += bytes.length;
            if (this.#tapped()) {
              this.#traffic({
                direction: "in",
                bytes,
                atUs: this.#now(),
                localAddress: result.end.localAddress,
                remoteAddress: result.end.remoteAddress,
              });
            }
            this.#poke();
          },
          closed: (reason) => {
            if (reason === "fin") {
              this.#eof = true;
              this.#sendAfterFin = true;
            } else {
              this.#error = ECONNRESET;
            }
            this.#poke();
          },
        });
      }
      this.#poke();
    });
  }

  /** After the connect wait: throws the failure, if any. */
  connectResult(): void {
    this.#throwPending();
    if (this.#state !== "connected") throw new OSError(ENOTCONN);
  }

  /** `send` / `write`: queues all bytes; returns how many. */
  send(bytes: Uint8Array): number {
    if (this.#state === "closed") throw new OSError(EBADF);
    this.#throwPending();
    if (this.#state !== "connected" || !this.#end) throw new OSError(ENOTCONN);
    if (this.#sendAfterFin) {
      // The peer is gone; these bytes provoke a RST that fails the next call.
      this.#sendAfterFin = false;
      this.#error = ECONNRESET;
      return bytes.length;
    }
    if (bytes.length === 0) return 0;
    if (!this.#end.send(bytes)) throw new OSError(ECONNRESET);
    if (!this.#tapped()) return bytes.length;
    this.#traffic({
      direction: "out",
      bytes: bytes.slice(),
      atUs: this.#now(),
      localAddress: this.#end.localAddress,
      remoteAddress: this.#end.remoteAddress,
    });
    return bytes.length;
  }

  /**
   * Up to `max` received bytes; an empty array at end of stream; null when nothing is
   * there yet (the caller blocks on `readable`, or raises EAGAIN when non-blocking).
   */
  recv(max: number): Uint8Array | null {
    if (this.#state === "closed") throw new OSError(EBADF);
    if (this.#rxBytes > 0) return this.#take(max);
    this.#throwPending();
    if (this.#eof) return new Uint8Array(0);
    if (this.#state !== "connected") throw new OSError(ENOTCONN);
    return null;
  }

  /** Bytes waiting to be read. */
  get available(): number {
    return this.#rxBytes;
  }

  close(): void {
    if (this.#state === "closed") return;
    this.#state = "closed";
    this.#end?.close();
    this.#onClose(this);
    this.#poke();
  }

  /** The board vanished (hard reset, power off): no FIN leaves. */
  abort(): void {
    this.#state = "closed";
    this.#end?.abort();
  }

  #throwPending(): void {
    const errno = this.#error;
    if (errno === undefined) return;
    // A reset connection reports ECONNRESET once, then ENOTCONN, as lwIP does.
    this.#error = errno === ECONNRESET ? ENOTCONN : undefined;
    if (errno === ECONNRESET) this.#state = "new";
    throw new OSError(errno);
  }

  #take(max: number): Uint8Array {
    const want = Math.min(max, this.#rxBytes);
    const out = new Uint8Array(want);
    let filled = 0;
    while (filled < want) {
      const head = this.#rx[0];
      const n = Math.min(head.length, want - filled);
      out.set(head.subarray(0, n), filled);
      filled += n;
      if (n === head.length) this.#rx.shift();
      else this.#rx[0] = head.subarray(n);
    }
    this.#rxBytes -= want;
    return out;
  }
}
