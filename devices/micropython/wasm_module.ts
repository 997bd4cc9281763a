/**
 * MicroPython's wasm, compiled once per process and shared by every board's worker
 * (a WebAssembly.Module can be posted to workers). Each board gets its own shared
 * Memory, which the main thread keeps too (see interrupt words in board_runtime.ts).
 */
import { toSharedMemoryWasm } from "./wasm_rewrite.ts";

/** The npm package (pinned in deno.json) whose loader and wasm we use. */
export const MICROPYTHON_PACKAGE = "@micropython/micropython-webassembly-pyscript";
/** 64 KiB pages a board's memory may grow to: 128 MiB, far more than a board's heap. */
export const MAX_MEMORY_PAGES = 2048;

export interface MicroPythonWasm {
  module: WebAssembly.Module;
  minPages: number;
  maxPages: number;
  /** URL of the package's loader (micropython.mjs), for the worker to import. */
  loaderUrl: string;
}

let compiled: Promise<MicroPythonWasm> | undefined;

export function loaderUrl(): string {
  return import.meta.resolve(MICROPYTHON_PACKAGE);
}

/** Compiles the rewritten wasm on first use; later calls share the same module. */
export function micropythonWasm(): Promise<MicroPythonWasm> {
  compiled ??= (async () => {
    const loader = loaderUrl();
    const bytes = await Deno.readFile(new URL("micropython.wasm", loader));
    const shared = toSharedMemoryWasm(bytes, MAX_MEMORY_PAGES);
    const module = await WebAssembly.compile(shared.bytes as Uint8Array<ArrayBuffer>);
    return { module, minPages: shared.minPages, maxPages: shared.maxPages, loaderUrl: loader };
  })();
  return compiled;
}

/** A fresh memory for one board. */
export function boardMemory(wasm: MicroPythonWasm): WebAssembly.Memory {
  return new WebAssembly.Memory({
    initial: wasm.minPages,
    maximum: wasm.maxPages,
    shared: true,
  });
}
