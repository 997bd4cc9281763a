/**
 * The World: one clock, one seeded random source, the virtual network, the embedded broker
 * (attached through the network) and the boards, built from a scenario.
 *
 * Lock-step: time advances one event at a time, and only once every board's running code
 * has blocked again (`settle()`), so `await sleepMs(..)` chains in TS programs see exactly
 * the virtual time they asked for, and the same scenario + seed give the same packets.
 *
 *     const world = new World(TEXTBOOK_PUBSUB, { seed: 1 });
 *     world.addPacketListener((p) => console.log(p.from, p.to, p.packet.type));
 *     world.start();
 *     await world.runUntil(sToUs(15));
 */
import { Broker, type PacketEvent, type Timebase } from "../broker/mod.ts";
import { Decoder } from "../broker/codec/mod.ts";
import {
  type AccessPointConfig,
  msToUs,
  SeededRandom,
  VirtualClock,
  VirtualNetwork,
} from "../sim/mod.ts";
import type { StreamEnd } from "../sim/mod.ts";
import { Activity, Board, type ProgramHost } from "./esp32/mod.ts";
import { BUILTIN_PROGRAMS, type ProgramParams, tsProgram } from "./programs/mod.ts";
import {
  type BoardSpec,
  checkScenario,
  type Scenario,
  type ScenarioEvent,
  TEXTBOOK_ACCESS_POINT,
} from "./scenario.ts";
import type { WorldEvent, WorldPacket } from "./world_events.ts";

/** The embedded broker's address on the virtual internet (what every name resolves to). */
export const BROKER_IP = "47.100.1.1";
export const DEFAULT_SEED = 1;

/** Turns a scenario's program name into what a board runs; undefined = not mine. */
export type ProgramResolver = (
  program: string,
  params: ProgramParams,
  spec: BoardSpec,
) => ProgramHost | undefined;

/**
 * Instead of the embedded broker: something that accepts the boards' streams (the TCP
 * bridge to a real broker in external_broker.ts). Packets are then recorded at the boards.
 */
export interface BrokerGateway {
  /** Called for every stream a board opens to any address and port. */
  accept(end: StreamEnd, board: string | undefined): void;
  close(): void;
}

export interface WorldOptions {
  /** Seed of every random stream (default: the scenario's, else 1). */
  seed?: number;
  /** Tried before the built-in programs (the MicroPython runtime plugs in here). */
  programs?: ProgramResolver;
  /** Use this instead of the embedded broker (packets are then recorded at the boards). */
  gateway?: (world: World) => BrokerGateway;
  /** Tap ring size of the embedded broker. */
  tapCapacity?: number;
  /**
   * Wall time for the embedded broker's real-socket clients (TCP, WebSocket): their
   * keep-alive is judged in wall time, given by the host (devices/ reads no host time).
   */
  wallTimebase?: Timebase;
}

export function resolveBuiltin(program: string, params: ProgramParams): ProgramHost | undefined {
  const info = BUILTIN_PROGRAMS.get(program);
  return info ? tsProgram(info.run, params) : undefined;
}

export class World {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly clock = new VirtualClock();
  readonly random: SeededRandom;
  readonly network: VirtualNetwork;
  readonly activity = new Activity();
  readonly boards = new Map<string, Board>();
  #broker: Broker | undefined;
  #gateway: BrokerGateway | undefined;
  #brokerEnds = new Set<StreamEnd>();
  #boardByAddress = new Map<string, string>();
  #boardByIp = new Map<string, string>();
  #unlistenBroker: (() => void) | undefined;
  #untapBroker: (() => void) | undefined;
  #eventListeners = new Set<(ev: WorldEvent) => void>();
  #packetListeners = new Set<(p: WorldPacket) => void>();
  #packetSeq = 1;
  #started = false;
  #closed = false;
  readonly #tapCapacity: number | undefined;
  readonly #wallTimebase: Timebase | undefined;

  constructor(scenario: Scenario, options: WorldOptions = {}) {
    this.scenario = checkScenario(scenario);
    this.seed = options.seed ?? scenario.seed ?? DEFAULT_SEED;
    this.random = new SeededRandom(this.seed);
    this.#tapCapacity = options.tapCapacity;
    this.#wallTimebase = options.wallTimebase;
    const net = scenario.network ?? {};
    this.network = new VirtualNetwork(this.clock, this.random.fork("network"), {
      latencyUs: net.latencyMs !== undefined ? msToUs(net.latencyMs) : undefined,
      wifi: {
        ...(net.joinDelayMs !== undefined && { joinDelayUs: msToUs(net.joinDelayMs) }),
        ...(net.joinJitterMs !== undefined && { joinJitterUs: msToUs(net.joinJitterMs) }),
        ...(net.joinFailMs !== undefined && { failDelayUs: msToUs(net.joinFailMs) }),
      },
      defaultHostIp: BROKER_IP,
      hosts: net.hosts,
    });
    for (const ap of scenario.accessPoints ?? [TEXTBOOK_ACCESS_POINT]) {
      this.network.addAccessPoint(ap);
    }
    this.#gateway = options.gateway?.(this);
    this.#listen();
    if (!this.#gateway) this.#startBroker();
    for (const spec of scenario.boards) this.#addBoard(spec, options.programs);
    if (this.#gateway) { for (const board of this.boards.values()) this.#tapBoard(board); }
  }

  /** With an external broker: decode what each board's sockets send and receive. */
  #tapBoard(board: Board): void {
    interface Stream {
      local: string;
      out: Decoder;
      in: Decoder;
      clientId?: string;
    }
    const streams = new Map<number, Stream>();
    board.addTrafficListener((t) => {
      let s = streams.get(t.fd);
      if (!s || s.local !== t.localAddress) {
        s = { local: t.localAddress, out: new Decoder(), in: new Decoder() };
        streams.set(t.fd, s);
      }
      let frames;
      try {
        frames = (t.direction === "out" ? s.out : s.in).push(t.bytes);
      } catch {
        return; // not MQTT (or broken): nothing to show
      }
      for (const f of frames) {
        if (f.packet.type === "CONNECT") s.clientId = f.packet.clientId;
        this.recordPacket({
          atUs: t.atUs,
          from: t.direction === "out" ? board.name : "broker",
          to: t.direction === "out" ? "broker" : board.name,
          clientId: s.clientId,
          packet: f.packet,
          bytes: f.bytes,
          level: 4,
          direction: t.direction === "out" ? "in" : "out",
          remoteAddress: t.localAddress,
          transport: "tcp",
        });
      }
    });
  }

  /** The embedded broker (undefined with a gateway, or while a restart keeps it down). */
  get broker(): Broker | undefined {
    return this.#broker;
  }

  /** Powers the boards on and schedules the scenario's events. Call once. */
  start(): void {
    if (this.#started) throw new Error("World.start() was already called");
    this.#started = true;
    for (const spec of this.scenario.boards) {
      const board = this.boards.get(spec.name)!;
      this.clock.schedule(msToUs(spec.powerOnAtMs ?? 0), () => board.powerOn());
    }
    for (const ev of this.scenario.events ?? []) {
      this.clock.schedule(msToUs(ev.atMs), () => this.apply(ev));
    }
  }

  /** Resolves once no board runs code (every task is blocked or done). */
  async settle(): Promise<void> {
    while (this.activity.running > 0) await this.activity.settled();
  }

  /** Fires the next event (then settles). False when nothing is scheduled. */
  async step(): Promise<boolean> {
    await this.settle();
    if (this.#closed || !this.clock.runNext()) return false;
    await this.settle();
    return true;
  }

  /** Runs every event up to `untilUs` in lock-step, then leaves the clock at `untilUs`. */
  async runUntil(untilUs: number): Promise<void> {
    for (;;) {
      // most events wake nobody: only pay for a promise when code is running
      if (this.activity.running > 0) await this.settle();
      // A world closed while this run waited on its boards stops where it is.
      if (this.#closed) return;
      const next = this.clock.nextEventAt();
      if (next === undefined || next > untilUs) break;
      this.clock.runNext();
    }
    if (this.clock.nowUs < untilUs) this.clock.advanceTo(untilUs);
  }

  /** Runs `deltaUs` more. */
  runFor(deltaUs: number): Promise<void> {
    return this.runUntil(this.clock.nowUs + deltaUs);
  }

  /** Pin changes, console lines, WiFi, power, scenario actions. Returns unsubscribe. */
  addListener(cb: (ev: WorldEvent) => void): () => void {
    this.#eventListeners.add(cb);
    return () => this.#eventListeners.delete(cb);
  }

  /** Every MQTT packet between the boards (and other clients) and the broker. */
  addPacketListener(cb: (p: WorldPacket) => void): () => void {
    this.#packetListeners.add(cb);
    return () => this.#packetListeners.delete(cb);
  }

  /** Board name for a remote "ip:port" on the virtual network, if it is a board's. */
  boardAt(address: string): string | undefined {
    return this.#boardByAddress.get(address) ?? this.#boardByIp.get(address.split(":")[0]);
  }

  /** Emits a packet seen outside the embedded broker (used by the external gateway). */
  recordPacket(p: Omit<WorldPacket, "seq">): void {
    const full: WorldPacket = { seq: this.#packetSeq++, ...p };
    for (const cb of this.#packetListeners) cb(full);
  }

  /** Stops the broker and the gateway; the world can be dropped afterwards. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const board of this.boards.values()) board.powerOff();
    this.#stopBroker();
    this.#gateway?.close();
  }

  #emit(ev: WorldEvent): void {
    for (const cb of this.#eventListeners) cb(ev);
  }

  #addBoard(spec: BoardSpec, resolver: ProgramResolver | undefined): void {
    const board = new Board(
      { name: spec.name, ledPin: spec.ledPin },
      { clock: this.clock, network: this.network, random: this.random, activity: this.activity },
    );
    const params = spec.params ?? {};
    const host = resolver?.(spec.program, params, spec) ?? resolveBuiltin(spec.program, params);
    if (!host) {
      if (spec.program.endsWith(".py")) {
        throw new Error(
          `Board '${spec.name}' runs '${spec.program}': MicroPython (.py) programs need the ` +
            `MicroPython runtime, which this build does not have yet; use a built-in program ` +
            `(${[...BUILTIN_PROGRAMS.keys()].join(", ")})`,
        );
      }
      throw new Error(
        `Board '${spec.name}': no program named '${spec.program}' (built-ins: ${
          [...BUILTIN_PROGRAMS.keys()].join(", ")
        })`,
      );
    }
    board.setProgram(host);
    const name = spec.name;
    if (spec.extraLatencyMs) this.network.setExtraLatency(msToUs(spec.extraLatencyMs), name);
    board.gpio.addListener((pin, level, atUs) => {
      this.#emit({ kind: "pin", atUs, board: name, pin, level });
    });
    board.console.addListener((line) => {
      this.#emit({ kind: "console", atUs: line.atUs, board: name, text: line.text });
    });
    for (const iface of [0, 1]) {
      board.wlan(iface).addListener((ev) => {
        if (ev.ip) this.#boardByIp.set(ev.ip, name);
        this.#emit({
          kind: "wifi",
          atUs: ev.atUs,
          board: name,
          iface: ev.iface,
          active: ev.active,
          status: ev.status,
          ...(ev.ip && { ip: ev.ip }),
        });
      });
    }
    board.addPowerListener((ev) => {
      this.#emit({ kind: "power", atUs: ev.atUs, board: name, state: ev.state, reason: ev.reason });
    });
    this.boards.set(name, board);
  }

  /** Every address and port of the virtual internet reaches the broker (or the gateway). */
  #listen(): void {
    this.#unlistenBroker = this.network.listen("*", "*", (end) => {
      const board = this.boardAt(end.remoteAddress);
      if (board) this.#boardByAddress.set(end.remoteAddress, board);
      if (this.#gateway) {
        this.#gateway.accept(end, board);
        return true;
      }
      // nothing listens while the broker is down: the board's connect is refused
      return this.#attachToBroker(end);
    });
  }

  #attachToBroker(end: StreamEnd): boolean {
    const broker = this.#broker;
    if (!broker) return false;
    let closed = false;
    const attached = broker.attach({
      transport: "virtual",
      remoteAddress: end.remoteAddress,
      send: (bytes) => void end.send(bytes),
      close: () => {
        end.close();
        this.clock.after(0, finish);
      },
    });
    const finish = () => {
      if (closed) return;
      closed = true;
      this.#brokerEnds.delete(end);
      attached.closed();
    };
    this.#brokerEnds.add(end);
    end.setHandlers({ data: (bytes) => attached.receive(bytes), closed: finish });
    return true;
  }

  #startBroker(): void {
    const broker = new Broker({
      clock: this.clock,
      config: this.scenario.broker,
      tapCapacity: this.#tapCapacity,
      wallTimebase: this.#wallTimebase,
      // Password checks run off the clock; the lock-step waits for them like for a board.
      offClockWork: this.activity,
    });
    this.#broker = broker;
    this.#untapBroker = broker.tap.listen((ev) => this.#onTap(ev));
    this.#emit({ kind: "broker", atUs: this.clock.nowUs, state: "up" });
  }

  #stopBroker(): void {
    const broker = this.#broker;
    if (!broker) return;
    this.#broker = undefined;
    broker.close();
    for (const end of this.#brokerEnds) end.close();
    this.#brokerEnds.clear();
    this.#untapBroker?.();
    this.#emit({ kind: "broker", atUs: this.clock.nowUs, state: "down" });
  }

  #onTap(ev: PacketEvent): void {
    const peer = this.boardAt(ev.remoteAddress) ?? ev.remoteAddress;
    this.recordPacket({
      atUs: ev.atUs,
      from: ev.direction === "in" ? peer : "broker",
      to: ev.direction === "in" ? "broker" : peer,
      clientId: ev.clientId,
      packet: ev.packet,
      bytes: ev.bytes,
      level: ev.level,
      direction: ev.direction,
      remoteAddress: ev.remoteAddress,
      transport: ev.transport,
      connectionId: ev.connectionId,
    });
  }

  #board(name: string): Board {
    const board = this.boards.get(name);
    if (!board) throw new Error(`The scenario names board '${name}', which does not exist`);
    return board;
  }

  /** Tells listeners first (cause before effects in the log), then acts. */
  /**
   * A scenario's event (a fault, a reset, a button) applied now: what a scenario
   * schedules at `atMs`, and what a host applies live (replay applies it the same way).
   */
  apply(ev: ScenarioEvent): void {
    this.#emit({
      kind: "scenario",
      atUs: this.clock.nowUs,
      action: ev.action,
      detail: describe(ev),
    });
    switch (ev.action) {
      case "wifi-drop":
        this.network.dropWifi(ev.board);
        break;
      case "latency":
        this.network.setExtraLatency(msToUs(ev.extraMs), ev.board);
        break;
      case "partition":
        this.network.partition(ev.boards);
        break;
      case "heal":
        this.network.heal();
        break;
      case "broker-restart":
        if (this.#gateway) break; // a real broker is not ours to restart
        this.#stopBroker();
        this.clock.after(msToUs(ev.downMs ?? 0), () => this.#startBroker());
        break;
      case "soft-reset":
        this.#board(ev.board).softReset();
        break;
      case "hard-reset":
        this.#board(ev.board).hardReset();
        break;
      case "power-on":
        this.#board(ev.board).powerOn();
        break;
      case "power-off":
        this.#board(ev.board).powerOff();
        break;
      case "button-press":
        this.#board(ev.board).pressButton(ev.pin);
        break;
      case "button-release":
        this.#board(ev.board).releaseButton(ev.pin);
        break;
      case "ap-off":
        this.#apOff(ev.ssid);
        break;
      case "ap-on":
        this.network.addAccessPoint(ev.ap as AccessPointConfig);
        break;
    }
  }

  #apOff(ssid: string): void {
    const ap = this.network.wifi.removeAccessPoint(ssid);
    if (!ap) return;
    for (const board of this.boards.values()) {
      const station = this.network.station(board.name);
      if (station.accessPoint === ap) station.leave("beacon-timeout");
    }
  }
}

/** A scenario event in a few words for logs: "publisher", "+250 ms for s", "down 500 ms". */
function describe(ev: ScenarioEvent): string {
  switch (ev.action) {
    case "latency":
      return `+${ev.extraMs} ms${ev.board ? ` for ${ev.board}` : ""}`;
    case "partition":
      return ev.boards ? ev.boards.join(", ") : "all boards";
    case "heal":
      return "";
    case "broker-restart":
      return `down ${ev.downMs ?? 0} ms`;
    case "button-press":
    case "button-release":
      return `${ev.board} GPIO${ev.pin ?? 0}`;
    case "ap-off":
      return ev.ssid;
    case "ap-on":
      return ev.ap.ssid;
    default:
      return ev.board;
  }
}
