/**
 * The UI's state, outside components: signals fed by the `/events` socket.
 * Components read these signals, so only what changed re-renders. The packet
 * inspector's rows live in the packets model; boards, consoles and the broker here.
 */
import { batch, signal } from "@preact/signals";
import type {
  BoardView,
  BrokerEventView,
  BrokerView,
  ConsoleLine,
  PaceMode,
  ServerMessage,
  WorldView,
} from "../protocol.ts";
import { createPacketsModel } from "./packets_model.ts";

export type { PaceMode, ServerMessage };

/** Lines kept per board console, and broker events kept. */
const CONSOLE_LINES = 500;
const BROKER_EVENTS = 200;
/** Samples kept per $SYS metric for the sparklines. */
export const METRIC_SAMPLES = 60;

export function createWorldModel() {
  const nowUs = signal(0);
  const mode = signal<PaceMode>("paused");
  const speed = signal(1);
  const online = signal(false);
  const world = signal<WorldView | null>(null);
  const boards = signal<BoardView[]>([]);
  const consoles = signal<Record<string, ConsoleLine[]>>({});
  const broker = signal<BrokerView | null>(null);
  const brokerEvents = signal<BrokerEventView[]>([]);
  const metricHistory = signal<Record<string, number[]>>({});
  const packets = createPacketsModel();
  /** Counts `hello` and `world` messages, so a scenario load knows if it was told. */
  let worldEpoch = 0;
  // Host time of the last clock message, to move tokens smoothly between messages.
  let clockHostMs = 0;

  // Console lines come one message each; gather them and apply once a frame.
  let pendingLines: { board: string; line: ConsoleLine }[] = [];

  function setBoard(board: BoardView): void {
    const list = boards.value;
    const i = list.findIndex((b) => b.name === board.name);
    boards.value = i < 0 ? [...list, board] : list.map((b, k) => (k === i ? board : b));
  }

  function setBroker(view: BrokerView): void {
    broker.value = view;
    const history = { ...metricHistory.value };
    for (const [name, text] of Object.entries(view.metrics)) {
      const value = Number(text);
      if (!Number.isFinite(value)) continue;
      const samples = history[name] ? history[name].slice(-(METRIC_SAMPLES - 1)) : [];
      samples.push(value);
      history[name] = samples;
    }
    metricHistory.value = history;
  }

  function setWorld(next: WorldView): void {
    world.value = next;
    boards.value = next.boards;
    consoles.value = {};
    pendingLines = []; // lines of the old world still waiting for a frame
  }

  let linesScheduled = false;
  function flushLines(): void {
    linesScheduled = false;
    if (pendingLines.length === 0) return;
    const next = { ...consoles.value };
    for (const { board, line } of pendingLines) {
      const lines = (next[board] ?? []).concat(line);
      next[board] = lines.length > CONSOLE_LINES ? lines.slice(-CONSOLE_LINES) : lines;
    }
    pendingLines = [];
    consoles.value = next;
  }

  function apply(message: ServerMessage): void {
    switch (message.kind) {
      case "clock":
        clockHostMs = performance.now();
        batch(() => {
          nowUs.value = message.nowUs;
          mode.value = message.mode;
          speed.value = message.speed;
        });
        break;
      case "hello":
        worldEpoch++;
        batch(() => {
          setWorld(message.world);
          setBroker(message.broker);
          consoles.value = message.consoles ?? {};
        });
        packets.reset(message.packets);
        break;
      case "world":
        worldEpoch++;
        setWorld(message.world);
        packets.reset();
        break;
      case "packets":
        packets.enqueue(message.rows);
        break;
      case "board":
        setBoard(message.board);
        break;
      case "console":
        pendingLines.push({ board: message.board, line: message.line });
        if (!linesScheduled) {
          linesScheduled = true;
          requestAnimationFrame(flushLines);
          setTimeout(() => linesScheduled && flushLines(), 250);
        }
        break;
      case "pin": {
        const board = boards.value.find((b) => b.name === message.board);
        if (board) {
          setBoard({ ...board, pins: { ...board.pins, [message.pin]: message.value } });
        }
        break;
      }
      case "broker":
        setBroker(message.broker);
        break;
      case "broker-event": {
        const list = brokerEvents.value;
        brokerEvents.value = list.length >= BROKER_EVENTS
          ? [...list.slice(1 - BROKER_EVENTS), message.event]
          : [...list, message.event];
        break;
      }
    }
  }

  /**
   * The virtual time now, extrapolated from the last clock message by host time
   * (the server sends the clock ten times a second; tokens move every frame).
   */
  function estimateNowUs(): number {
    if (mode.value !== "playing") return nowUs.value;
    const sinceMs = Math.min(performance.now() - clockHostMs, 250);
    return nowUs.value + sinceMs * 1_000 * speed.value;
  }

  async function post(path: string, body: unknown): Promise<Response> {
    return await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body ?? {}),
    });
  }

  async function sendTime(body: Record<string, unknown>): Promise<void> {
    const response = await post("/api/time", body);
    if (response.ok) apply(await response.json());
  }

  /** Opens `/events` and reconnects after a drop (the server may restart in class). */
  function connect(): void {
    const url = new URL("/events", location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(url);
    socket.onopen = () => (online.value = true);
    socket.onmessage = (event) => apply(JSON.parse(event.data));
    socket.onclose = () => {
      online.value = false;
      setTimeout(connect, 1_000);
    };
  }

  return {
    nowUs,
    mode,
    speed,
    online,
    world,
    boards,
    consoles,
    broker,
    brokerEvents,
    metricHistory,
    packets,
    apply,
    connect,
    estimateNowUs,
    play: (s?: number) => sendTime({ action: "play", speed: s }),
    pause: () => sendTime({ action: "pause" }),
    /** N and the Step button: on to the next packet, as the inspector steps (ARCHITECTURE.md). */
    step: () => sendTime({ action: "step", to: "packet" }),
    max: () => sendTime({ action: "max" }),
    setSpeed: (s: number) => sendTime({ action: "speed", speed: s }),
    /** A replay moves to `atUs` (back in time too). */
    seek: (atUs: number) => sendTime({ action: "seek", atUs: Math.round(atUs) }),
    /** Board commands: power-on, power-off, hard-reset, soft-reset, interrupt, button, program. */
    boardAction: (name: string, action: string, body?: unknown) =>
      post(`/api/boards/${encodeURIComponent(name)}/${action}`, body),
    /**
     * Loads a scenario; resolves with the server's error text, or "" when loaded. The
     * new world normally arrives as a `world` message; if none came (a dropped message),
     * the answer's world is applied instead.
     */
    async loadScenario(id: string): Promise<string> {
      const before = worldEpoch;
      const response = await post("/api/scenario", { id });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) return body.error ?? `${response.status} ${response.statusText}`;
      if (worldEpoch === before && body.world) apply({ kind: "world", world: body.world });
      return "";
    },
  };
}

export type WorldModel = ReturnType<typeof createWorldModel>;
