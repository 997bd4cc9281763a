/**
 * devices/micropython: real MicroPython (the official wasm port) on the virtual ESP32s.
 * See runtime.ts for the API, session.ts for how a worker meets the board's CPU.
 */
export { type MicroPythonOptions, MicroPythonRuntime } from "./runtime.ts";
export { type BoardRunState, MicroPythonBoard } from "./board_host.ts";
export { BoardFiles } from "./board_files.ts";
export { RUNAWAY_MESSAGE } from "./session.ts";
export { HOST_WALL_CLOCK, type WallClock } from "./wall_clock.ts";
export { micropythonPrograms } from "./sim_hook.ts";
