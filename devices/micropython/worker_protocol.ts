/** What the kernel and a board's worker post to each other (besides the control block). */

/** [int32 index, value before, value after mp_sched_keyboard_interrupt()]; [0] is the
 * pending-exception word, the others the scheduler state. */
export type InterruptWords = [index: number, before: number, after: number][];

/** First message: load MicroPython (a spare worker does this before any board needs it). */
export interface WorkerLoad {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  loaderUrl: string;
  heapBytes: number;
  /** Known after the first board of the process found them; else the worker finds them. */
  interruptWords?: InterruptWords;
}

/** Second message: boot this board. */
export interface WorkerBoot {
  /** The board's file system: path (no leading slash) -> text. */
  files: Record<string, string>;
  /** The runtime's own modules, under /_sim. */
  runtimeFiles: Record<string, string>;
  boardName: string;
  reason: string;
  seed: number;
  nowUs: number;
  powerOnAtUs: number;
  /** Printed after the traceback of a KeyboardInterrupt the runaway watchdog raised. */
  runawayMessage: string;
}

/** A request is waiting in the control block. */
export const REQUEST_DOORBELL = 1;

export type WorkerMessage =
  | string
  | typeof REQUEST_DOORBELL
  | { loaded: true; words?: InterruptWords }
  | { exit: true; error?: string };
