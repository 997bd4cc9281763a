/**
 * A board's file system as the student sees it (Thonny's "MicroPython device" pane):
 * boot.py, main.py and library files such as lib/umqtt/simple.py. Edits take effect at
 * the next boot (a reset), as on the board, where files are read when the program starts.
 */
import { defaultBoardFiles } from "./py_sources.ts";

export class BoardFiles {
  #files = new Map<string, string>();

  /** The default files (boot.py, umqtt), then `files` over them. */
  constructor(files: Record<string, string> = {}, withDefaults = true) {
    if (withDefaults) {
      for (const [p, t] of Object.entries(defaultBoardFiles())) {
        this.write(p, t);
      }
    }
    for (const [p, t] of Object.entries(files)) this.write(p, t);
  }

  /** A board whose main.py is `program`. */
  static withMain(program: string): BoardFiles {
    return new BoardFiles({ "main.py": program });
  }

  list(): string[] {
    return [...this.#files.keys()].sort();
  }

  read(path: string): string | undefined {
    return this.#files.get(normalize(path));
  }

  write(path: string, text: string): void {
    this.#files.set(normalize(path), text);
  }

  remove(path: string): boolean {
    return this.#files.delete(normalize(path));
  }

  /** Path -> text, for a worker. */
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.#files);
  }
}

function normalize(path: string): string {
  const parts = path.split("/").filter((p) => p && p !== ".");
  if (parts.length === 0 || parts.some((p) => p === "..")) {
    throw new Error(`Cannot use '${path}' as a board file path: give e.g. main.py or lib/x.py`);
  }
  if (parts[0] === "_sim") {
    throw new Error(`Cannot use '${path}': /_sim holds the board's built-in modules`);
  }
  return parts.join("/");
}
