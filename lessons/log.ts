/**
 * What a lesson's checks read: the packets between the clients and the broker and the
 * world's other events (pins, console, WiFi, power), in the order they happened.
 */
import type { WorldEvent, WorldPacket } from "../devices/mod.ts";

export type { WorldEvent, WorldPacket };

export interface LessonLog {
  packets: WorldPacket[];
  events: WorldEvent[];
}

/** A sentence in both languages of the playground. */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface CheckResult {
  ok: boolean;
  /** When ok: what was seen. When not: what is still missing, said to the student. */
  message: Bilingual;
  /** The packet that proves it (or shows the problem): the UI's "show me" jumps there. */
  seq?: number;
  /** Or the board to look at (its LED, console or WiFi state) when no packet says it. */
  board?: string;
}

/** A typed check over the log: never a string run as code. */
export type Check = (log: LessonLog) => CheckResult;

/** A lesson's checks by id (the ids its steps list). */
export type CheckTable = Record<string, Check>;

/** An empty log that records a world's packets and events (see run.ts). */
export function emptyLog(): LessonLog {
  return { packets: [], events: [] };
}
