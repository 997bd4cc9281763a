/**
 * replay/: record a running world with its inputs from outside (real clients, teacher
 * actions, wall timers) as a session file, and replay it exactly. See README.md.
 */
export {
  type BoardInput,
  fromHex,
  type InputPoint,
  parseSession,
  SESSION_FORMAT,
  SESSION_VERSION,
  type SessionFile,
  type SessionInput,
  type SessionPacket,
  toHex,
} from "./session_file.ts";
export { applyBoardInput, applyFault, type ApplyResult, type HostPrograms } from "./apply_input.ts";
export { type RecorderOptions, SessionRecorder } from "./recorder.ts";
export {
  type PacketMismatch,
  packetOf,
  Replayer,
  type ReplayOptions,
  type ReplayPrograms,
  replaySession,
} from "./replayer.ts";
export { QuietGate } from "./gate.ts";
