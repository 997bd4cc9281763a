/**
 * The stepper's state: the lesson list, the open lesson, its check results (polled from
 * POST /api/lessons/:id/check while a lesson is open) and the progress kept in the
 * browser's localStorage. A check that passed once stays ticked.
 */
import { computed, signal } from "@preact/signals";
import type { LessonView } from "../../lessons_api.ts";

export interface LessonSummary {
  id: string;
  title: { zh: string; en: string };
  steps: number;
}

export interface CheckState {
  id: string;
  ok: boolean;
  message: { zh: string; en: string };
  seq?: number;
  board?: string;
}

/** The detail of the `playground:show` event. */
export type ShowTarget = { seq: number } | { board: string };

interface Progress {
  step: number;
  passed: string[];
}

const STORAGE_KEY = "mqtt-playground.lessons";
const POLL_MS = 1000;

function readProgress(): Record<string, Progress> {
  try {
    return JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? "{}");
  } catch {
    return {};
  }
}

export function createLessonsModel(fetcher: typeof fetch = fetch) {
  const list = signal<LessonSummary[]>([]);
  const lesson = signal<LessonView | undefined>(undefined);
  const results = signal<Record<string, CheckState>>({});
  const progress = signal<Record<string, Progress>>(readProgress());
  const error = signal<string | undefined>(undefined);
  let timer: ReturnType<typeof setInterval> | undefined;

  const save = (next: Record<string, Progress>) => {
    progress.value = next;
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(next));
  };
  const mine = (id: string): Progress => progress.value[id] ?? { step: 0, passed: [] };

  const stepIndex = computed(() => (lesson.value ? mine(lesson.value.id).step : 0));
  const passed = computed(() => new Set(lesson.value ? mine(lesson.value.id).passed : []));
  /** A step is done when every check it lists has passed (a reading step once visited). */
  const stepDone = (i: number): boolean => {
    const l = lesson.value;
    if (!l) return false;
    const step = l.steps[i];
    return step.checks.length === 0
      ? i < stepIndex.value
      : step.checks.every((c) => passed.value.has(c));
  };

  async function loadList(): Promise<void> {
    const res = await fetcher("/api/lessons");
    list.value = res.ok ? await res.json() : [];
  }

  async function check(): Promise<void> {
    const l = lesson.value;
    if (!l) return;
    const res = await fetcher(`/api/lessons/${l.id}/check`, { method: "POST" });
    if (!res.ok) return;
    const body: { results: CheckState[] } = await res.json();
    results.value = Object.fromEntries(body.results.map((r) => [r.id, r]));
    const p = mine(l.id);
    const newly = body.results.filter((r) => r.ok && !p.passed.includes(r.id)).map((r) => r.id);
    if (newly.length > 0) {
      save({ ...progress.value, [l.id]: { ...p, passed: [...p.passed, ...newly] } });
    }
  }

  async function open(id: string): Promise<void> {
    close();
    error.value = undefined;
    const res = await fetcher(`/api/lessons/${id}`);
    if (!res.ok) {
      error.value = (await res.json().catch(() => ({}))).error ?? res.statusText;
      return;
    }
    lesson.value = await res.json();
    results.value = {};
    await check();
    timer = setInterval(() => void check().catch(() => {}), POLL_MS);
  }

  /** Stops polling the checks (the lesson stays open). */
  function stop(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  }

  function close(): void {
    stop();
    lesson.value = undefined;
  }

  function goTo(step: number): void {
    const l = lesson.value;
    if (!l) return;
    const clamped = Math.max(0, Math.min(l.steps.length - 1, step));
    save({ ...progress.value, [l.id]: { ...mine(l.id), step: clamped } });
  }

  /** Loads the lesson's world (its start variant unless told) into the playground. */
  async function start(variant?: "reference" | "broken"): Promise<void> {
    const l = lesson.value;
    if (!l) return;
    const res = await fetcher(`/api/lessons/${l.id}/start`, {
      method: "POST",
      body: JSON.stringify(variant ? { variant } : {}),
    });
    error.value = res.ok ? undefined : (await res.json().catch(() => ({}))).error ?? res.statusText;
  }

  function resetProgress(): void {
    const l = lesson.value;
    if (!l) return;
    const next = { ...progress.value };
    delete next[l.id];
    save(next);
  }

  /**
   * "Show me": asks the views to highlight a packet (`detail.seq`) or, for a check about a
   * LED, a console or WiFi, a board (`detail.board`).
   */
  function show(target: ShowTarget): void {
    globalThis.dispatchEvent(new CustomEvent("playground:show", { detail: target }));
  }

  return {
    list,
    lesson,
    results,
    progress,
    error,
    stepIndex,
    passed,
    stepDone,
    loadList,
    open,
    stop,
    close,
    check,
    goTo,
    start,
    resetProgress,
    show,
  };
}

export type LessonsModel = ReturnType<typeof createLessonsModel>;
