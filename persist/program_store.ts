/**
 * Students' programs: each board's MicroPython files (main.py, boot.py, lib/...) by
 * scenario name and board name, saved once a student changed them.
 */
import type { DataDir } from "./data_dir.ts";

export type BoardFileMap = Record<string, string>;

interface StoredProgram {
  scenario: string;
  board: string;
  files: BoardFileMap;
}

export class ProgramStore {
  constructor(readonly dir: DataDir) {}

  async get(scenario: string, board: string): Promise<BoardFileMap | undefined> {
    const stored = await this.dir.readJson<StoredProgram>("programs", scenario, `${board}.json`);
    return stored && typeof stored.files === "object" ? stored.files : undefined;
  }

  put(scenario: string, board: string, files: BoardFileMap): Promise<void> {
    const doc: StoredProgram = { scenario, board, files };
    return this.dir.writeJson(doc, "programs", scenario, `${board}.json`);
  }

  putSync(scenario: string, board: string, files: BoardFileMap): void {
    this.dir.writeJsonSync({ scenario, board, files }, "programs", scenario, `${board}.json`);
  }

  /** Back to the lesson's own program at the next load. */
  forget(scenario: string, board: string): Promise<boolean> {
    return this.dir.remove("programs", scenario, `${board}.json`);
  }
}
