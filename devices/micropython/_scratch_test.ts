import { micropythonWasm } from "./wasm_module.ts";
Deno.test("compile", async () => {
  const t = performance.now();
  const w = await micropythonWasm();
  console.log(w.minPages, w.loaderUrl, performance.now() - t);
});
