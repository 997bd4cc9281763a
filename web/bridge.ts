/**
 * The bridge from the running world to every open UI: packet rows and world
 * events in batches ten times a second, broker snapshots once a second, broker
 * events as they happen. It follows the playground across scenario loads and
 * broker restarts, and numbers packets itself so the UI's list never repeats a seq.
 */
import type { Broker } from "../broker/mod.ts";
import {
  jsonRecord,
  packetRecord,
  type World,
  type WorldEvent,
  type WorldPacket,
} from "../devices/mod.ts";
import { type CaptureRecord, WorldRecordMapper } from "../capture/mod.ts";
import { type Endpoints, toBrokerEventView, toBrokerView } from "./broker_view.ts";
import type { EventHub } from "./events.ts";
import { SeqRing } from "./packet_ring.ts";
import { toPacketDetail, toPacketRow } from "./packet_view.ts";
import type { Playground } from "./playground.ts";
import {
  boardNode,
  type BrokerView,
  clientNode,
  type ConsoleLine,
  type PacketDetail,
  type PacketRow,
  type ServerMessage,
  type WorldView,
} from "./protocol.ts";
import { boardView, worldView } from "./world_view.ts";

export const PACKET_BATCH_MS = 100;
export const BROKER_SNAPSHOT_MS = 1_000;
/** Rows a browser gets on connect; older ones come from GET /api/packets. */
export const HELLO_ROWS = 2_000;
export const DEFAULT_LOG_CAPACITY = 100_000;
/** Console lines per board per batch; a program printing in a tight loop is cut here. */
const CONSOLE_LINES_PER_BATCH = 200;
/** Console lines per board a page opened late gets in `hello`. */
const CONSOLE_HISTORY_LINES = 200;

/** A world packet renumbered by the bridge, with its topology node resolved once. */
interface LoggedPacket {
  seq: number;
  packet: WorldPacket;
  peer: string;
}

export interface BridgeOptions {
  hub: EventHub;
  playground: Playground;
  endpoints: Endpoints;
  /** `--seats`: the seats' user names, passed on in every broker view. */
  seats?: string[];
  logCapacity?: number;
  /** Told when the world's broker is replaced (scenario load, broker restart fault). */
  onBroker?: (broker: Broker | undefined) => void;
}

export class EventBridge {
  #options: BridgeOptions;
  #log: SeqRing<LoggedPacket>;
  #pendingPackets: LoggedPacket[] = [];
  #pendingPins = new Map<string, ServerMessage>();
  #pendingBoards = new Set<string>();
  #pendingConsole = new Map<string, ServerMessage[]>();
  #skippedConsole = new Map<string, number>();
  #consoleHistory = new Map<string, ConsoleLine[]>();
  #offWorld: (() => void)[] = [];
  #offTap: (() => void)[] = [];
  #offTimers: (() => void)[] = [];
  #offPlayground: () => void;

  constructor(options: BridgeOptions) {
    this.#options = options;
    this.#log = new SeqRing(options.logCapacity ?? DEFAULT_LOG_CAPACITY);
    this.#follow(options.playground.world);
    this.#offPlayground = options.playground.onWorld((world) => {
      this.flush();
      // A new world starts a new log: a page opened now sees none of the old one's packets.
      this.#log.clear();
      this.#consoleHistory.clear();
      this.#follow(world);
      options.hub.broadcast({ kind: "world", world: this.worldView() });
      options.hub.broadcast({ kind: "broker", broker: this.brokerView() });
    });
  }

  get #world(): World {
    return this.#options.playground.world;
  }

  /** The first message a new browser gets: everything it needs to draw. */
  hello(): ServerMessage {
    this.flush();
    return {
      kind: "hello",
      world: this.worldView(),
      broker: this.brokerView(),
      packets: this.recentRows(HELLO_ROWS),
      consoles: Object.fromEntries(
        [...this.#consoleHistory].map((
          [board, lines],
        ) => [board, lines.slice(-CONSOLE_HISTORY_LINES)]),
      ),
    };
  }

  worldView(): WorldView {
    const { programs, replaying } = this.#options.playground;
    const view = worldView(this.#world, (board) => programs?.python(board));
    return replaying ? { ...view, replay: { endUs: replaying.endUs } } : view;
  }

  brokerView(): BrokerView {
    const broker = this.#world.broker;
    const endpoints = this.#options.endpoints;
    if (!broker) {
      return {
        atUs: this.#world.clock.nowUs,
        clients: [],
        retained: [],
        wills: [],
        metrics: {},
        endpoints,
        ...(this.#options.seats?.length ? { seats: this.#options.seats } : {}),
      };
    }
    return toBrokerView(broker.snapshot(), endpoints, (clientId, remoteAddress) => {
      const board = remoteAddress ? this.#world.boardAt(remoteAddress) : undefined;
      return board ? boardNode(board) : clientNode(clientId);
    }, this.#options.seats);
  }

  recentRows(limit: number): PacketRow[] {
    return this.#log.latest(limit).map((p) => this.#row(p));
  }

  /** The latest `limit` packets as the packet lines of `deno task sim --format jsonl`. */
  jsonl(limit: number): string {
    let out = "";
    for (const p of this.#log.latest(limit)) out += jsonRecord(packetRecord(p.packet)) + "\n";
    return out;
  }

  /** The latest `limit` packets as capture records, for GET /api/capture.pcapng. */
  captureRecords(limit: number): CaptureRecord[] {
    const mapper = new WorldRecordMapper();
    return this.#log.latest(limit).map((p) => mapper.map(p.packet));
  }

  detail(seq: number): PacketDetail | undefined {
    const p = this.#log.get(seq);
    return p && toPacketDetail(p.packet, p.seq, p.peer);
  }

  /** The seq the next packet will get: "step to the next packet" waits for it to change. */
  get nextSeq(): number {
    return this.#log.size === 0 ? 1 : this.#log.latest(1)[0].seq + 1;
  }

  /** Sends what happened since the last flush: packets, then pins, boards, console lines. */
  flush(): void {
    const hub = this.#options.hub;
    const packets = this.#pendingPackets;
    this.#pendingPackets = [];
    const pins = [...this.#pendingPins.values()];
    this.#pendingPins.clear();
    const boards = [...this.#pendingBoards];
    this.#pendingBoards.clear();
    const consoles = [...this.#pendingConsole.values()].flat();
    this.#pendingConsole.clear();
    this.#skippedConsole.clear();
    if (hub.size === 0) return;
    if (packets.length > 0) {
      hub.broadcast({
        kind: "packets",
        rows: packets.map((p) => this.#row(p)),
      });
    }
    for (const message of pins) hub.broadcast(message);
    for (const name of boards) {
      const board = this.#world.boards.get(name);
      const spec = this.#world.scenario.boards.find((b) => b.name === name);
      if (board && spec) {
        const python = this.#options.playground.programs?.python(board);
        hub.broadcast({ kind: "board", board: boardView(board, spec.program, python) });
      }
    }
    for (const message of consoles) hub.broadcast(message);
  }

  /** Drives the batches on host timers (injected: setInterval in the host). */
  start(every: (periodMs: number, callback: () => void) => () => void): void {
    this.#offTimers.push(every(PACKET_BATCH_MS, () => this.flush()));
    this.#offTimers.push(every(BROKER_SNAPSHOT_MS, () => {
      if (this.#options.hub.size > 0) {
        this.#options.hub.broadcast({ kind: "broker", broker: this.brokerView() });
      }
    }));
  }

  stop(): void {
    for (const off of [...this.#offTimers, ...this.#offWorld, ...this.#offTap]) off();
    this.#offTimers = [];
    this.#offWorld = [];
    this.#offTap = [];
    this.#offPlayground();
  }

  #follow(world: World): void {
    for (const off of this.#offWorld.splice(0)) off();
    this.#offWorld.push(world.addListener((event) => this.#onWorldEvent(event)));
    this.#offWorld.push(world.addPacketListener((packet) => {
      const logged: LoggedPacket = { seq: 0, packet, peer: this.#peerOf(world, packet) };
      logged.seq = this.#log.push(logged);
      this.#pendingPackets.push(logged);
    }));
    this.#followBroker(world.broker);
  }

  /** Broker events come from the embedded broker (none with an external one). */
  #followBroker(broker: Broker | undefined): void {
    for (const off of this.#offTap.splice(0)) off();
    this.#options.onBroker?.(broker);
    if (!broker) return;
    this.#offTap.push(broker.onEvent((event) => {
      this.#options.hub.broadcast({ kind: "broker-event", event: toBrokerEventView(event) });
    }));
  }

  #onWorldEvent(event: WorldEvent): void {
    switch (event.kind) {
      case "pin":
        this.#pendingPins.set(`${event.board}:${event.pin}`, {
          kind: "pin",
          board: event.board,
          pin: event.pin,
          value: event.level,
          atUs: event.atUs,
        });
        break;
      case "console": {
        // A MicroPython board's state (running, at the prompt, stopped) changes with its output.
        this.#pendingBoards.add(event.board);
        const history = this.#consoleHistory.get(event.board) ?? [];
        history.push({ atUs: event.atUs, text: event.text });
        if (history.length > CONSOLE_HISTORY_LINES * 2) history.splice(0, CONSOLE_HISTORY_LINES);
        this.#consoleHistory.set(event.board, history);
        const lines = this.#pendingConsole.get(event.board) ?? [];
        if (lines.length < CONSOLE_LINES_PER_BATCH) {
          lines.push({
            kind: "console",
            board: event.board,
            line: { atUs: event.atUs, text: event.text },
          });
          this.#pendingConsole.set(event.board, lines);
        } else {
          const skipped = (this.#skippedConsole.get(event.board) ?? 0) + 1;
          this.#skippedConsole.set(event.board, skipped);
          lines[CONSOLE_LINES_PER_BATCH - 1] = {
            kind: "console",
            board: event.board,
            line: { atUs: event.atUs, text: `… ${skipped + 1} more lines …` },
          };
        }
        break;
      }
      case "wifi":
      case "power":
        this.#pendingBoards.add(event.board);
        break;
      case "broker":
        this.#followBroker(this.#world.broker);
        break;
      case "scenario":
        break;
    }
  }

  /** The topology node at the far end from the broker: a board, or a client by id or address. */
  #peerOf(world: World, p: WorldPacket): string {
    const far = p.direction === "in" ? p.from : p.to;
    if (world.boards.has(far)) return boardNode(far);
    const connectId = p.packet.type === "CONNECT" ? p.packet.clientId : "";
    return clientNode(p.clientId ?? (connectId || p.remoteAddress));
  }

  #row(p: LoggedPacket): PacketRow {
    return toPacketRow(p.packet, p.seq, p.peer);
  }
}
