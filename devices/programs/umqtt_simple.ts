/**
 * MQTTClient with the semantics of micropython-lib's `umqtt.simple`, in TypeScript on a
 * board's sockets: the same packets written in the same pieces, the same blocking reads,
 * the same limits. No automatic ping (keep-alive is the program's job), no QoS 2
 * (`publish(..., qos=2)` fails its assertion), `check_msg()` = non-blocking `wait_msg()`.
 */
import { MicroPythonError } from "../esp32/mod.ts";
import { type BytesLike, type MicroPython, type SocketApi, toBytes } from "./micropython.ts";

/** `umqtt.simple.MQTTException(code)`: CONNACK return code or SUBACK failure. */
export class MQTTException extends MicroPythonError {
  readonly code: number;
  constructor(code: number) {
    super("MQTTException", String(code));
    this.code = code;
  }
}

/** umqtt.simple uses `assert`; failing one raises AssertionError. */
function check(condition: boolean, message = ""): asserts condition {
  if (!condition) throw new MicroPythonError("AssertionError", message);
}

/** umqtt.simple: port 0 means 1883, or 8883 with ssl. */
const MQTT_PORT = 1883;
const MQTTS_PORT = 8883;

export type MessageCallback = (topic: Uint8Array, msg: Uint8Array) => unknown;

export class MQTTClient {
  readonly clientId: Uint8Array;
  readonly server: string;
  readonly port: number;
  readonly user: Uint8Array | undefined;
  readonly pswd: Uint8Array | undefined;
  readonly keepalive: number;
  sock: SocketApi | undefined;
  pid = 0;
  cb: MessageCallback | undefined;
  #lw: { topic: Uint8Array; msg: Uint8Array; qos: number; retain: boolean } | undefined;
  readonly #mp: MicroPython;

  /** `MQTTClient(client_id, server, port=0, user=None, password=None, keepalive=0, ssl=None)`. */
  constructor(
    mp: MicroPython,
    clientId: BytesLike,
    server: string,
    port = 0,
    user?: BytesLike | null,
    password?: BytesLike | null,
    keepalive = 0,
    ssl = false,
  ) {
    if (ssl) throw new MicroPythonError("NotImplementedError", "ssl is not simulated");
    this.#mp = mp;
    this.clientId = toBytes(clientId);
    this.server = server;
    this.port = port === 0 ? (ssl ? MQTTS_PORT : MQTT_PORT) : port;
    this.user = user ? toBytes(user) : undefined;
    this.pswd = password ? toBytes(password) : undefined;
    this.keepalive = keepalive;
  }

  /** The last topic's UTF-8 bytes: a sensor publishes to the same topic a million times. */
  #lastTopic: { text: string; bytes: Uint8Array } | undefined;

  #topicBytes(topic: BytesLike): Uint8Array {
    if (typeof topic !== "string") return topic;
    if (this.#lastTopic?.text !== topic) this.#lastTopic = { text: topic, bytes: toBytes(topic) };
    return this.#lastTopic.bytes;
  }

  #socket(): SocketApi {
    if (!this.sock) {
      throw new MicroPythonError("AttributeError", "'NoneType' object has no attribute 'write'");
    }
    return this.sock;
  }

  #sendStr(s: Uint8Array): void {
    const sock = this.#socket();
    sock.write(new Uint8Array([s.length >> 8, s.length & 0xff]));
    sock.write(s);
  }

  async #recvLen(): Promise<number> {
    let n = 0;
    let sh = 0;
    for (;;) {
      const b = (await this.#socket().read(1))![0];
      n |= (b & 0x7f) << sh;
      if (!(b & 0x80)) return n;
      sh += 7;
    }
  }

  setCallback(f: MessageCallback): void {
    this.cb = f;
  }

  setLastWill(topic: BytesLike, msg: BytesLike, retain = false, qos = 0): void {
    check(0 <= qos && qos <= 2);
    check(toBytes(topic).length > 0);
    this.#lw = { topic: toBytes(topic), msg: toBytes(msg), qos, retain };
  }

  /** Returns the CONNACK's session-present flag. */
  async connect(cleanSession = true, timeoutS: number | null = null): Promise<boolean> {
    const sock = this.#mp.socket.socket();
    this.sock = sock;
    sock.settimeout(timeoutS);
    const addr = this.#mp.socket.getaddrinfo(this.server, this.port)[0][4];
    await sock.connect(addr);
    const premsg = new Uint8Array([0x10, 0, 0, 0, 0, 0]);
    const msg = new Uint8Array([0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, 0x02, 0, 0]); // \0\4MQTT, level 4
    let sz = 10 + 2 + this.clientId.length;
    msg[7] = cleanSession ? 0x02 : 0x00;
    if (this.user) {
      sz += 2 + this.user.length + 2 + (this.pswd?.length ?? 0);
      msg[7] |= 0xc0;
    }
    if (this.keepalive) {
      check(this.keepalive < 65536);
      msg[8] |= this.keepalive >> 8;
      msg[9] |= this.keepalive & 0xff;
    }
    const lw = this.#lw;
    if (lw) {
      sz += 2 + lw.topic.length + 2 + lw.msg.length;
      msg[7] |= 0x4 | ((lw.qos & 0x1) << 3) | ((lw.qos & 0x2) << 3);
      msg[7] |= (lw.retain ? 1 : 0) << 5;
    }
    let i = 1;
    while (sz > 0x7f) {
      premsg[i] = (sz & 0x7f) | 0x80;
      sz >>= 7;
      i += 1;
    }
    premsg[i] = sz;
    sock.write(premsg, i + 1);
    sock.write(msg);
    this.#sendStr(this.clientId);
    if (lw) {
      this.#sendStr(lw.topic);
      this.#sendStr(lw.msg);
    }
    if (this.user) {
      this.#sendStr(this.user);
      this.#sendStr(this.pswd ?? new Uint8Array(0));
    }
    const resp = (await sock.read(4))!;
    check(resp[0] === 0x20 && resp[1] === 0x02);
    if (resp[3] !== 0) throw new MQTTException(resp[3]);
    return (resp[2] & 1) === 1;
  }

  disconnect(): void {
    this.#socket().write(new Uint8Array([0xe0, 0]));
    this.#socket().close();
  }

  ping(): void {
    this.#socket().write(new Uint8Array([0xc0, 0]));
  }

  async publish(topic: BytesLike, msg: BytesLike, retain = false, qos = 0): Promise<void> {
    const t = this.#topicBytes(topic);
    const m = toBytes(msg);
    const sock = this.#socket();
    const pkt = new Uint8Array([0x30, 0, 0, 0]);
    pkt[0] |= (qos << 1) | (retain ? 1 : 0);
    let sz = 2 + t.length + m.length;
    if (qos > 0) sz += 2;
    check(sz < 2097152);
    let i = 1;
    while (sz > 0x7f) {
      pkt[i] = (sz & 0x7f) | 0x80;
      sz >>= 7;
      i += 1;
    }
    pkt[i] = sz;
    sock.write(pkt, i + 1);
    this.#sendStr(t);
    let pid = 0;
    if (qos > 0) {
      this.pid += 1;
      pid = this.pid;
      sock.write(new Uint8Array([(pid >> 8) & 0xff, pid & 0xff]));
    }
    sock.write(m);
    if (qos === 1) {
      for (;;) {
        const op = await this.waitMsg();
        if (op === 0x40) {
          const size = (await sock.read(1))!;
          check(size.length === 1 && size[0] === 0x02);
          const r = (await sock.read(2))!;
          if (((r[0] << 8) | r[1]) === pid) return;
        }
      }
    } else if (qos === 2) {
      check(false);
    }
  }

  async subscribe(topic: BytesLike, qos = 0): Promise<void> {
    check(this.cb !== undefined, "Subscribe callback is not set");
    const t = toBytes(topic);
    const sock = this.#socket();
    this.pid += 1;
    const pkt = new Uint8Array([
      0x82,
      (2 + 2 + t.length + 1) & 0xff,
      this.pid >> 8,
      this.pid & 0xff,
    ]);
    sock.write(pkt);
    this.#sendStr(t);
    sock.write(new Uint8Array([qos]));
    for (;;) {
      const op = await this.waitMsg();
      if (op === 0x90) {
        const resp = (await sock.read(4))!;
        check(resp[1] === pkt[2] && resp[2] === pkt[3]);
        if (resp[3] === 0x80) throw new MQTTException(resp[3]);
        return;
      }
    }
  }

  /**
   * Waits for one incoming packet and handles it; PUBLISH goes to the callback. Returns
   * the packet's first byte, or null (nothing there in non-blocking mode, or a PINGRESP).
   */
  async waitMsg(): Promise<number | null> {
    const sock = this.#socket();
    const res = await sock.read(1);
    sock.setblocking(true);
    if (res === null) return null;
    if (res.length === 0) throw new MicroPythonError("OSError", "-1");
    if (res[0] === 0xd0) { // PINGRESP
      const sz = (await sock.read(1))![0];
      check(sz === 0);
      return null;
    }
    const op = res[0];
    if ((op & 0xf0) !== 0x30) return op;
    let sz = await this.#recvLen();
    const tl = (await sock.read(2))!;
    const topicLen = (tl[0] << 8) | tl[1];
    const topic = (await sock.read(topicLen))!;
    sz -= topicLen + 2;
    let pid = 0;
    if (op & 6) {
      const p = (await sock.read(2))!;
      pid = (p[0] << 8) | p[1];
      sz -= 2;
    }
    const msg = (await sock.read(sz))!;
    await this.cb?.(topic, msg);
    if ((op & 6) === 2) {
      sock.write(new Uint8Array([0x40, 0x02, pid >> 8, pid & 0xff]));
    } else if ((op & 6) === 4) {
      check(false);
    }
    return op;
  }

  /** Non-blocking: handles a pending message if there is one. */
  checkMsg(): Promise<number | null> {
    this.#socket().setblocking(false);
    return this.waitMsg();
  }
}
