/**
 * The host's session: the current world (replaced when a scenario is loaded),
 * seen through one stable face so the pacer, the bridge and the MQTT listeners
 * never hold on to a world that is gone.
 */
import type { Broker, BrokerConfig } from "../broker/mod.ts";
import type { Scenario } from "../devices/scenario.ts";
import { BUILTIN_SCENARIOS } from "../devices/scenarios.ts";
import { type BrokerGateway, type ProgramResolver, World } from "../devices/world.ts";
import type { PacedTarget } from "./pacer.ts";

export interface PlaygroundOptions {
  scenario: Scenario;
  seed?: number;
  programs?: ProgramResolver;
  /** Boards talk to a real broker through this instead of the embedded one. */
  gateway?: (world: World) => BrokerGateway;
  /** Rewrites each scenario's broker config (--seats adds users and ACLs). */
  brokerConfig?: (config: BrokerConfig) => BrokerConfig;
}

export type WorldListener = (world: World) => void;

export class Playground implements PacedTarget {
  #world: World;
  #programs: ProgramResolver | undefined;
  #gateway: PlaygroundOptions["gateway"];
  #brokerConfig: ((config: BrokerConfig) => BrokerConfig) | undefined;
  #listeners = new Set<WorldListener>();

  constructor(options: PlaygroundOptions) {
    this.#programs = options.programs;
    this.#gateway = options.gateway;
    this.#brokerConfig = options.brokerConfig;
    this.#world = this.#create(options.scenario, options.seed);
  }

  get world(): World {
    return this.#world;
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
    return this.#world.clock.nextEventAt();
  }

  advanceTo(targetUs: number): Promise<void> {
    return this.#world.runUntil(targetUs);
  }

  runNext(): Promise<boolean> {
    return this.#world.step();
  }

  /** Called with the new world each time one is loaded; returns unsubscribe. */
  onWorld(listener: WorldListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Replaces the world with a new run of `scenario` (a built-in name or a Scenario). */
  load(scenario: string | Scenario, seed?: number): World {
    const resolved = typeof scenario === "string" ? builtinScenario(scenario) : scenario;
    const next = this.#create(resolved, seed);
    this.#world.close();
    this.#world = next;
    for (const listener of this.#listeners) listener(next);
    return next;
  }

  close(): void {
    this.#world.close();
  }

  #create(scenario: Scenario, seed: number | undefined): World {
    const rewrite = this.#brokerConfig;
    if (rewrite) scenario = { ...scenario, broker: rewrite(scenario.broker ?? {}) };
    const world = new World(scenario, { seed, programs: this.#programs, gateway: this.#gateway });
    world.start();
    return world;
  }
}

export function builtinScenario(name: string): Scenario {
  const scenario = BUILTIN_SCENARIOS.get(name);
  if (!scenario) {
    throw new Error(
      `No scenario named '${name}'. Built-in scenarios: ${
        [...BUILTIN_SCENARIOS.keys()].join(", ")
      }`,
    );
  }
  return scenario;
}
