/**
 * persist/: the data folder (`--data DIR`, default `.data/`) and what survives a restart:
 * students' programs, lesson progress, the broker's retained messages and persistent
 * sessions. Every write is atomic (temp file, fsync, rename). See README.md.
 */
export { writeFileAtomic, writeFileAtomicSync } from "./atomic.ts";
export { DataDir, DEFAULT_DATA_DIR, safeName } from "./data_dir.ts";
export { Debouncer, HOST_TIMERS, type HostTimers } from "./debounce.ts";
export { type BoardFileMap, ProgramStore } from "./program_store.ts";
export { MAX_PROGRESS_BYTES, ProgressStore } from "./progress_store.ts";
export {
  directSink,
  type PersistedPrograms,
  Persistence,
  type PersistenceOptions,
  type RestoreSink,
} from "./persistence.ts";
