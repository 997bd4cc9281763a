import assert from "node:assert/strict";
import { toSharedMemoryWasm } from "./wasm_rewrite.ts";
import { loaderUrl } from "./wasm_module.ts";

/** (module (import "env" "f" (func)) (memory 2) (export "memory" (memory 0))) */
const TINY = new Uint8Array([
  0x00,
  0x61,
  0x73,
  0x6d,
  0x01,
  0x00,
  0x00,
  0x00, // magic, version
  0x01,
  0x04,
  0x01,
  0x60,
  0x00,
  0x00, // type section: () -> ()
  0x02,
  0x09,
  0x01,
  0x03,
  0x65,
  0x6e,
  0x76,
  0x01,
  0x66,
  0x00,
  0x00, // import env.f
  0x05,
  0x03,
  0x01,
  0x00,
  0x02, // memory section: 1 memory, min 2 pages
  0x07,
  0x0a,
  0x01,
  0x06,
  0x6d,
  0x65,
  0x6d,
  0x6f,
  0x72,
  0x79,
  0x02,
  0x00, // export memory
]);

Deno.test("toSharedMemoryWasm: the defined memory becomes an imported shared one", async () => {
  const { bytes, minPages } = toSharedMemoryWasm(TINY, 16);
  assert.equal(minPages, 2);
  const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  assert.deepEqual(WebAssembly.Module.imports(module).map((i) => [i.module, i.name, i.kind]), [
    ["env", "f", "function"],
    ["env", "memory", "memory"],
  ]);
  const memory = new WebAssembly.Memory({ initial: 2, maximum: 16, shared: true });
  const instance = await WebAssembly.instantiate(module, { env: { f: () => {}, memory } });
  assert.equal(instance.exports.memory, memory);
});

Deno.test("toSharedMemoryWasm: MicroPython's wasm compiles with an imported shared memory", async () => {
  const wasm = await Deno.readFile(new URL("micropython.wasm", loaderUrl()));
  const { bytes, minPages } = toSharedMemoryWasm(wasm, 2048);
  const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  const memory = WebAssembly.Module.imports(module).find((i) => i.kind === "memory");
  assert.deepEqual(memory && [memory.module, memory.name], ["env", "memory"]);
  assert.ok(minPages > 0);
  assert.throws(() => toSharedMemoryWasm(bytes, 2048), /defines no memory/);
});
