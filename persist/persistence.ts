/**
 * What survives a restart of the host: students' programs, lesson progress, and the
 * broker's retained messages and persistent sessions, in the data folder. Restored into
 * each new world before it runs; saved on change (debounced) and on shutdown.
 *
 *     const persistence = await Persistence.open(".data");
 *     playground.onWorld((world) => persistence.follow(world, playground.programs, recorder));
 *     persistence.programChanged("publisher");  // after POST /api/boards/publisher/program
 *     await persistence.close();                 // on shutdown: the last save
 */
import type { BrokerState } from "../broker/mod.ts";
import type { Board, World } from "../devices/mod.ts";
import type { BoardInput } from "../replay/mod.ts";
import { DataDir } from "./data_dir.ts";
import { Debouncer, HOST_TIMERS, type HostTimers } from "./debounce.ts";
import { type BoardFileMap, ProgramStore } from "./program_store.ts";
import { ProgressStore } from "./progress_store.ts";

/** Where restored state goes: the SessionRecorder (so a recording includes it) or the world. */
export interface RestoreSink {
  /** `{ action: "files", files }` makes the board run MicroPython with exactly those files. */
  board(name: string, input: BoardInput): unknown;
  importBrokerState(state: BrokerState): unknown;
}

/** The host's MicroPython (web/world_programs.ts's WorldPrograms). */
export interface PersistedPrograms {
  python(board: Board): { files: { snapshot(): BoardFileMap } } | undefined;
  restoreFiles?(board: Board, files: BoardFileMap): unknown;
}

export interface PersistenceOptions {
  /** Quiet time after the last change before a save (default 1 s). */
  debounceMs?: number;
  /** A busy world is still saved this often (default 10 s). */
  maxDelayMs?: number;
  timers?: HostTimers;
}

/** Packets that cannot change what is kept (a keep-alive). */
const IDLE_PACKETS = new Set(["PINGREQ", "PINGRESP"]);

export class Persistence {
  readonly dir: DataDir;
  readonly programs: ProgramStore;
  readonly progress: ProgressStore;
  readonly #debouncer: Debouncer;
  /** Loaded at open, so a new world is restored at once, before the pacer runs it. */
  readonly #savedPrograms = new Map<string, BoardFileMap>();
  readonly #savedBroker = new Map<string, BrokerState>();
  /** What was last written, per document, so unchanged state is not written again. */
  readonly #written = new Map<string, string>();
  #world: World | undefined;
  #hostPrograms: PersistedPrograms | undefined;
  #edited = new Set<string>();
  #unlisten: (() => void) | undefined;

  private constructor(dir: DataDir, options: PersistenceOptions) {
    this.dir = dir;
    this.programs = new ProgramStore(dir);
    this.progress = new ProgressStore(dir);
    this.#debouncer = new Debouncer(
      () => this.#save(),
      options.debounceMs ?? 1_000,
      options.maxDelayMs ?? 10_000,
      options.timers ?? HOST_TIMERS,
    );
  }

  static async open(root?: string, options: PersistenceOptions = {}): Promise<Persistence> {
    const p = new Persistence(await DataDir.open(root), options);
    await p.#load();
    return p;
  }

  /**
   * Saves the previous world, then restores this world's saved programs and broker state
   * (through `sink`, e.g. the SessionRecorder) and saves on its changes. Call it before
   * the world runs (Playground.onWorld).
   */
  follow(world: World, programs?: PersistedPrograms, sink?: RestoreSink): void {
    if (this.#world) {
      this.#stage(); // the old world's last state, written with the next save
      this.#unlisten?.();
    }
    this.#world = world;
    this.#hostPrograms = programs;
    this.#edited = new Set();
    const into = sink ?? directSink(world, programs);
    const scenario = world.scenario.name;
    for (const name of world.boards.keys()) {
      const files = this.#savedPrograms.get(programKey(scenario, name));
      if (!files || !programs?.restoreFiles) continue;
      into.board(name, { action: "files", files });
      this.#edited.add(name);
    }
    const state = this.#savedBroker.get(scenario);
    if (state && world.broker) into.importBrokerState(state);
    this.#unlisten = world.addPacketListener((p) => {
      if (!IDLE_PACKETS.has(p.packet.type)) this.#debouncer.poke();
    });
    if (this.#pending.size > 0) this.#debouncer.poke();
  }

  /** A student changed a board's program (the program API): keep its files from now on. */
  programChanged(board: string): void {
    this.#edited.add(board);
    this.#debouncer.poke();
  }

  /** Something worth keeping changed. */
  changed(): void {
    this.#debouncer.poke();
  }

  /** Saves now. */
  flush(): Promise<void> {
    return this.#debouncer.flush();
  }

  /** The last save (shutdown). */
  async close(): Promise<void> {
    await this.flush();
    this.#unlisten?.();
    this.#debouncer.cancel();
  }

  /** Documents staged to be written: path key -> [value, parts]. */
  #pending = new Map<string, { value: unknown; parts: string[] }>();

  /** Takes what the current world has now (synchronous: the world does not move meanwhile). */
  #stage(): void {
    const world = this.#world;
    if (!world) return;
    const scenario = world.scenario.name;
    const state = world.broker?.exportState();
    if (state) {
      this.#savedBroker.set(scenario, state);
      this.#pending.set(`broker/${scenario}`, {
        value: { scenario, state } satisfies StoredBroker,
        parts: ["broker", `${scenario}.json`],
      });
    }
    for (const name of this.#edited) {
      const board = world.boards.get(name);
      const files = board && this.#hostPrograms?.python(board)?.files.snapshot();
      if (!files) continue;
      this.#savedPrograms.set(programKey(scenario, name), files);
      this.#pending.set(`programs/${programKey(scenario, name)}`, {
        value: { scenario, board: name, files },
        parts: ["programs", scenario, `${name}.json`],
      });
    }
  }

  async #save(): Promise<void> {
    this.#stage();
    const pending = [...this.#pending];
    this.#pending.clear();
    for (const [key, { value, parts }] of pending) {
      const text = JSON.stringify(value);
      if (this.#written.get(key) === text) continue;
      await this.dir.writeJson(value, ...parts);
      this.#written.set(key, text);
    }
  }

  async #load(): Promise<void> {
    const programsDir = this.dir.path("programs");
    for (const scenario of await names(programsDir, true)) {
      for (const file of await names(`${programsDir}/${scenario}`, false)) {
        const doc = await this.dir.readJsonFile<
          { scenario: string; board: string; files: BoardFileMap }
        >(`${programsDir}/${scenario}/${file}`);
        if (doc?.files && typeof doc.board === "string" && typeof doc.scenario === "string") {
          this.#savedPrograms.set(programKey(doc.scenario, doc.board), doc.files);
          this.#written.set(`programs/${programKey(doc.scenario, doc.board)}`, JSON.stringify(doc));
        }
      }
    }
    const brokerDir = this.dir.path("broker");
    for (const file of await names(brokerDir, false)) {
      const doc = await this.dir.readJsonFile<StoredBroker>(`${brokerDir}/${file}`);
      if (doc?.state && typeof doc.scenario === "string") {
        this.#savedBroker.set(doc.scenario, doc.state);
        this.#written.set(`broker/${doc.scenario}`, JSON.stringify(doc));
      }
    }
  }
}

/** The broker file names its scenario (file names are escaped, so not read back from them). */
interface StoredBroker {
  scenario: string;
  state: BrokerState;
}

/** Restores straight into the world (no recorder). */
export function directSink(world: World, programs?: PersistedPrograms): RestoreSink {
  return {
    board(name, input) {
      const board = world.boards.get(name);
      if (board && input.action === "files") programs?.restoreFiles?.(board, input.files);
    },
    importBrokerState: (state) => world.broker?.importState(state),
  };
}

function programKey(scenario: string, board: string): string {
  return `${scenario}/${board}`;
}

/** Entry names in a folder (files or folders); none when it does not exist. */
async function names(path: string, folders: boolean): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const e of Deno.readDir(path)) {
      if (e.isDirectory === folders && !e.name.startsWith(".")) out.push(e.name);
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return out.sort();
}
