/** devices/esp32: the ESP32 board model. See board.ts for the API. */
export { Activity } from "./activity.ts";
export {
  Board,
  type BoardConfig,
  type BoardDeps,
  type BoardTraffic,
  BOOT_BUTTON_PIN,
  type BootReason,
  DEFAULT_LED_PIN,
  type PowerEvent,
  type PowerState,
  type ProgramHost,
} from "./board.ts";
export { type ConsoleLine, SerialConsole } from "./console.ts";
export { Cpu, SCHEDULER_DEPTH, type TaskKind, type WaitRequest, type WakeReason } from "./cpu.ts";
export * from "./pin.ts";
export * from "./socket.ts";
export * from "./timer.ts";
export * from "./wlan.ts";
