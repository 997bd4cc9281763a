/**
 * A worker with MicroPython already loaded, waiting for a board: the runtime keeps one
 * spare, so a boot (power on, Ctrl-D) only writes the files and runs them.
 */
import { createControlBlock } from "./control_block.ts";
import { boardMemory, type MicroPythonWasm } from "./wasm_module.ts";
import type { InterruptWords, WorkerLoad, WorkerMessage } from "./worker_protocol.ts";

export class PreparedWorker {
  readonly worker: Worker;
  readonly memory: WebAssembly.Memory;
  readonly control: SharedArrayBuffer;
  loaded = false;
  /** Set when loading failed. */
  error: string | undefined;

  constructor(
    wasm: MicroPythonWasm,
    heapBytes: number,
    words: InterruptWords | undefined,
    foundWords: (words: InterruptWords) => void,
  ) {
    this.memory = boardMemory(wasm);
    this.control = createControlBlock();
    this.worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
    this.worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const msg = e.data;
      if (typeof msg !== "object") return;
      if ("loaded" in msg) {
        if (msg.words) foundWords(msg.words);
        this.loaded = true;
      } else {
        this.error = msg.error ?? "the worker ended while loading";
      }
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.error = e.message;
    };
    const load: WorkerLoad = {
      module: wasm.module,
      memory: this.memory,
      control: this.control,
      loaderUrl: wasm.loaderUrl,
      heapBytes,
      interruptWords: words,
    };
    this.worker.postMessage(load);
  }
}
