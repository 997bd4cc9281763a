/**
 * The host's session: the current world (replaced when a scenario is loaded),
 * seen through one stable face so the pacer, the bridge and the MQTT listeners
 * never hold on to a world that is gone.
 */
import type { Broker, BrokerConfig, Timebase } from "../broker/mod.ts";
import { type BrokerGateway, type Scenario, World } from "../devices/mod.ts";
import { Replayer, type SessionFile } from "../replay/mod.ts";
import type { PacedTarget } from "./pacer.ts";
import type { WorldPrograms } from "./world_programs.ts";

export interface PlaygroundOptions {
  scenario: Scenario;
  seed?: number;
  /** Made afresh for each world (MicroPython runtimes are per world). */
  programs?: () => Promise<WorldPrograms>;
  /** Boards talk to a real broker through this instead of the embedded one. */
  gateway?: (world: World) => BrokerGateway;
  /** Wall time for real-socket clients' keep-alive (web/wall_timebase.ts). */
  wallTimebase?: Timebase;
  /** Rewrites each scenario's broker config (--seats adds users and ACLs). */
  brokerConfig?: (config: BrokerConfig) => BrokerConfig;
}

export type WorldListener = (world: World) => void;

export class Playground implements PacedTarget {
  #world!: World;
  #programs: WorldPrograms | undefined;
  #options: PlaygroundOptions;
  #listeners = new Set<WorldListener>();
  /** Set while a recorded session plays instead of a live world. */
  #replayer: Replayer | undefined;

  private constructor(options: PlaygroundOptions) {
    this.#options = options;
  }

  static async create(options: PlaygroundOptions): Promise<Playground> {
    const playground = new Playground(options);
    [playground.#world, playground.#programs] = await playground.#create(
      options.scenario,
      options.seed,
    );
    return playground;
  }

  get world(): World {
    return this.#world;
  }

  /** The current world's programs (MicroPython runtime), when the host has them. */
  get programs(): WorldPrograms | undefined {
    return this.#programs;
  }

  /** The embedded broker of the current world (undefined while a fault keeps it down). */
  get broker(): Broker | undefined {
    return this.#world.broker;
  }

  // What the pacer drives (PacedTarget): always the current world, in lock-step.

  get nowUs(): number {
    return this.#world.clock.nowUs;
  }

  nextEventAt(): number | undefined {
    return this.#replayer ? this.#replayer.nextEventAt() : this.#world.clock.nextEventAt();
  }

  advanceTo(targetUs: number): Promise<void> {
    return this.#replayer ? this.#replayer.advanceTo(targetUs) : this.#world.runUntil(targetUs);
  }

  runNext(): Promise<boolean> {
    return this.#replayer ? this.#replayer.runNext() : this.#world.step();
  }

  /** The recorded session playing now, if one is (the world then takes no live input). */
  get replaying(): Replayer | undefined {
    return this.#replayer;
  }

  /**
   * Plays a recorded session: its scenario and seed rebuilt, its inputs fed at their
   * exact points. Loading a scenario ends it.
   */
  async replay(file: SessionFile | string): Promise<Replayer> {
    const replayer = await Replayer.create(file, { programs: this.#options.programs });
    this.#swap(replayer.world, replayer.programs as WorldPrograms | undefined, replayer);
    return replayer;
  }

  /** Called with the new world each time one is loaded; returns unsubscribe. */
  onWorld(listener: WorldListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Replaces the world with a new run of `scenario`. The old world keeps running
   * until the new one is ready; a scenario that cannot be built leaves it in place.
   */
  async load(scenario: Scenario, seed?: number): Promise<World> {
    const [next, programs] = await this.#create(scenario, seed);
    this.#swap(next, programs, undefined);
    return next;
  }

  close(): void {
    this.#world.close();
    this.#programs?.close();
  }

  /**
   * Moves a replay to `targetUs`. Back in time means playing the session again from
   * its start (a replay is deterministic, so it passes through the same states).
   */
  async seek(targetUs: number): Promise<void> {
    const replayer = this.#replayer;
    if (!replayer) throw new Error("Seeking needs a recorded session: load one first");
    if (!Number.isSafeInteger(targetUs) || targetUs < 0) {
      throw new RangeError(`Cannot seek to ${targetUs} us: give a time in whole microseconds`);
    }
    if (targetUs < replayer.nowUs) await this.replay(replayer.file);
    await this.advanceTo(Math.min(targetUs, this.#replayer!.endUs));
  }

  #swap(next: World, programs: WorldPrograms | undefined, replayer: Replayer | undefined): void {
    const [old, oldPrograms] = [this.#world, this.#programs];
    this.#world = next;
    this.#programs = programs;
    this.#replayer = replayer;
    // Listeners move to the new world first, so nothing hears the old one close.
    for (const listener of this.#listeners) listener(next);
    old.close();
    oldPrograms?.close();
  }

  async #create(
    scenario: Scenario,
    seed: number | undefined,
  ): Promise<[World, WorldPrograms | undefined]> {
    const { brokerConfig, gateway, wallTimebase } = this.#options;
    if (brokerConfig) scenario = { ...scenario, broker: brokerConfig(scenario.broker ?? {}) };
    const programs = await this.#options.programs?.();
    try {
      const world = new World(scenario, {
        seed,
        programs: programs?.resolve,
        gateway,
        wallTimebase,
      });
      world.start();
      return [world, programs];
    } catch (err) {
      programs?.close();
      throw err;
    }
  }
}
