/**
 * Scenarios as data: the boards and their programs, the access points, the network, the
 * embedded broker's config and the events (faults, resets, buttons) at given times. Plain
 * JSON-friendly objects, so lessons, tests, `deno task sim` and the UI share them.
 */
import type { BrokerConfig } from "../broker/mod.ts";
import type { AccessPointConfig } from "../sim/mod.ts";
import type { ProgramParams } from "./programs/mod.ts";

export interface BoardSpec {
  /** Unique name: the board's label in logs and the UI, and its WiFi station id. */
  name: string;
  /** A built-in program name (see `BUILTIN_PROGRAMS`), or a `.py` file for MicroPython. */
  program: string;
  params?: ProgramParams;
  /** GPIO of the board's LED (default 15, as in the textbook). */
  ledPin?: number;
  /** When the board is switched on (default 0). */
  powerOnAtMs?: number;
  /** Latency added to this board's links, on top of the network's (a far-away board). */
  extraLatencyMs?: number;
}

/** Something that happens at `atMs`: a fault, a student's action, a button. */
export type ScenarioEvent =
  & { atMs: number }
  & (
    | { action: "wifi-drop"; board: string }
    | { action: "latency"; extraMs: number; board?: string }
    | { action: "partition"; boards?: string[] }
    | { action: "heal" }
    /** The broker process restarts: connections close, state is lost; down for downMs. */
    | { action: "broker-restart"; downMs?: number }
    | { action: "soft-reset" | "hard-reset" | "power-on" | "power-off"; board: string }
    | { action: "button-press" | "button-release"; board: string; pin?: number }
    | { action: "ap-off"; ssid: string }
    | { action: "ap-on"; ap: AccessPointConfig }
  );

export interface NetworkSpec {
  /** One-way latency board <-> broker (default 5 ms). */
  latencyMs?: number;
  /** WiFi association + DHCP (default 2500 ms) plus seeded jitter below joinJitterMs (500). */
  joinDelayMs?: number;
  joinJitterMs?: number;
  /** How long a failing join takes to report (default 3000 ms). */
  joinFailMs?: number;
  /** Name -> IPv4; every other name resolves to the broker. */
  hosts?: Record<string, string>;
}

export interface Scenario {
  name: string;
  description?: string;
  /** Default seed when the runner gives none. */
  seed?: number;
  /** How long a headless run lasts by default. */
  untilMs?: number;
  /** Default: the textbook's access point, SSID "ssid", password "12345678". */
  accessPoints?: AccessPointConfig[];
  network?: NetworkSpec;
  broker?: BrokerConfig;
  boards: BoardSpec[];
  events?: ScenarioEvent[];
}

/** The textbook's router: `ssid="ssid"`, `password="12345678"`. */
export const TEXTBOOK_ACCESS_POINT: AccessPointConfig = { ssid: "ssid", password: "12345678" };

const ACTIONS = new Set([
  "wifi-drop",
  "latency",
  "partition",
  "heal",
  "broker-restart",
  "soft-reset",
  "hard-reset",
  "power-on",
  "power-off",
  "button-press",
  "button-release",
  "ap-off",
  "ap-on",
]);

/** Checks a scenario read from JSON; throws naming the first bad field. */
export function checkScenario(value: unknown, source = "scenario"): Scenario {
  const fail = (what: string): never => {
    throw new Error(`Cannot load ${source}: ${what}`);
  };
  if (typeof value !== "object" || value === null) fail("it must be an object");
  const s = value as Scenario;
  if (typeof s.name !== "string" || s.name === "") fail("name must be a non-empty string");
  if (!Array.isArray(s.boards)) fail("boards must be a list");
  const names = new Set<string>();
  for (const [i, b] of s.boards.entries()) {
    if (typeof b?.name !== "string" || b.name === "") fail(`boards[${i}].name must be a string`);
    if (names.has(b.name)) fail(`two boards are named '${b.name}'`);
    names.add(b.name);
    if (typeof b.program !== "string") fail(`boards[${i}].program must be a string`);
  }
  for (const [i, e] of (s.events ?? []).entries()) {
    if (typeof e?.atMs !== "number" || e.atMs < 0) fail(`events[${i}].atMs must be >= 0`);
    if (!ACTIONS.has(e.action)) fail(`events[${i}].action '${e.action}' is unknown`);
    const board = (e as { board?: string }).board;
    if (board !== undefined && !names.has(board)) {
      fail(`events[${i}] names board '${board}', which the scenario lacks`);
    }
  }
  return s;
}
