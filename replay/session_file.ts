/**
 * The session file: everything needed to run a recorded session again, exactly. JSON,
 * versioned (`format` + `version`), documented in replay/README.md.
 *
 * A session = the scenario as the world ran it (with any host rewrite such as --seats
 * applied), the seed, every input that came from outside the world in the order it was
 * applied, the wall-time readings the broker took for real sockets, and the packet log it
 * produced (for scrubbing, and as the proof a replay compares against).
 */
import type { Scenario, ScenarioEvent } from "../devices/mod.ts";
import { checkScenario } from "../devices/mod.ts";
import type { BrokerState, Transport } from "../broker/mod.ts";

export const SESSION_FORMAT = "mqtt-playground-session";
export const SESSION_VERSION = 1;

/**
 * Where an input sits in the world's history: after exactly `afterEvents` clock events
 * had fired (VirtualClock.firedTotal) and every board had settled, with the clock at
 * `atUs`. This pair, not the time alone, is the ordering rule (README: "Ordering").
 */
export interface InputPoint {
  atUs: number;
  afterEvents: number;
}

/** A teacher's (or the UI's) action on a board, as the HTTP API takes it. */
export type BoardInput =
  | { action: "power-on" | "power-off" | "hard-reset" | "soft-reset" | "interrupt" }
  | { action: "button"; pin: number; pressed: boolean }
  /** main.py replaced, then a soft reset (or power on), as after an upload + Ctrl-D. */
  | { action: "program"; source: string }
  /** A line typed at the >>> prompt. */
  | { action: "repl"; line: string }
  /** Every file of the board restored (persisted programs), before it boots. */
  | { action: "files"; files: Record<string, string> };

export type SessionInput =
  & InputPoint
  & (
    /** A real client (TCP or WebSocket) opened connection `conn`. */
    | {
      kind: "connect";
      conn: number;
      transport: Transport;
      remoteAddress: string;
      /** Whether the real link reported bufferedAmount (slow-consumer drops read it). */
      buffered: boolean;
    }
    /** Bytes connection `conn` sent, as one read. */
    | { kind: "data"; conn: number; hex: string }
    /** The real peer went away (or the socket closed after the broker closed it). */
    | { kind: "close"; conn: number }
    /** A wall-time timer of the broker fired (a real client's keep-alive or connect timeout). */
    | { kind: "wall-timer"; timer: number }
    | ({ kind: "board"; board: string } & BoardInput)
    /** A fault or scenario action applied by the host while the world ran. */
    | { kind: "fault"; event: ScenarioEvent }
    /** Saved retained messages and sessions put back into the broker (persist/). */
    | { kind: "broker-state"; state: BrokerState }
  );

/** One packet of the log, as the world reported it. */
export interface SessionPacket {
  seq: number;
  atUs: number;
  from: string;
  to: string;
  clientId?: string;
  hex: string;
}

export interface SessionFile {
  format: typeof SESSION_FORMAT;
  version: typeof SESSION_VERSION;
  /** Host wall time when the recording was taken (ISO 8601); informative only. */
  savedAt?: string;
  scenario: Scenario;
  seed: number;
  /** Where the recording stopped: replay runs to exactly here. */
  end: InputPoint;
  inputs: SessionInput[];
  /**
   * The broker's wall timebase, for real sockets: every `nowUs()` it read, in order
   * (replayed in the same order), and per connection the non-zero bufferedAmount readings
   * as [reading index, bytes].
   */
  wall: { readingsUs: number[]; buffered: Record<string, [number, number][]> };
  packets: SessionPacket[];
}

export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || /[^0-9a-f]/i.test(hex)) {
    throw new Error(`Cannot read hex '${hex.slice(0, 16)}...': odd length or not hex digits`);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const KINDS = new Set([
  "connect",
  "data",
  "close",
  "wall-timer",
  "board",
  "fault",
  "broker-state",
]);

/** Checks a session read from JSON (text or parsed); throws naming the first bad field. */
export function parseSession(value: unknown): SessionFile {
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch (e) {
      throw new Error(`Cannot load the session: it is not JSON (${(e as Error).message})`);
    }
  }
  const fail = (what: string): never => {
    throw new Error(`Cannot load the session: ${what}`);
  };
  if (typeof value !== "object" || value === null) fail("it must be a JSON object");
  const s = value as SessionFile;
  if (s.format !== SESSION_FORMAT) fail(`format must be '${SESSION_FORMAT}'`);
  if (s.version !== SESSION_VERSION) {
    fail(`version ${s.version} is not supported (this build reads ${SESSION_VERSION})`);
  }
  checkScenario(s.scenario, "the session's scenario");
  if (!Number.isSafeInteger(s.seed)) fail("seed must be a whole number");
  if (!isPoint(s.end)) fail("end must be {atUs, afterEvents}");
  if (!Array.isArray(s.inputs)) fail("inputs must be a list");
  let last: InputPoint = { atUs: 0, afterEvents: 0 };
  for (const [i, input] of s.inputs.entries()) {
    if (!isPoint(input)) fail(`inputs[${i}] needs whole atUs and afterEvents >= 0`);
    if (!KINDS.has(input.kind)) fail(`inputs[${i}].kind '${input.kind}' is unknown`);
    if (input.afterEvents < last.afterEvents || input.atUs < last.atUs) {
      fail(`inputs[${i}] comes before inputs[${i - 1}]: inputs must be in the order applied`);
    }
    last = input;
  }
  if (s.end.afterEvents < last.afterEvents || s.end.atUs < last.atUs) {
    fail("end comes before the last input");
  }
  if (!s.wall || !Array.isArray(s.wall.readingsUs) || typeof s.wall.buffered !== "object") {
    fail("wall must be {readingsUs: [], buffered: {}}");
  }
  if (!Array.isArray(s.packets)) fail("packets must be a list");
  return s;
}

function isPoint(p: unknown): p is InputPoint {
  const q = p as InputPoint;
  return typeof q === "object" && q !== null && Number.isSafeInteger(q.atUs) && q.atUs >= 0 &&
    Number.isSafeInteger(q.afterEvents) && q.afterEvents >= 0;
}
