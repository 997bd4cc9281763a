/**
 * The serial console (UART0 at 115200 baud on the board): what `print()` writes, split
 * into lines that carry the virtual time at which they ended.
 */

export interface ConsoleLine {
  atUs: number;
  text: string;
}

/** Lines kept for late readers (the UI opening a board); older ones are dropped. */
const HISTORY_LINES = 500;

export class SerialConsole {
  #partial = "";
  #history: ConsoleLine[] = [];
  #listeners = new Set<(line: ConsoleLine) => void>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Writes text; every "\n" completes a line. */
  write(text: string): void {
    const parts = (this.#partial + text).split("\n");
    this.#partial = parts.pop()!;
    for (const part of parts) this.#emit(part.replace(/\r$/, ""));
  }

  /** `print(...)`: the text and a newline. */
  println(text: string): void {
    this.write(text + "\n");
  }

  /** The last lines, oldest first. */
  get history(): readonly ConsoleLine[] {
    return this.#history;
  }

  addListener(cb: (line: ConsoleLine) => void): () => void {
    this.#listeners.add(cb);
    return () => this.#listeners.delete(cb);
  }

  #emit(text: string): void {
    const line = { atUs: this.#now(), text };
    this.#history.push(line);
    if (this.#history.length > HISTORY_LINES) this.#history.shift();
    for (const cb of [...this.#listeners]) cb(line);
  }
}
