/**
 * The per-board SharedArrayBuffer between a board's worker and the kernel: a few Int32
 * words, the virtual time, the sockets with nothing to read, then a request region and
 * a reply region in the binary wire format (wire.ts). The worker writes a request, posts
 * a doorbell message and parks in Atomics.wait on STATE; the kernel writes the reply,
 * sets STATE to READY and notifies.
 */

/** Int32 word indexes. */
export const STATE = 0;
export const REQUEST_LENGTH = 1;
export const REPLY_LENGTH = 2;
/** How many fds follow in QUIET_FDS. */
export const QUIET_COUNT = 3;
/** Float64 index (bytes 16..23) of the virtual time (us) when the reply was written. */
export const NOW_US_F64 = 2;
/** Int32 index where the quiet fds begin: connected sockets with nothing to read. */
export const QUIET_FDS = 6;
export const MAX_QUIET_FDS = 9;
/** Int32 index: 1 once the runaway watchdog interrupted this board's program. */
export const RUNAWAY_FLAG = 15;
/** Int32 index: bumped by the worker for every request (a doorbell is for one request). */
export const REQUEST_SEQ = 16;

/** STATE values. */
export const WAITING = 0;
export const READY = 1;

const HEADER_BYTES = 128;
/** Largest request or reply; bigger byte strings are sent in pieces by the .py side. */
export const REGION_BYTES = 64 * 1024;
/** What the .py side sends or receives in one call at most. */
export const MAX_CHUNK_BYTES = 32 * 1024;

export interface ControlBlock {
  sab: SharedArrayBuffer;
  words: Int32Array;
  floats: Float64Array;
  request: Uint8Array;
  reply: Uint8Array;
}

export function createControlBlock(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + 2 * REGION_BYTES);
}

export function viewControlBlock(sab: SharedArrayBuffer): ControlBlock {
  return {
    sab,
    words: new Int32Array(sab, 0, HEADER_BYTES / 4),
    floats: new Float64Array(sab, 0, 3),
    request: new Uint8Array(sab, HEADER_BYTES, REGION_BYTES),
    reply: new Uint8Array(sab, HEADER_BYTES + REGION_BYTES, REGION_BYTES),
  };
}
