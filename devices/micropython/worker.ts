/// <reference lib="deno.worker" />
/**
 * The board side of one MicroPython board: a Deno Worker running the MicroPython wasm
 * on the board's own shared memory. Python reaches the kernel through the JS module
 * `_board`: every call writes a request into the control block, rings the kernel with a
 * tiny message and parks in Atomics.wait until the reply is there. Bytes go between the
 * wasm heap and the control block directly (uctypes.addressof on the Python side).
 *
 * Messages to the kernel (main thread): a string = console text; REQUEST_DOORBELL = a
 * request is in the control block; `{ loaded, words? }` once MicroPython runs; `{ exit }`
 * when the worker ends. Nothing here reads host time: the board's time is the kernel's.
 */
import {
  NOW_US_F64,
  QUIET_COUNT,
  QUIET_FDS,
  REPLY_LENGTH,
  REQUEST_LENGTH,
  REQUEST_SEQ,
  RUNAWAY_FLAG,
  STATE,
  viewControlBlock,
  WAITING,
} from "./control_block.ts";
import { OP, REPLY } from "./ops.ts";
import { WireReader, type WireValue, WireWriter } from "./wire.ts";
import type { InterruptWords, WorkerBoot, WorkerLoad, WorkerMessage } from "./worker_protocol.ts";
import { REQUEST_DOORBELL } from "./worker_protocol.ts";

/** Out of the wasm memory's reach: the VM traps when it raises this "exception". */
const POISON_POINTER = 0x7ffffff0;
/** Frames of the runtime's own .py files and of the runner: the board shows none. */
const HIDDEN_FRAME = /^ {2}File "\/_sim\/[^"]*", line \d+/;
/** A recv asks the kernel for at least this much; the rest waits in the worker. */
const RECV_AHEAD_BYTES = 4096;
/** Sends held for the next request, at most (the request region is 64 KiB). */
const OUTBOX_BYTES = 16 * 1024;
/** MicroPython's ticks wrap at 2^30. */
const TICKS_MASK = 2 ** 30 - 1;
/** What one clock read costs in virtual time, so busy-waits on ticks_ms() make progress. */
const CLOCK_READ_US = 10;
/** What a call that does not block costs (a pin write, a send), so that a loop of them
 * without sleep still moves the world's time as it would on the board. */
const SYSCALL_US = 10;
/** Calls that may block: their own wait is the time they take. */
const WAITING_OPS: ReadonlySet<number> = new Set([
  OP.SLEEP_US,
  OP.IDLE,
  OP.CB_DONE,
  OP.SOCK_CONNECT,
  OP.SOCK_RECV,
]);
/** Clock-read cost is paid (a real sleep, timers may fire) once it reaches this. */
const CLOCK_DEBT_LIMIT_US = 1000;

function post(message: WorkerMessage): void {
  self.postMessage(message);
}

/** The loader decodes strings from the wasm heap, which is shared memory here. */
function allowSharedDecode(): void {
  const decode = TextDecoder.prototype.decode;
  TextDecoder.prototype.decode = function (input?: AllowSharedBufferSource, options?) {
    if (input && ArrayBuffer.isView(input) && input.buffer instanceof SharedArrayBuffer) {
      input = new Uint8Array(input.buffer, input.byteOffset, input.byteLength).slice();
    }
    return decode.call(this, input as BufferSource, options);
  };
}

/**
 * The loader must instantiate our shared-memory module, not fetch and compile its own.
 * It is also kept from seeing Node (Deno's global `process`): in Node mode it would pull
 * in Deno's Node compatibility layer, 3 MB more per board; in web-worker mode it asks
 * instantiateStreaming for a URL we give (an empty data: URL), and we hand it our module.
 */
function useSharedModule(module: WebAssembly.Module, memory: WebAssembly.Memory): void {
  delete (globalThis as { process?: unknown }).process;
  const instantiate = WebAssembly.instantiate;
  const ours = async (_source: unknown, imports: WebAssembly.Imports) => {
    (imports.env as Record<string, unknown>).memory = memory;
    const instance = await instantiate(module, imports);
    return { instance, module };
  };
  (WebAssembly as unknown as { instantiateStreaming: unknown }).instantiateStreaming = ours;
  (WebAssembly as unknown as { instantiate: unknown }).instantiate = ours;
}

/** What the loader "fetches" for the wasm: nothing (useSharedModule supplies the module). */
const EMPTY_WASM_URL = "data:application/wasm;base64,";

/** Where mp_sched_keyboard_interrupt() writes: found by diffing memory around one call. */
function findInterruptWords(memory: WebAssembly.Memory, raise: () => void): InterruptWords {
  const before = new Int32Array(memory.buffer).slice();
  raise();
  const after = new Int32Array(memory.buffer);
  const words: InterruptWords = [];
  for (let i = 0; i < before.length; i++) {
    if (before[i] !== after[i]) words.push([i, before[i], after[i]]);
  }
  for (const [i, was] of words) after[i] = was;
  return words;
}

function writeFiles(fs: MicroPythonFs, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split("/").filter((p) => p);
    let dir = "";
    for (const part of parts.slice(0, -1)) {
      dir += "/" + part;
      if (!fs.analyzePath(dir).exists) fs.mkdir(dir);
    }
    fs.writeFile("/" + parts.join("/"), text);
  }
}

/** Emscripten's /tmp, /home and /dev: not on a board's flash (os.listdir() shows files). */
function removeHostDirs(fs: MicroPythonFs): void {
  const remove = (path: string) => {
    if (fs.isDir(fs.lstat(path).mode)) {
      for (const name of fs.readdir(path)) {
        if (name !== "." && name !== "..") remove(`${path}/${name}`);
      }
      fs.rmdir(path);
    } else fs.unlink(path);
  };
  for (const dir of ["/tmp", "/home", "/dev"]) {
    if (fs.analyzePath(dir).exists) remove(dir);
  }
}

interface MicroPythonFs {
  lstat(path: string): { mode: number };
  isDir(mode: number): boolean;
  readdir(path: string): string[];
  rmdir(path: string): void;
  unlink(path: string): void;
  analyzePath(path: string): { exists: boolean };
  mkdir(path: string): void;
  writeFile(path: string, data: string): void;
}

interface MicroPythonApi {
  FS: MicroPythonFs;
  _module: { _mp_sched_keyboard_interrupt(): void };
  registerJsModule(name: string, module: Record<string, unknown>): void;
  runPython(code: string): unknown;
  pyimport(name: string): unknown;
}

async function run(load: WorkerLoad, nextBoot: Promise<WorkerBoot>): Promise<void> {
  const { memory } = load;
  const block = viewControlBlock(load.control);
  const writer = new WireWriter(block.request);
  let heap = new Uint8Array(memory.buffer);
  const heapView = () => {
    if (heap.byteLength !== memory.buffer.byteLength) heap = new Uint8Array(memory.buffer);
    return heap;
  };

  // Console: bytes from MicroPython's stdout, cut into lines, the runtime's frames dropped.
  const decoder = new TextDecoder();
  let partial: number[] = [];
  let pending = "";
  const takeLine = (withNewline: boolean) => {
    const text = decoder.decode(new Uint8Array(partial));
    partial = [];
    if (withNewline && HIDDEN_FRAME.test(text)) return;
    pending += withNewline ? text + "\n" : text;
    // Line by line, as a serial console: a program that spins still shows what it printed.
    if (withNewline) flushConsole(false);
  };
  const flushConsole = (all: boolean) => {
    if (all && partial.length > 0) takeLine(false);
    if (pending) {
      post(pending);
      pending = "";
    }
  };
  const stdout = (bytes: Uint8Array) => {
    for (const b of bytes) {
      if (b === 10) takeLine(true);
      else partial.push(b);
    }
  };

  allowSharedDecode();
  useSharedModule(load.module, memory);
  const { loadMicroPython } = await import(load.loaderUrl);
  const mp: MicroPythonApi = await loadMicroPython({
    url: EMPTY_WASM_URL,
    heapsize: load.heapBytes,
    stdout,
    stderr: stdout,
    linebuffer: false,
  });
  let words = load.interruptWords;
  const found = words ? undefined : findInterruptWords(memory, () => {
    mp._module._mp_sched_keyboard_interrupt();
  });
  words ??= found!;
  post({ loaded: true, words: found });
  // A spare worker waits here, MicroPython loaded, until a board boots on it.
  const init = await nextBoot;

  // --- calls into the kernel ---
  let special: { kind: number; a: WireValue | undefined; b: WireValue | undefined } = {
    kind: REPLY.OK,
    a: undefined,
    b: undefined,
  };
  const SPECIAL = {}; // returned for every non-OK reply; Python asks kind()/arg()/arg2()
  let nowUs = init.nowUs;
  let debtUs = 0;
  const quiet = new Set<number>();
  let exiting = false;

  // Sends on a socket that is connected with nothing to read cannot fail now, and time
  // stands still while we run: they wait here and go with the next request (fewer trips).
  const outbox: { fd: number; bytes: Uint8Array }[] = [];
  let outboxBytes = 0;
  // Bytes a recv fetched beyond what Python asked for: later recvs take them from here.
  const received = new Map<number, Uint8Array>();
  // The recv fd of each call that a callback interrupted, for the CB_DONE that resumes it.
  const resumed: (number | undefined)[] = [];

  const exchange = (outAddr: number, outCap: number, recvFd: number | undefined): unknown => {
    block.words[REQUEST_LENGTH] = writer.length;
    Atomics.store(block.words, STATE, WAITING);
    flushConsole(true);
    Atomics.add(block.words, REQUEST_SEQ, 1);
    post(REQUEST_DOORBELL);
    Atomics.wait(block.words, STATE, WAITING);
    nowUs = block.floats[NOW_US_F64];
    quiet.clear();
    const n = block.words[QUIET_COUNT];
    for (let i = 0; i < n; i++) quiet.add(block.words[QUIET_FDS + i]);
    const reader = new WireReader(block.reply, block.words[REPLY_LENGTH]);
    const kind = reader.next() as number;
    if (kind === REPLY.OK) {
      if (reader.done) return null;
      if (outCap > 0 && reader.peekIsBytes()) {
        const bytes = reader.next() as Uint8Array;
        const count = Math.min(bytes.length, outCap);
        heapView().set(bytes.subarray(0, count), outAddr);
        if (recvFd !== undefined && count < bytes.length) {
          received.set(recvFd, bytes.subarray(count));
        }
        return count;
      }
      const v = reader.next();
      return v instanceof Uint8Array ? decoder.decode(v) : v;
    }
    special = { kind, a: reader.next(), b: reader.next() };
    if (kind === REPLY.RUN_CALLBACK) resumed.push(recvFd);
    if (kind === REPLY.EXIT) poison();
    return SPECIAL;
  };

  const poison = () => {
    exiting = true;
    const i32 = new Int32Array(memory.buffer);
    Atomics.store(i32, words![0][0], POISON_POINTER);
    for (const [i, , raised] of words!.slice(1)) Atomics.store(i32, i, raised);
  };

  /** Starts a request: the waiting sends first, then the call itself. */
  const begin = (op: number): WireWriter => {
    let paidUs = 0;
    if (!WAITING_OPS.has(op)) {
      debtUs += SYSCALL_US;
      if (debtUs >= CLOCK_DEBT_LIMIT_US) {
        paidUs = debtUs; // the kernel answers this call that much later
        debtUs = 0;
      }
    }
    writer.reset().value(paidUs).value(outbox.length);
    for (const m of outbox) writer.value(m.fd).value(m.bytes);
    outbox.length = 0;
    outboxBytes = 0;
    return writer.value(op);
  };

  const call = (
    op: number,
    a?: WireValue,
    b?: WireValue,
    c?: WireValue,
    d?: WireValue,
    outAddr = 0,
    outCap = 0,
  ): unknown => {
    if (exiting) return SPECIAL;
    let recvFd: number | undefined;
    if (op === OP.SOCK_RECV) {
      const fd = a as number;
      const ahead = received.get(fd);
      if (ahead) {
        const count = Math.min(ahead.length, outCap);
        heapView().set(ahead.subarray(0, count), outAddr);
        if (count < ahead.length) received.set(fd, ahead.subarray(count));
        else received.delete(fd);
        return count;
      }
      recvFd = fd;
      b = Math.max(b as number, RECV_AHEAD_BYTES);
    } else if (op === OP.SOCK_CLOSE) {
      received.delete(a as number);
    } else if (op === OP.CB_DONE) {
      recvFd = resumed.pop();
    }
    begin(op).value(a).value(b).value(c).value(d);
    return exchange(outAddr, outCap, recvFd);
  };

  const send = (op: number, a: WireValue, addr: number, length: number): unknown => {
    if (exiting) return SPECIAL;
    const fd = a as number;
    if (quiet.has(fd) && outboxBytes + length <= OUTBOX_BYTES) {
      debtUs += SYSCALL_US;
      outbox.push({ fd, bytes: heapView().slice(addr, addr + length) });
      outboxBytes += length;
      return length;
    }
    begin(op).value(a).value(heapView().subarray(addr, addr + length));
    return exchange(0, 0, undefined);
  };

  const boardModule = {
    OP,
    REPLY,
    name: init.boardName,
    reason: init.reason,
    seed: init.seed,
    call,
    send,
    kind: () => special.kind,
    arg: () => special.a ?? null,
    arg2: () => special.b ?? null,
    quiet: (fd: number) => quiet.has(fd) && !received.has(fd),
    /** The watchdog's note, once, after the KeyboardInterrupt it raised was printed. */
    runaway_note: () => {
      if (Atomics.exchange(block.words, RUNAWAY_FLAG, 0) === 0) return null;
      return init.runawayMessage;
    },
    /** A clock read: charges its cost; true when the debt must be paid with a sleep. */
    charge: () => (debtUs += CLOCK_READ_US) >= CLOCK_DEBT_LIMIT_US,
    debt: () => {
      const d = debtUs;
      debtUs = 0;
      return d;
    },
    ticks_us: () => Math.floor(nowUs + debtUs - init.powerOnAtUs) & TICKS_MASK,
    ticks_ms: () => Math.floor((nowUs + debtUs - init.powerOnAtUs) / 1000) & TICKS_MASK,
    time_s: () => Math.floor((nowUs + debtUs - init.powerOnAtUs) / 1e6),
    time_ns_ms: () => Math.floor((nowUs + debtUs - init.powerOnAtUs) / 1000),
  };

  removeHostDirs(mp.FS);
  writeFiles(mp.FS, init.files);
  writeFiles(mp.FS, init.runtimeFiles);
  mp.registerJsModule("_board", boardModule);
  let error: string | undefined;
  try {
    // Imported, not run as <stdin>: "<stdin>" frames belong to lines typed at the REPL.
    mp.runPython("import sys\nsys.path.append('/_sim')");
    mp.pyimport("_boot");
  } catch (e) {
    // A trap after poisoning is the way a stopped board ends; anything else is a bug.
    if (!exiting) error = String((e as Error)?.message ?? e);
  }
  flushConsole(true);
  post({ exit: true, error });
  self.close();
}

let bootWith: (boot: WorkerBoot) => void;
const nextBoot = new Promise<WorkerBoot>((resolve) => bootWith = resolve);
self.onmessage = (e: MessageEvent<WorkerLoad>) => {
  self.onmessage = (b: MessageEvent<WorkerBoot>) => {
    self.onmessage = null;
    bootWith(b.data);
  };
  run(e.data, nextBoot).catch((err) => {
    post({ exit: true, error: String(err?.stack ?? err) });
    self.close();
  });
};
