/**
 * Lesson progress, one small JSON document per lesson id, for GET/PUT
 * /api/progress/:lessonId (the UI keeps it in localStorage today and can move here).
 */
import type { DataDir } from "./data_dir.ts";

/** Progress is a few flags and answers; anything bigger is a mistake. */
export const MAX_PROGRESS_BYTES = 16 * 1024;
const LESSON_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export class ProgressStore {
  constructor(readonly dir: DataDir) {}

  /** Why `id` cannot name a lesson, or undefined when it can. */
  static badId(id: string): string | undefined {
    return LESSON_ID.test(id)
      ? undefined
      : `Lesson id '${id}' must be 1-64 letters, digits, '-' or '_' (e.g. 03-publisher)`;
  }

  get(lessonId: string): Promise<unknown | undefined> {
    this.#check(lessonId);
    return this.dir.readJson("progress", `${lessonId}.json`);
  }

  async put(lessonId: string, progress: unknown): Promise<void> {
    this.#check(lessonId);
    const text = JSON.stringify(progress);
    if (text === undefined) throw new Error("Progress must be JSON");
    if (text.length > MAX_PROGRESS_BYTES) {
      throw new Error(
        `Progress of lesson '${lessonId}' is ${text.length} bytes; at most ${MAX_PROGRESS_BYTES}`,
      );
    }
    await this.dir.writeJson(progress, "progress", `${lessonId}.json`);
  }

  #check(id: string): void {
    const bad = ProgressStore.badId(id);
    if (bad) throw new Error(bad);
  }
}
