/**
 * Rewrites micropython.wasm so that its linear memory is imported and shared:
 * the defined memory (section 5) is removed and an import `env.memory` (shared, same
 * minimum, our maximum) is added. Why: the main thread must be able to write two words
 * of a spinning board's memory (the pending KeyboardInterrupt) because Worker.terminate()
 * cannot stop a worker that spins inside wasm (Deno 2.9.6). The export of memory 0 stays
 * valid: it now names the imported memory.
 */

const SECTION_IMPORT = 2;
const SECTION_MEMORY = 5;
/** Import kind: memory. */
const EXTERNAL_MEMORY = 0x02;
/** Limits flags: has maximum (0x01) | shared (0x02). */
const LIMITS_SHARED_WITH_MAX = 0x03;
const WASM_HEADER_BYTES = 8;

export interface SharedMemoryWasm {
  bytes: Uint8Array;
  /** The original module's minimum memory, in 64 KiB pages. */
  minPages: number;
  maxPages: number;
}

function readVarU32(bytes: Uint8Array, offset: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  let i = offset;
  for (;;) {
    const b = bytes[i++];
    if (b === undefined) throw new Error(`Cannot read wasm: LEB128 runs past the end at ${offset}`);
    value |= (b & 0x7f) << shift;
    shift += 7;
    if (!(b & 0x80)) break;
  }
  return [value >>> 0, i];
}

function varU32(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

function name(text: string): number[] {
  const bytes = new TextEncoder().encode(text);
  return [...varU32(bytes.length), ...bytes];
}

export function toSharedMemoryWasm(wasm: Uint8Array, maxPages: number): SharedMemoryWasm {
  const sections: { id: number; body: Uint8Array }[] = [];
  let offset = WASM_HEADER_BYTES;
  while (offset < wasm.length) {
    const id = wasm[offset];
    const [length, start] = readVarU32(wasm, offset + 1);
    sections.push({ id, body: wasm.subarray(start, start + length) });
    offset = start + length;
  }
  const memory = sections.find((s) => s.id === SECTION_MEMORY);
  if (!memory) throw new Error("Cannot rewrite wasm: it defines no memory (already imported?)");
  const [count, afterCount] = readVarU32(memory.body, 0);
  if (count !== 1) throw new Error(`Cannot rewrite wasm: it defines ${count} memories, not 1`);
  const [minPages] = readVarU32(memory.body, afterCount + 1);
  if (minPages > maxPages) {
    throw new Error(`Cannot rewrite wasm: it needs ${minPages} pages, more than ${maxPages}`);
  }
  const out: number[] = [...wasm.subarray(0, WASM_HEADER_BYTES)];
  const push = (id: number, body: ArrayLike<number>) => {
    out.push(id, ...varU32(body.length));
    for (let i = 0; i < body.length; i++) out.push(body[i]);
  };
  for (const s of sections) {
    if (s.id === SECTION_MEMORY) continue;
    if (s.id !== SECTION_IMPORT) {
      push(s.id, s.body);
      continue;
    }
    const [imports, rest] = readVarU32(s.body, 0);
    push(s.id, [
      ...varU32(imports + 1),
      ...s.body.subarray(rest),
      ...name("env"),
      ...name("memory"),
      EXTERNAL_MEMORY,
      LIMITS_SHARED_WITH_MAX,
      ...varU32(minPages),
      ...varU32(maxPages),
    ]);
  }
  return { bytes: new Uint8Array(out), minPages, maxPages };
}
