/**
 * Runs a recorded session again: the world rebuilt from scenario + seed, each recorded
 * input applied at its exact point (after the same number of clock events, everything
 * settled, the clock at the same time), real clients as replay links attached to the
 * broker with the same transport and remote address. The packets that come out are
 * compared with the recorded log.
 *
 *     const replay = await Replayer.create(parseSession(text), { programs: worldPrograms });
 *     await replay.runToEnd();          // or advanceTo(us) from a pacer, to scrub
 *     replay.check();                   // throws at the first packet that differs
 */
import type { AttachedLink, Link } from "../broker/mod.ts";
import { type ProgramResolver, World, type WorldPacket } from "../devices/mod.ts";
import { applyBoardInput, applyFault, type HostPrograms } from "./apply_input.ts";
import {
  fromHex,
  type InputPoint,
  parseSession,
  type SessionFile,
  type SessionInput,
  type SessionPacket,
  toHex,
} from "./session_file.ts";
import { ReplayTimebase } from "./wall_time.ts";

/** The host's programs for a world (web/world_programs.ts's worldPrograms fits). */
export interface ReplayPrograms extends HostPrograms {
  resolve: ProgramResolver;
  close(): void;
}

export interface ReplayOptions {
  /** Made once for the replayed world; needed when the scenario runs MicroPython. */
  programs?: () => Promise<ReplayPrograms>;
}

/** The first packet where a replay and its recording part ways. */
export interface PacketMismatch {
  index: number;
  expected?: SessionPacket;
  actual?: SessionPacket;
}

export function packetOf(p: WorldPacket): SessionPacket {
  return {
    seq: p.seq,
    atUs: p.atUs,
    from: p.from,
    to: p.to,
    ...(p.clientId !== undefined && { clientId: p.clientId }),
    hex: toHex(p.bytes),
  };
}

export class Replayer {
  readonly file: SessionFile;
  readonly world: World;
  /** What the replayed world has sent so far. */
  readonly packets: SessionPacket[] = [];
  readonly #programs: ReplayPrograms | undefined;
  readonly #wall: ReplayTimebase;
  readonly #links = new Map<number, AttachedLink>();
  #next = 0;

  private constructor(file: SessionFile, programs: ReplayPrograms | undefined) {
    this.file = file;
    this.#programs = programs;
    this.#wall = new ReplayTimebase(file.wall.readingsUs);
    this.world = new World(file.scenario, {
      seed: file.seed,
      programs: programs?.resolve,
      wallTimebase: this.#wall,
    });
    this.world.addPacketListener((p) => this.packets.push(packetOf(p)));
    this.world.start();
  }

  static async create(
    file: SessionFile | string,
    options: ReplayOptions = {},
  ): Promise<Replayer> {
    const session = parseSession(file);
    const programs = await options.programs?.();
    try {
      return new Replayer(session, programs);
    } catch (e) {
      programs?.close();
      throw e;
    }
  }

  get nowUs(): number {
    return this.world.clock.nowUs;
  }

  /** The replayed world's programs (the host's MicroPython), when it has them. */
  get programs(): ReplayPrograms | undefined {
    return this.#programs;
  }

  /** Where the recording stopped. */
  get endUs(): number {
    return this.file.end.atUs;
  }

  get done(): boolean {
    return this.#next >= this.file.inputs.length && this.world.clock.firedTotal >=
        this.file.end.afterEvents &&
      this.nowUs >= this.endUs;
  }

  /** The next clock event or recorded input, whichever is first (for a pacer's step). */
  nextEventAt(): number | undefined {
    const input = this.file.inputs[this.#next]?.atUs;
    const event = this.world.clock.nextEventAt();
    if (input === undefined) return event;
    return event === undefined ? input : Math.min(input, event);
  }

  /** Runs the world to `targetUs`, applying every input whose point comes on the way. */
  async advanceTo(targetUs: number): Promise<void> {
    for (;;) {
      const input = this.file.inputs[this.#next];
      if (!input || input.atUs > targetUs) break;
      await this.#reach(input, `inputs[${this.#next}] (${input.kind})`);
      this.#apply(input);
      this.#next++;
      await this.world.settle();
    }
    if (targetUs > this.nowUs) await this.world.runUntil(targetUs);
  }

  /** Fires the next event or applies the next input. False when nothing is left. */
  async runNext(): Promise<boolean> {
    const input = this.file.inputs[this.#next];
    if (input && this.world.clock.firedTotal >= input.afterEvents) {
      await this.advanceTo(input.atUs);
      return true;
    }
    return await this.world.step();
  }

  /** Replays everything, to exactly where the recording ended. */
  async runToEnd(): Promise<void> {
    await this.advanceTo(this.endUs);
    await this.#reach(this.file.end, "the end of the recording");
  }

  /** The first packet that differs from the recording (so far), if any. */
  mismatch(): PacketMismatch | undefined {
    const want = this.file.packets;
    const got = this.packets;
    const n = Math.min(want.length, got.length);
    for (let i = 0; i < n; i++) {
      const a = want[i], b = got[i];
      if (a.atUs !== b.atUs || a.from !== b.from || a.to !== b.to || a.hex !== b.hex) {
        return { index: i, expected: a, actual: b };
      }
    }
    if (this.done && want.length !== got.length) {
      return { index: n, expected: want[n], actual: got[n] };
    }
    return undefined;
  }

  /** Throws describing the first packet that differs from the recording. */
  check(): void {
    const m = this.mismatch();
    if (!m) return;
    const show = (p?: SessionPacket) => p ? `${p.atUs} us ${p.from} -> ${p.to} ${p.hex}` : "none";
    throw new Error(
      `Replay differs from the recording at packet ${m.index}: recorded ${show(m.expected)}, ` +
        `replayed ${show(m.actual)}`,
    );
  }

  close(): void {
    this.world.close();
    this.#programs?.close();
  }

  /** Fires clock events one by one until the point is reached, then sets the clock. */
  async #reach(point: InputPoint, what: string): Promise<void> {
    const world = this.world;
    const clock = world.clock;
    while (clock.firedTotal < point.afterEvents) {
      if (world.activity.running > 0) await world.settle();
      const next = clock.nextEventAt();
      if (next === undefined || next > point.atUs) {
        throw new Error(
          `Replay diverged before ${what}: the recording had ${point.afterEvents} events by ` +
            `${point.atUs} us, the replay ${clock.firedTotal} (next at ${next ?? "never"} us)`,
        );
      }
      clock.runNext();
    }
    await world.settle();
    if (clock.nowUs > point.atUs) {
      throw new Error(
        `Replay diverged before ${what}: the clock is at ${clock.nowUs} us, past ${point.atUs} us`,
      );
    }
    if (clock.nowUs < point.atUs) {
      const next = clock.nextEventAt();
      if (next !== undefined && next <= point.atUs) {
        throw new Error(
          `Replay diverged before ${what}: an event at ${next} us is due before ${point.atUs} us ` +
            `that the recording did not have`,
        );
      }
      clock.advanceTo(point.atUs);
    }
  }

  #apply(input: SessionInput): void {
    const world = this.world;
    switch (input.kind) {
      case "connect": {
        const broker = world.broker;
        if (!broker) {
          throw new Error(`Replay: connection ${input.conn} came while the broker was down`);
        }
        const readings = new Map(this.file.wall.buffered[String(input.conn)] ?? []);
        let reads = 0;
        const link: Link = {
          transport: input.transport,
          remoteAddress: input.remoteAddress,
          send: () => {},
          close: () => {},
        };
        if (input.buffered) {
          // a getter, read at the same moments as the real link's was
          Object.defineProperty(link, "bufferedAmount", { get: () => readings.get(reads++) ?? 0 });
        }
        this.#links.set(input.conn, broker.attach(link));
        break;
      }
      case "data":
        this.#link(input.conn).receive(fromHex(input.hex));
        break;
      case "close":
        this.#link(input.conn).closed();
        break;
      case "wall-timer":
        this.#wall.fire(input.timer);
        break;
      case "board": {
        const { kind: _k, board, atUs: _a, afterEvents: _e, ...action } = input;
        applyBoardInput(world, this.#programs, board, action);
        break;
      }
      case "fault":
        applyFault(world, input.event);
        break;
      case "broker-state":
        world.broker?.importState(input.state);
        break;
    }
  }

  #link(conn: number): AttachedLink {
    const link = this.#links.get(conn);
    if (!link) throw new Error(`Replay: connection ${conn} sends before it connected`);
    return link;
  }
}

/** Headless: replays the whole session and returns the replayer (check() it). */
export async function replaySession(
  file: SessionFile | string,
  options: ReplayOptions = {},
): Promise<Replayer> {
  const replayer = await Replayer.create(file, options);
  try {
    await replayer.runToEnd();
  } catch (e) {
    replayer.close();
    throw e;
  }
  return replayer;
}
