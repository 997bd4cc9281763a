/**
 * The .py files of the runtime, read once from py/: the hidden modules that stand in for
 * the firmware's C modules (py/_sim, mounted at /_sim on every board) and the default
 * board files (boot.py, lib/umqtt/...), which the student sees and may edit.
 */

const RUNTIME_FILES = [
  "_boot.py",
  "_files.py",
  "_os.py",
  "_rt.py",
  "_time.py",
  "machine.py",
  "network.py",
  "requests.py",
  "simple.py",
  "socket.py",
  "ssl.py",
  "urequests.py",
  "usocket.py",
];

/** Board files every new board starts with (as a freshly flashed ESP32 plus umqtt). */
const DEFAULT_BOARD_FILES = ["boot.py", "lib/umqtt/__init__.py", "lib/umqtt/simple.py"];

function read(path: string): string {
  return Deno.readTextFileSync(new URL(`./py/${path}`, import.meta.url));
}

let runtime: Record<string, string> | undefined;
let defaults: Record<string, string> | undefined;

/** Path under / -> text, for the worker's /_sim directory. */
export function runtimeFiles(): Record<string, string> {
  runtime ??= Object.fromEntries(RUNTIME_FILES.map((f) => [`_sim/${f}`, read(`_sim/${f}`)]));
  return runtime;
}

export function defaultBoardFiles(): Record<string, string> {
  defaults ??= Object.fromEntries(DEFAULT_BOARD_FILES.map((f) => [f, read(f)]));
  return defaults;
}
