/**
 * Records the host's world as a session file: the scenario and seed, every input from
 * outside the world at its exact point, the wall readings of real sockets, the packets.
 *
 *     const recorder = new SessionRecorder({ wall: wallTimebase });
 *     // the world's broker judges real sockets' keep-alive through the recorder:
 *     Playground.create({ ..., wallTimebase: recorder.wallTimebase });
 *     recorder.follow(playground.world, playground.programs);   // and on every onWorld
 *     serveTcp(recorder.realClients(broker));                    // real clients, recorded
 *     await recorder.board("publisher", { action: "hard-reset" }); // API actions
 *     const file = await recorder.session();                     // JSON.stringify it
 */
import type { AttachedLink, Broker, BrokerState, Link, Timebase } from "../broker/mod.ts";
import type { ScenarioEvent, World, WorldPacket } from "../devices/mod.ts";
import { applyBoardInput, applyFault, type ApplyResult, type HostPrograms } from "./apply_input.ts";
import { QuietGate } from "./gate.ts";
import {
  type BoardInput,
  type InputPoint,
  SESSION_FORMAT,
  SESSION_VERSION,
  type SessionFile,
  type SessionInput,
  toHex,
} from "./session_file.ts";
import { recordingTimebase, type WallLog } from "./wall_time.ts";

export interface RecorderOptions {
  /** The host's wall time for real sockets (web/wall_timebase.ts). Default: none (no timers). */
  wall?: Timebase;
  /** Host wall time for `savedAt` (ISO 8601); injected so tests stay reproducible. */
  nowIso?: () => string;
}

type Distribute<T> = T extends unknown ? Omit<T, keyof InputPoint> : never;
type InputBody = Distribute<SessionInput>;

/** One world's recording. */
class Recording implements WallLog {
  readonly inputs: SessionInput[] = [];
  readonly packets: { p: WorldPacket; bytes: Uint8Array }[] = [];
  readonly readingsUs: number[] = [];
  readonly buffered = new Map<number, [number, number][]>();
  timers = 0;
  connections = 0;
  stopped = false;
  readonly #unlisten: () => void;

  constructor(readonly world: World, readonly programs: HostPrograms | undefined) {
    // the bytes may be a slice of a reused slab (real sockets): keep a copy
    this.#unlisten = world.addPacketListener((p) =>
      this.packets.push({ p, bytes: p.bytes.slice() })
    );
  }

  point(): InputPoint {
    return { atUs: this.world.clock.nowUs, afterEvents: this.world.clock.firedTotal };
  }

  record(input: InputBody): void {
    if (!this.stopped) this.inputs.push({ ...this.point(), ...input } as SessionInput);
  }

  reading(us: number): void {
    if (!this.stopped) this.readingsUs.push(us);
  }

  fired(index: number): boolean {
    this.record({ kind: "wall-timer", timer: index });
    return true;
  }

  stop(): void {
    this.stopped = true;
    this.#unlisten();
  }
}

export class SessionRecorder {
  /** Give this to the World (Playground's `wallTimebase`) so real sockets' timers are recorded. */
  readonly wallTimebase: Timebase;
  readonly #gate: QuietGate;
  readonly #nowIso: () => string;
  #current: Recording | undefined;
  #proxies = new WeakMap<Broker, Broker>();

  constructor(options: RecorderOptions = {}) {
    this.#gate = new QuietGate(() => this.#current?.world.activity);
    this.#nowIso = options.nowIso ?? (() => new Date().toISOString());
    const wall = options.wall;
    this.wallTimebase = wall
      ? recordingTimebase(wall, this.#gate, () => {
        const rec = this.#current;
        return rec && { log: rec, nextTimer: () => rec.timers++ };
      })
      : { nowUs: () => 0, after: () => ({ cancel() {} }) };
  }

  /** The world being recorded. */
  get world(): World | undefined {
    return this.#current?.world;
  }

  /**
   * Starts a fresh recording of `world`, which must not have run yet (call it from
   * Playground.onWorld, which runs before the pacer advances the new world).
   */
  follow(world: World, programs?: HostPrograms): void {
    if (world.clock.firedTotal > 0) {
      throw new Error(
        `Cannot record this world: ${world.clock.firedTotal} events already ran ` +
          `(follow() it as soon as it is made)`,
      );
    }
    this.#current?.stop();
    this.#current = new Recording(world, programs);
  }

  stop(): void {
    this.#current?.stop();
    this.#current = undefined;
  }

  /**
   * The broker as real clients' transports should see it (serveTcp, upgradeMqttWebSocket):
   * the same broker, whose `attach` records what the client sends and lets it in through
   * the quiet gate. One proxy per broker, so identity checks (FollowingTcpListener) hold.
   */
  realClients(broker: Broker): Broker {
    let proxy = this.#proxies.get(broker);
    if (!proxy) {
      const attach = (link: Link) => this.#attachReal(broker, link);
      proxy = new Proxy(broker, {
        get(target, key) {
          if (key === "attach") return attach;
          const value = Reflect.get(target, key, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      this.#proxies.set(broker, proxy);
    }
    return proxy;
  }

  /**
   * A teacher's action on a board, applied once the world is quiet, and recorded. Except
   * Ctrl-C ("interrupt"): it exists to stop a program that never blocks, so it cannot wait
   * for the world to be quiet; it is applied and recorded at once (exact on replay when
   * the program was blocked; a runaway loop is stopped by wall time anyway, see README).
   */
  board(name: string, input: BoardInput): Promise<ApplyResult> {
    const apply = () => {
      const rec = this.#current;
      if (!rec) return { ok: false, status: 409, error: "No world is running" } as ApplyResult;
      rec.record({ kind: "board", board: name, ...input } as InputBody);
      return applyBoardInput(rec.world, rec.programs, name, input);
    };
    return input.action === "interrupt" ? Promise.resolve(apply()) : this.#gate.call(apply);
  }

  /** A fault applied now (a scenario event), once the world is quiet, and recorded. */
  fault(event: ScenarioEvent): Promise<ApplyResult> {
    return this.#gate.call(() => {
      const rec = this.#current;
      if (!rec) return { ok: false, status: 409, error: "No world is running" } as ApplyResult;
      rec.record({ kind: "fault", event });
      return applyFault(rec.world, event);
    });
  }

  /**
   * Saved broker state (persist/) put into the world's broker, and recorded: call it before
   * the world runs, as persist/ does through its RestoreSink.
   */
  importBrokerState(state: BrokerState): Promise<void> {
    return this.#gate.call(() => {
      const rec = this.#current;
      const broker = rec?.world.broker;
      if (!rec || !broker) return;
      rec.record({ kind: "broker-state", state });
      broker.importState(state);
    });
  }

  /** The recording so far, taken at a quiet point (it ends there). */
  session(): Promise<SessionFile> {
    return this.#gate.call(() => {
      const rec = this.#current;
      if (!rec) throw new Error("Nothing is being recorded: follow() a world first");
      return {
        format: SESSION_FORMAT,
        version: SESSION_VERSION,
        savedAt: this.#nowIso(),
        scenario: rec.world.scenario,
        seed: rec.world.seed,
        end: rec.point(),
        inputs: [...rec.inputs],
        wall: {
          readingsUs: [...rec.readingsUs],
          buffered: Object.fromEntries(
            [...rec.buffered].filter(([, r]) => r.length > 0).map(([c, r]) => [String(c), [...r]]),
          ),
        },
        packets: rec.packets.map(({ p, bytes }) => ({
          seq: p.seq,
          atUs: p.atUs,
          from: p.from,
          to: p.to,
          ...(p.clientId !== undefined && { clientId: p.clientId }),
          hex: toHex(bytes),
        })),
      };
    });
  }

  #attachReal(broker: Broker, link: Link): AttachedLink {
    const rec = this.#current;
    if (!rec || rec.world.broker !== broker) return broker.attach(link); // not this world's
    const conn = ++rec.connections;
    const readings: [number, number][] = [];
    rec.buffered.set(conn, readings);
    let reads = 0;
    // What the broker holds: the real link, with its bufferedAmount readings recorded
    // (a slow consumer's QoS 0 drops depend on them).
    const recorded: Link = {
      transport: link.transport,
      remoteAddress: link.remoteAddress,
      send: (bytes) => link.send(bytes),
      close: () => link.close(),
      get bufferedAmount() {
        const amount = link.bufferedAmount;
        if (amount === undefined) return undefined;
        if (amount !== 0 && !rec.stopped) readings.push([reads, amount]);
        reads++;
        return amount;
      },
    };
    let attached: AttachedLink | undefined;
    this.#gate.run(() => {
      rec.record({
        kind: "connect",
        conn,
        transport: link.transport,
        remoteAddress: link.remoteAddress,
        buffered: link.bufferedAmount !== undefined,
      });
      attached = broker.attach(recorded);
    });
    return {
      receive: (bytes) =>
        this.#gate.run(() => {
          if (!attached) return;
          rec.record({ kind: "data", conn, hex: toHex(bytes) });
          attached.receive(bytes);
        }),
      closed: () =>
        this.#gate.run(() => {
          if (!attached) return;
          rec.record({ kind: "close", conn });
          attached.closed();
        }),
    };
  }
}
